import { describe, expect, it } from "vitest";
import { DayLedger } from "../../server/day/day-ledger";
import { childDay, replay } from "../../server/domain/day-state";
import type { AppendOptions, DayEvent, EventJournal } from "../../server/domain/events";
import { openFileJournal } from "../../server/store/file-journal";
import { checkIn } from "../store/events";
import { useTempDirs } from "../store/temp-dir";

const tempDir = useTempDirs();
const DAY = "2025-03-04";
const CHILD = "20250101";

/** A file journal whose next append or read can be made to fail, counting appends. */
async function flakyJournal() {
  const inner = await openFileJournal(await tempDir());
  const faults = { append: 0, read: 0 };
  const appends: number[] = [];
  const journal: EventJournal = {
    readDay: (day) => (faults.read-- > 0 ? Promise.reject(new Error("read failed")) : inner.readDay(day)),
    append: (events: readonly DayEvent[], options?: AppendOptions) => {
      appends.push(events.length);
      return faults.append-- > 0 ? Promise.reject(new Error("disk full")) : inner.append(events, options);
    },
    close: () => inner.close(),
  };
  const published: string[] = [];
  const ledger = await DayLedger.open(
    {
      journal,
      rebuild: async (day, events) => replay(day, events),
      publish: (e) => published.push(...e.map((x) => x.id)),
    },
    DAY,
  );
  return { ledger, faults, appends, published, inner };
}

const checkInOnce = (id: string) => (state: Parameters<typeof childDay>[0]) => ({
  result: id,
  events: childDay(state, CHILD).status === "checked_in" ? [] : [checkIn(id)],
});

describe("day ledger", () => {
  it("decisions arriving during a write go together in the next one, each seeing the one before", async () => {
    const { ledger, appends, published, inner } = await flakyJournal();
    const first = ledger.submit(() => ({ result: 1, events: [{ ...checkIn("other"), childId: "x" }] }));
    const rest = [
      ledger.submit(checkInOnce("a")),
      ledger.submit(checkInOnce("b")),
      ledger.submit(checkInOnce("c")),
    ];
    expect(await Promise.all([first, ...rest])).toEqual([1, "a", "b", "c"]);
    // "b" and "c" were decided on "a": the child was already in.
    expect(appends).toEqual([1, 1]);
    expect(published).toEqual(["other", "a"]);
    expect(ledger.seq).toBe(2);
    expect((await inner.readDay(DAY)).map((e) => e.id)).toEqual(["other", "a"]);
  });

  it("a failed write is not kept: the day is read back and the caller told STORE_WRITE_FAILED", async () => {
    const { ledger, faults, published } = await flakyJournal();
    faults.append = 1;
    await expect(ledger.submit(checkInOnce("a"))).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect(childDay(ledger.state, CHILD).status).toBe("expected");
    expect(await ledger.submit(checkInOnce("b"))).toBe("b");
    expect(published).toEqual(["b"]);
  });

  it("when the journal cannot be read back either, the next decision reads it first", async () => {
    const { ledger, faults } = await flakyJournal();
    faults.append = 1;
    faults.read = 1;
    await expect(ledger.submit(checkInOnce("a"))).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    // The fold still holds "a", which the journal does not: the next round reads the day first.
    expect(await ledger.submit(checkInOnce("b"))).toBe("b");
    expect(ledger.seq).toBe(1);
  });

  it("a refusing decision leaves the others of its round alone", async () => {
    const { ledger } = await flakyJournal();
    const refused = ledger.submit(() => {
      throw new Error("no such child");
    });
    const fine = ledger.submit(checkInOnce("a"));
    await expect(refused).rejects.toThrow("no such child");
    expect(await fine).toBe("a");
  });

  it("starts the next round's write in the turn that delivers the last round, after building its updates", async () => {
    const inner = await openFileJournal(await tempDir());
    const writes: { release: () => void }[] = [];
    // Each append waits until the test releases it, as a slow disk would.
    const journal: EventJournal = {
      readDay: (day) => inner.readDay(day),
      append: (events, options) =>
        new Promise<void>((resolve, reject) => {
          writes.push({ release: () => inner.append(events, options).then(resolve, reject) });
        }),
      close: () => inner.close(),
    };
    const statusWhenPublished: string[] = [];
    const ledger = await DayLedger.open(
      {
        journal,
        rebuild: async (day, events) => replay(day, events),
        publish: () => statusWhenPublished.push(childDay(ledger.state, CHILD).status),
      },
      DAY,
    );
    const first = ledger.submit(checkInOnce("in"));
    const second = ledger.submit((state) => ({
      result: "requested",
      events:
        childDay(state, CHILD).status === "checked_in"
          ? [{ ...checkIn("pickup"), type: "pickup:requested" as const, guardianId: "g1", deviceId: "d1" }]
          : [],
    }));
    expect(writes).toHaveLength(1);
    let writesWhenAnswered = 0;
    const answered = first.then(() => {
      writesWhenAnswered = writes.length;
    });
    writes[0]?.release();
    await answered;
    // The second round was on its way to the disk before the first round's caller was answered.
    expect(writesWhenAnswered).toBe(2);
    // The first round's update was built from the state it left, not the second round's.
    expect(statusWhenPublished).toEqual(["checked_in"]);
    writes[1]?.release();
    expect(await second).toBe("requested");
    expect(statusWhenPublished).toEqual(["checked_in", "pickup_requested"]);
    expect((await inner.readDay(DAY)).map((e) => e.id)).toEqual(["in", "pickup"]);
  });
});
