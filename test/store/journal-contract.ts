import { describe, expect, it } from "vitest";
import { type EventJournal, isJournalConflict } from "../../server/domain/events";
import { chainHash, GENESIS } from "../../server/store/journal-chain";
import { checkIn } from "./events";

/** What every EventJournal must do, whatever keeps it (the file journal, PostgreSQL). */
export interface JournalUnderTest {
  journal: EventJournal;
  /** The same journal opened again, as after a restart. */
  reopen(): Promise<EventJournal>;
}

const DAY = "2025-03-04";

export function journalContract(name: string, open: () => Promise<JournalUnderTest>): void {
  describe(`${name}: the journal contract`, () => {
    it("reads a day back in append order, across a reopen, and lists its days", async () => {
      const { journal, reopen } = await open();
      await journal.append([checkIn("a"), checkIn("b")]);
      await journal.append([checkIn("c"), checkIn("mon", "2025-03-03")]);
      expect((await journal.readDay(DAY)).map((e) => e.id)).toEqual(["a", "b", "c"]);
      expect(await journal.readDay("2025-03-05")).toEqual([]);
      expect(await journal.days?.()).toEqual(["2025-03-03", DAY]);
      await journal.close();
      const again = await reopen();
      expect(await again.readDay(DAY)).toEqual([checkIn("a"), checkIn("b"), checkIn("c")]);
      await again.close();
    });

    it("keeps the day's hash chain: the head is the last event's link", async () => {
      const { journal } = await open();
      expect(await journal.headHash?.(DAY)).toBe(GENESIS);
      await journal.append([checkIn("a")]);
      await journal.append([checkIn("b")]);
      const first = chainHash(GENESIS, checkIn("a"));
      expect(await journal.headHash?.(DAY)).toBe(chainHash(first, checkIn("b")));
      await journal.close();
    });

    it("appends at an expected seq, and refuses a stale expectation without writing", async () => {
      const { journal } = await open();
      await journal.append([checkIn("a")], { expectedSeq: 0 });
      await journal.append([checkIn("b"), checkIn("c")], { expectedSeq: 1 });
      const stale = await journal.append([checkIn("late")], { expectedSeq: 1 }).catch((err: unknown) => err);
      expect(isJournalConflict(stale)).toBe(true);
      expect((await journal.readDay(DAY)).map((e) => e.id)).toEqual(["a", "b", "c"]);
      // Another day has its own count.
      await journal.append([checkIn("x", "2025-03-05")], { expectedSeq: 0 });
      await journal.close();
    });

    it("of two appends made from the same seq, exactly one is written", async () => {
      const { journal } = await open();
      await journal.append([checkIn("a")]);
      const results = await Promise.allSettled([
        journal.append([checkIn("left")], { expectedSeq: 1 }),
        journal.append([checkIn("right")], { expectedSeq: 1 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.status === "rejected" && isJournalConflict(refused.reason)).toBe(true);
      expect(await journal.readDay(DAY)).toHaveLength(2);
      await journal.close();
    });

    it("reads the events after a seq, numbered", async () => {
      const { journal } = await open();
      await journal.append([checkIn("a"), checkIn("b"), checkIn("c")]);
      const since = await journal.readDaySince?.(DAY, 1);
      expect(since?.map((s) => [s.seq, s.event.id])).toEqual([
        [2, "b"],
        [3, "c"],
      ]);
      expect(await journal.readDaySince?.(DAY, 3)).toEqual([]);
      await journal.close();
    });
  });
}
