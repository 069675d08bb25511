import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openPostgresJournal } from "../../server/store/postgres/journal";
import { checkIn } from "../store/events";
import { usePostgresDatabases } from "../support/postgres-database";
import { removeSchool } from "../support/server-harness";
import { spawnServer } from "../support/server-process";
import { schoolOnDatabase } from "./district-school";

const freshDatabase = usePostgresDatabases();

/** Issue 10 item 6 on a database: an event edited after it was written is reported when a node starts. */
describe("a node checks the school's latest days at start", { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("names the edited event in its warning, and still serves", async () => {
    const url = await freshDatabase();
    const school = await schoolOnDatabase(url);
    cleanups.push(() => removeSchool(school));
    const pool = new pg.Pool({ connectionString: url });
    cleanups.push(() => pool.end());
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM schools");
    const schoolId = rows[0]?.id ?? "";
    const journal = await openPostgresJournal(pool, schoolId);
    await journal.append([checkIn("a", "2026-12-03"), checkIn("b", "2026-12-03")]);
    await journal.close();
    await pool.query(
      "UPDATE events SET payload = replace(payload::text, '20250101', '20250102')::jsonb WHERE event_id = 'b'",
    );

    const dir = await mkdtemp(join(tmpdir(), "wanfeng-node-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const node = await spawnServer(dir, ["--database", url]);
    cleanups.push(() => node.stop());
    expect(node.output()).toMatch(
      /WARNING: the record of 晚风小学 was changed after it was written: .*2026-12-03.*event b/,
    );
    expect((await fetch(`${node.url}/api/session`)).status).toBe(401);
  });
});
