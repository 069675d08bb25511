import { randomUUID } from "node:crypto";
import { appendFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiskOutbox, OUTBOX_FILE, type OutboxProblem } from "../../gate-agent/delivery/disk-outbox";
import type { TapReport } from "../../protocol/devices";
import { makeReadOnly } from "./helpers/read-only";

/** The outbox against a real temporary folder: what survives, what is cut, what is refused. */

let dir: string;
let problems: OutboxProblem[];
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-outbox-"));
  problems = [];
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function openOutbox(limit?: number): Promise<DiskOutbox> {
  const outbox = await DiskOutbox.open({
    dir: join(dir, "agent"),
    onProblem: (p) => problems.push(p),
    compactAfter: 3,
    ...(limit === undefined ? {} : { limit }),
  });
  cleanups.push(() => outbox.close());
  return outbox;
}

function tap(card: string): TapReport {
  return {
    id: randomUUID(),
    readerId: "ttyV0",
    at: new Date().toISOString(),
    reading: { kind: "card", cardId: card },
  };
}

async function drain(outbox: DiskOutbox): Promise<TapReport[]> {
  const out: TapReport[] = [];
  for (let next = await outbox.peek(); next; next = await outbox.peek()) {
    out.push(next);
    await outbox.remove(next.id);
  }
  return out;
}

describe("the agent's outbox on disk", () => {
  it("gives back after a reopen every tap not acknowledged, in order, with its id", async () => {
    const first = await openOutbox();
    const taps = ["0000000001", "0000000002", "0000000003", "0000000004"].map(tap);
    for (const t of taps) await first.enqueue(t);
    await first.remove(taps[0]?.id ?? "");
    await first.close();

    const second = await openOutbox();
    expect(second.size()).toBe(3);
    expect(await drain(second)).toEqual(taps.slice(1));
    expect(problems).toEqual([]);
  });

  it("compacts acknowledged taps away", async () => {
    const outbox = await openOutbox();
    const taps = Array.from({ length: 5 }, (_, i) => tap(`000000001${i}`));
    for (const t of taps) await outbox.enqueue(t);
    for (const t of taps.slice(0, 3)) await outbox.remove(t.id);
    const text = await readFile(join(dir, "agent", OUTBOX_FILE), "utf8");
    expect(text.trim().split("\n")).toHaveLength(2);
    await drain(outbox);
    expect(await readFile(join(dir, "agent", OUTBOX_FILE), "utf8")).toBe("");
  });

  it("cuts a torn last line off, reports it, and starts with everything before it", async () => {
    const outbox = await openOutbox();
    const kept = tap("0000000021");
    await outbox.enqueue(kept);
    await outbox.close();
    await appendFile(join(dir, "agent", OUTBOX_FILE), '{"tap":{"id":"3f0c');

    const reopened = await openOutbox();
    expect(problems).toEqual([{ kind: "torn_line", bytes: 18 }]);
    expect(await drain(reopened)).toEqual([kept]);
    const after = tap("0000000022");
    await reopened.enqueue(after);
    await reopened.close();
    expect(await drain(await openOutbox())).toEqual([after]);
  });

  it("refuses a tap when full, says so before, and never drops one it took", async () => {
    const outbox = await openOutbox(5);
    const taps = Array.from({ length: 5 }, (_, i) => tap(`000000003${i}`));
    for (const t of taps) await outbox.enqueue(t);
    expect(problems).toEqual([{ kind: "near_full", size: 4, limit: 5 }]);
    await expect(outbox.enqueue(tap("0000000039"))).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect(problems.at(-1)).toEqual({ kind: "full", limit: 5 });
    await outbox.close();
    expect(await drain(await openOutbox(5))).toEqual(taps);
  });

  it("refuses taps while its folder is read-only, keeps the ones it took, and recovers", async () => {
    const folder = join(dir, "agent");
    await mkdir(folder);
    const undo = await makeReadOnly(folder);
    cleanups.push(undo);
    const outbox = await openOutbox();
    await expect(outbox.enqueue(tap("0000000041"))).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect(problems.map((p) => p.kind)).toEqual(["disk_error"]);
    expect(outbox.size()).toBe(0);

    await undo();
    const later = tap("0000000042");
    await outbox.enqueue(later);
    await outbox.close();
    expect(await drain(await openOutbox())).toEqual([later]);
  });
});
