import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { Storage } from "../../server/ports/storage";
import { runAs } from "../../server/store/change-actor";
import { type ChangeEntry, readChanges } from "../../server/store/change-record";
import { auditChanges } from "../../server/store/journal-audit";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { readChangeEntries } from "../../server/store/postgres/change-record";
import { auditPostgresChanges } from "../../server/store/postgres/journal-audit";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage, type PostgresStorage } from "../../server/store/postgres/storage";
import { usePostgresDatabases } from "../support/postgres-database";
import { device, user } from "./storage-contract-data";
import { useTempDirs } from "./temp-dir";

/** The same writes through the ports leave the same change record on both backends. */

const tempDir = useTempDirs();
const freshDatabase = usePostgresDatabases();
const opened: { end(): Promise<void> }[] = [];
afterAll(async () => {
  for (const thing of opened.reverse()) await thing.end();
});

interface Backend {
  storage: Storage;
  entries(): Promise<ChangeEntry[]>;
  brokenChains(): Promise<number>;
}

async function fileBackend(): Promise<Backend> {
  const dir = await tempDir();
  const changes = join(dir, "changes");
  return {
    storage: await openDocumentStore(dir),
    entries: () => readChanges(changes),
    brokenChains: async () => (await auditChanges(changes)).filter((a) => a.broken).length,
  };
}

async function postgresBackend(): Promise<Backend> {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  opened.push(pool);
  const { id } = await addSchool(pool, { name: "Wanfeng School", timezone: "Asia/Shanghai" });
  const storage: PostgresStorage = await openPostgresStorage(pool, id);
  opened.push({ end: () => storage.close() });
  return {
    storage,
    entries: () => readChangeEntries(pool, id),
    brokenChains: async () => (await auditPostgresChanges(pool, id)).filter((a) => a.broken).length,
  };
}

const admin = { by: "user:u-admin admin", action: "POST /api/admin/rooms" };
const tech = { by: "user:u-tech tech", action: "device:add" };
const office = { by: "cli:office", action: "wanfeng user add" };

async function afternoonOfChanges(storage: Storage): Promise<void> {
  await runAs(admin, () => storage.saveRoom(undefined, "101"));
  await runAs(office, () => storage.addUser(user("u1", "wang")));
  // A login is no roster or configuration change.
  await runAs(office, () =>
    storage.addSession({ tokenHash: "h", userId: "u1", expiresAt: "2099-01-01T00:00:00Z" }, new Date()),
  );
  await runAs(tech, () => storage.addDevice(device("d1", "南门")));
  // Refused by the port's rule: nothing changed, nothing recorded.
  await runAs(admin, () => storage.saveRoom(undefined, "101")).catch(() => undefined);
}

describe("the change record on both backends", () => {
  it("records the same entries (who, action, kinds), each chain intact", async () => {
    const seen: unknown[] = [];
    for (const open of [fileBackend, postgresBackend]) {
      const backend = await open();
      await afternoonOfChanges(backend.storage);
      seen.push((await backend.entries()).map((e) => [e.by, e.action, e.kinds, e.purge]));
      expect(await backend.brokenChains()).toBe(0);
    }
    expect(seen[0]).toEqual([
      [admin.by, admin.action, ["roster"], undefined],
      [office.by, office.action, ["users"], undefined],
      [tech.by, tech.action, ["devices"], undefined],
    ]);
    expect(seen[1]).toEqual(seen[0]);
  });
});
