import { describe, expect, it } from "vitest";
import {
  getFirmwareVersion,
  inListPassiveTarget106A,
  parseFirmwareVersion,
  parsePassiveTarget,
  samConfigurationNormal,
} from "../../gate-agent/drivers/pn532/commands";
import { ACK, encodeFrame, FrameParser, NACK, type Pn532Item } from "../../gate-agent/drivers/pn532/frame";
import { pseudoRandomBytes } from "./helpers/frames";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

/** Items with buffers as hex, junk runs merged, so different chunkings compare equal. */
function summary(items: Pn532Item[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const last = out.at(-1) as { kind?: string; count?: number } | undefined;
    if (item.kind === "junk" && last?.kind === "junk") last.count = (last.count ?? 0) + item.count;
    else if (item.kind === "junk") out.push({ ...item });
    else if (item.kind === "frame")
      out.push({
        kind: "frame",
        tfi: item.tfi,
        data: item.data.toString("hex"),
        raw: item.raw.toString("hex"),
      });
    else out.push({ ...item, raw: item.raw.toString("hex") });
  }
  return out;
}

function parseAll(bytes: Buffer, chunkSize = bytes.length): unknown[] {
  const parser = new FrameParser();
  const items: Pn532Item[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize)
    items.push(...parser.push(bytes.subarray(i, i + chunkSize)));
  return summary(items);
}

describe("PN532 frame encoding", () => {
  it("builds the known-good frames from hardware.md", () => {
    expect(samConfigurationNormal()).toEqual(hex("00 00 FF 03 FD D4 14 01 17 00"));
    expect(inListPassiveTarget106A()).toEqual(hex("00 00 FF 04 FC D4 4A 01 00 E1 00"));
    expect(getFirmwareVersion()).toEqual(hex("00 00 FF 02 FE D4 02 2A 00"));
    expect(ACK).toEqual(hex("00 00 FF 00 FF 00"));
    expect(NACK).toEqual(hex("00 00 FF FF 00 00"));
  });

  it("refuses to build a frame that would need the extended format", () => {
    expect(() => encodeFrame(0xd4, new Array<number>(300).fill(1))).toThrow(RangeError);
  });
});

describe("PN532 frame parsing", () => {
  const wakeReply = hex("00 00 FF 00 FF 00 00 00 FF 02 FE D5 15 16 00");

  it("finds the ACK and then the reply, however the bytes are split", () => {
    const expected = [
      { kind: "ack", raw: "0000ff00ff00" },
      { kind: "frame", tfi: 0xd5, data: "15", raw: "0000ff02fed5151600" },
    ];
    expect(parseAll(wakeReply)).toEqual(expected);
    for (const size of [1, 2, 3, 5, 7]) expect(parseAll(wakeReply, size)).toEqual(expected);
  });

  it("counts junk before a frame but not its preamble, and waits for the postamble", () => {
    const parser = new FrameParser();
    expect(summary(parser.push(hex("AB CD 00 00 FF 00 FF")))).toEqual([{ kind: "junk", count: 2 }]);
    expect(summary(parser.push(hex("00")))).toEqual([{ kind: "ack", raw: "0000ff00ff00" }]);
  });

  it("gives the same items for every chunking of a messy stream", () => {
    const stream = Buffer.concat([
      hex("55 12 00"),
      wakeReply,
      hex("00 FF 07 02"), // a start code in noise with a bad LCS
      hex("00 00 FF 02 FE D5 03 99 00"), // bad DCS
      NACK,
      hex("00 00 FF 01 FF 7F 81 00"), // error frame
      hex("00 00 FF FF FF 00 02 FE D5 4B E0 00"), // extended
      hex("00 00 FF 0C F4 D5 4B 01 01 00 04 08 04 DE AD BE EF 96 00"),
    ]);
    const whole = parseAll(stream);
    for (const size of [1, 2, 3, 4, 11]) expect(parseAll(stream, size)).toEqual(whole);
    const kinds = whole.map((i) => {
      const item = i as { kind: string; reason?: string };
      return item.reason ?? item.kind;
    });
    expect(kinds).toEqual([
      "junk",
      "ack",
      "frame",
      "pn532:bad-length-checksum",
      "junk",
      "pn532:bad-data-checksum",
      "nack",
      "frame",
      "pn532:extended-frame",
      "junk",
      "frame",
    ]);
  });

  it("finds a good frame that starts inside one whose data checksum is wrong", () => {
    // A truncated frame (its LEN claims more) swallowing the start of the real reply.
    const stream = hex("00 00 FF 05 FB D5 4B 00 00 FF 02 FE D5 15 16 00 00");
    const items = parseAll(stream) as { kind: string; data?: string }[];
    expect(items.some((i) => i.kind === "bad")).toBe(true);
    expect(items.find((i) => i.kind === "frame")?.data).toBe("15");
  });

  it("never throws on noise and stays bounded", () => {
    const parser = new FrameParser();
    const noise = pseudoRandomBytes(256 * 1024, 42);
    let junk = 0;
    for (let i = 0; i < noise.length; i += 37) {
      for (const item of parser.push(noise.subarray(i, i + 37))) if (item.kind === "junk") junk += item.count;
    }
    expect(junk).toBeGreaterThan(0);
    expect(junk).toBeLessThanOrEqual(noise.length);
  });
});

describe("PN532 replies", () => {
  it("reads the firmware version", () => {
    expect(parseFirmwareVersion(hex("03 32 01 06 07"))).toEqual({
      ok: { ic: 0x32, version: 1, revision: 6, support: 7 },
    });
    expect(parseFirmwareVersion(hex("03 32"))).toHaveProperty("error");
    expect(parseFirmwareVersion(hex("15"))).toHaveProperty("error");
  });

  it("reads 4, 7 and 10 byte UIDs and no target", () => {
    const four = parsePassiveTarget(hex("4B 01 01 00 04 08 04 DE AD BE EF"));
    expect(four).toEqual({ ok: { sensRes: 0x0004, selRes: 0x08, uid: hex("DEADBEEF") } });
    const seven = parsePassiveTarget(hex("4B 01 01 00 44 00 07 04 11 22 33 44 55 66"));
    expect("ok" in seven && seven.ok?.uid).toEqual(hex("04112233445566"));
    const ten = parsePassiveTarget(hex("4B 01 01 00 44 00 0A 01 02 03 04 05 06 07 08 09 0A"));
    expect("ok" in ten && ten.ok?.uid.length).toBe(10);
    expect(parsePassiveTarget(hex("4B 00"))).toEqual({ ok: undefined });
  });

  it("refuses odd UID lengths and cut replies", () => {
    expect(parsePassiveTarget(hex("4B 01 01 00 04 08 05 01 02 03 04 05"))).toHaveProperty("error");
    expect(parsePassiveTarget(hex("4B 01 01 00 04 08 04 01 02"))).toHaveProperty("error");
    expect(parsePassiveTarget(hex("4B 01 01 00"))).toHaveProperty("error");
    expect(parsePassiveTarget(hex("4B"))).toHaveProperty("error");
  });
});
