import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { schoolDay } from "../../server/domain/school-day";
import { buildDailyRecord } from "../../server/reports/daily-record";
import { openFileJournal } from "../../server/store/file-journal";
import { openPostgresJournal } from "../../server/store/postgres/journal";
import { resolveSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage } from "../../server/store/postgres/storage";
import { anyTimeSchool } from "../support/any-time-schedule";
import { usePostgresDatabases } from "../support/postgres-database";
import {
  cardTap,
  connected,
  createTestSchool,
  deviceClient,
  login,
  removeSchool,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, "../../bin/wanfeng.js");
const freshDatabase = usePostgresDatabases();

/** Issue 8: `wanfeng db import` moves an embedded school into PostgreSQL with nothing lost. */
describe("wanfeng db import", { timeout: 120_000 }, () => {
  let school: TestSchool | undefined;
  afterEach(async () => {
    if (school) await removeSchool(school);
  });

  it("moves the document and the journal: the day's record is identical before and after", async () => {
    school = await createTestSchool(anyTimeSchool());
    const server = await startTestServer(school);
    const cookie = await login(server.url, "t1");
    const room = deviceClient(server.url, school.tokens.room1);
    const gate = deviceClient(server.url, school.tokens.gate);
    const teacher = screenClient(server.url, cookie);
    await Promise.all([connected(room), connected(gate), connected(teacher)]);
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000013")));
    unwrap(await gate.emitWithAck("tap:report", cardTap("0000000001")));
    unwrap(await gate.emitWithAck("tap:report", cardTap("0123456789")));
    unwrap(await teacher.emitWithAck("child:release", { childId: "c1" }));
    for (const socket of [room, gate, teacher]) socket.disconnect();
    await server.close();

    const now = new Date();
    const document = school.store.read();
    const day = schoolDay(now, document.settings.timezone);
    const files = await openFileJournal(join(school.dataDir, "journal"));
    const fileEvents = await files.readDay(day);
    const fileHead = await files.headHash?.(day);
    await files.close();
    const before = buildDailyRecord({
      roster: buildRosterIndex(document, day),
      day,
      events: fileEvents,
      now,
    });
    expect(fileEvents.length).toBeGreaterThan(4);

    const url = await freshDatabase();
    const { stdout } = await run(process.execPath, [
      BIN,
      "db",
      "import",
      "--from",
      school.dataDir,
      "--school",
      "晚风小学",
      "--database",
      url,
    ]);
    expect(stdout).toContain(`${fileEvents.length} events`);

    const pool = new pg.Pool({ connectionString: url });
    try {
      const row = await resolveSchool(pool, "晚风小学");
      const storage = await openPostgresStorage(pool, row.id);
      const journal = await openPostgresJournal(pool, row.id);
      const events = await journal.readDay(day);
      expect(events).toEqual(fileEvents);
      expect(await journal.headHash?.(day)).toBe(fileHead);
      const after = buildDailyRecord({
        roster: buildRosterIndex(storage.schoolRoster(), day),
        day,
        events,
        now,
      });
      expect(after).toEqual(before);
      await journal.close();
      await storage.close();

      // A second import into the same school would record everything twice: refused.
      const again = run(process.execPath, [
        BIN,
        "db",
        "import",
        "--from",
        school.dataDir,
        "--school",
        "晚风小学",
        "--database",
        url,
      ]);
      await expect(again).rejects.toMatchObject({ stderr: expect.stringContaining("already has a journal") });
    } finally {
      await pool.end();
    }
  });
});
