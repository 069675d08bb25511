import { expect, it } from "vitest";
import { createMemoryStore, openDocumentStore } from "../../server/store/lowdb-store";
import { usePostgresStorages } from "./postgres-storages";
import { retentionContract } from "./retention-contract";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

retentionContract("document in memory", async () => createMemoryStore());
retentionContract("document file", async () => openDocumentStore(await tempDir()));

const postgres = usePostgresStorages();
retentionContract("postgres", async () => (await postgres.fresh()).storage);

it("postgres keeps the retention and the last purge in its tables: another node (or a restart) reads them", async () => {
  const school = await postgres.fresh();
  await school.storage.setRetention({ withdrawnDataDays: 45, journalYears: 5 });
  const run = { day: "2026-11-23", at: "2026-11-22T18:05:00.000Z", changeId: "purge-1" };
  await school.storage.recordPurgeRun(run);
  const { settings } = (await postgres.another(school)).schoolRoster();
  expect(settings.retention).toEqual({ withdrawnDataDays: 45, journalYears: 5 });
  expect(settings.lastPurge).toEqual(run);
});
