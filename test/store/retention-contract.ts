import { describe, expect, it } from "vitest";
import type { StoreChange } from "../../server/ports/changes";
import type { Storage } from "../../server/ports/storage";

/**
 * What every storage backend must do with the retention settings and the last purge run
 * (RetentionStore), against the ports only, as storage-contract.ts does for the rest.
 */
export function retentionContract(name: string, open: () => Promise<Storage>): void {
  describe(`retention contract: ${name}`, () => {
    it("keeps the retention and the last purge run in the settings, each write a settings change", async () => {
      const store = await open();
      const changes: StoreChange[] = [];
      const stop = store.onChange((change) => changes.push(change));
      expect(store.schoolRoster().settings.retention).toBeUndefined();
      expect(store.schoolRoster().settings.lastPurge).toBeUndefined();

      await store.setRetention({ withdrawnDataDays: 30, journalYears: 2 });
      const run = { day: "2026-11-23", at: "2026-11-22T18:05:00.000Z", changeId: "purge-1" };
      await store.recordPurgeRun(run);
      stop();
      const { settings } = store.schoolRoster();
      expect(settings.retention).toEqual({ withdrawnDataDays: 30, journalYears: 2 });
      expect(settings.lastPurge).toEqual(run);
      expect(changes.map((c) => [...c.kinds])).toEqual([["settings"], ["settings"]]);
    });

    it("a run of an older day than the one remembered is ignored", async () => {
      const store = await open();
      await store.recordPurgeRun({ day: "2026-11-23", at: "2026-11-22T18:05:00.000Z" });
      await store.recordPurgeRun({ day: "2026-11-22", at: "2026-11-22T19:00:00.000Z", changeId: "late" });
      expect(store.schoolRoster().settings.lastPurge).toEqual({
        day: "2026-11-23",
        at: "2026-11-22T18:05:00.000Z",
      });
    });
  });
}
