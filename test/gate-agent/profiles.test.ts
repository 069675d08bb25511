import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadProfile, parseProfile } from "../../common/profiles/load";
import { isWanfengError, type WanfengError } from "../../protocol/errors";

const valid = {
  id: "acme/r1",
  name: "Acme R1",
  transport: { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 },
  framing: { kind: "stx-etx", options: { start: 2, end: 3, frameLength: 14 } },
  decoder: { kind: "em4100-ascii-hex", options: {} },
  debounceMs: 500,
};

async function caught(promise: Promise<unknown>): Promise<WanfengError> {
  try {
    await promise;
  } catch (err) {
    if (isWanfengError(err)) return err;
    throw err;
  }
  throw new Error("expected a WanfengError");
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-profiles-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(id: string, value: unknown): Promise<string> {
  const file = join(dir, `${id}.json`);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

describe("hardware profile schema", () => {
  it("loads the shipped RDM6300 profile with hex byte strings turned into numbers", async () => {
    const profile = await loadProfile("generic/rdm6300");
    expect(profile.transport).toEqual({
      kind: "serial",
      baudRate: 9600,
      dataBits: 8,
      parity: "none",
      stopBits: 1,
    });
    expect(profile.framing).toEqual({ kind: "stx-etx", options: { start: 2, end: 3, frameLength: 14 } });
    expect(profile.decoder).toEqual({ kind: "em4100-ascii-hex", options: { checksum: "xor" } });
  });

  it("accepts a bare model name when only one vendor has it", async () => {
    expect((await loadProfile("rdm6300")).id).toBe("generic/rdm6300");
    await put("acme/r1", valid);
    expect((await loadProfile("R1", dir)).id).toBe("acme/r1");
  });

  it("refuses an ambiguous bare model name", async () => {
    await put("acme/r1", valid);
    await put("other/r1", { ...valid, id: "other/r1" });
    const err = await caught(loadProfile("r1", dir));
    expect(err.code).toBe("PROFILE_NOT_FOUND");
    expect(err.message).toContain("ambiguous");
  });

  it("says PROFILE_NOT_FOUND for an unknown profile", async () => {
    const err = await caught(loadProfile("nobody/nothing"));
    expect(err.code).toBe("PROFILE_NOT_FOUND");
  });

  it("names the file and the field of an invalid profile", async () => {
    const file = await put("acme/r1", { ...valid, transport: { ...valid.transport, parity: "sometimes" } });
    const err = await caught(loadProfile("acme/r1", dir));
    expect(err.code).toBe("PROFILE_INVALID");
    expect(err.message).toContain(file);
    expect(err.details).toMatchObject({ file, field: "transport.parity" });
  });

  it("names a nested framing option", async () => {
    await put("acme/r1", {
      ...valid,
      framing: { kind: "stx-etx", options: { start: "0x2G", end: 3, frameLength: 14 } },
    });
    const err = await caught(loadProfile("acme/r1", dir));
    expect(err.details).toMatchObject({ field: "framing.options.start" });
  });

  it("rejects an unknown framing kind, decoder kind or extra field", () => {
    expect(() => parseProfile({ ...valid, framing: { kind: "magic", options: {} } }, "x.json")).toThrow(
      /framing/,
    );
    expect(() => parseProfile({ ...valid, decoder: { kind: "nope", options: {} } }, "x.json")).toThrow(
      /decoder/,
    );
    expect(() => parseProfile({ ...valid, debounce: 5 }, "x.json")).toThrow(/x\.json/);
  });

  it("rejects a profile whose id does not match its place", async () => {
    await put("acme/r1", { ...valid, id: "acme/r2" });
    const err = await caught(loadProfile("acme/r1", dir));
    expect(err.code).toBe("PROFILE_INVALID");
    expect(err.details).toMatchObject({ field: "id" });
  });

  it("reports a file that is not JSON as invalid", async () => {
    const file = await put("acme/r1", "{ not json");
    const err = await caught(loadProfile("acme/r1", dir));
    expect(err.code).toBe("PROFILE_INVALID");
    expect(err.message).toContain(file);
  });
});

describe("profiles folder", () => {
  it("says PROFILE_NOT_FOUND when the folder itself is missing", async () => {
    const err = await caught(loadProfile("generic/rdm6300", join(dir, "missing")));
    expect(err.code).toBe("PROFILE_NOT_FOUND");
  });
});
