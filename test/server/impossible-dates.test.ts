import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DaySchema, isCalendarDay } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import {
  createTestSchool,
  login,
  removeSchool,
  startTestServer,
  type TestSchool,
} from "../support/server-harness";

/** Finding 8: days that do not exist are refused at every boundary. */
describe("impossible dates", () => {
  let school: TestSchool;
  let server: RunningServer;
  let admin: string;

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    admin = await login(server.url, "admin");
  });

  afterAll(async () => {
    await server?.close();
    if (school) await removeSchool(school);
  });

  it("the day schema knows the calendar", () => {
    expect(DaySchema.safeParse("2026-02-31").success).toBe(false);
    expect(DaySchema.safeParse("2025-02-29").success).toBe(false);
    expect(DaySchema.safeParse("2024-02-29").success).toBe(true);
    expect(DaySchema.safeParse("2026-13-01").success).toBe(false);
    // The check without a schema remembers the last good day; a bad one after it is still bad.
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2025-02-29")).toBe(false);
    expect(isCalendarDay("")).toBe(false);
    expect(isCalendarDay(undefined as unknown as string)).toBe(false);
  });

  it("no sign-off, amendment or report of 2026-02-31, and no journal file for it", async () => {
    const post = (path: string, body: unknown) =>
      fetch(server.url + path, {
        method: "POST",
        headers: { cookie: admin, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("/api/days/2026-02-31/sign-off", { note: "" })).status).toBe(400);
    const amend = { reason: "x", correction: { kind: "note", text: "x" } };
    expect((await post("/api/days/2026-02-30/amendments", amend)).status).toBe(400);
    const get = (path: string) => fetch(server.url + path, { headers: { cookie: admin } });
    expect((await get("/api/reports/daily?day=2026-02-31")).status).toBe(400);
    expect((await get("/api/reports/daily.csv?day=2026-04-31")).status).toBe(400);
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    await expect(journal.readDay("2026-02-31")).rejects.toThrow("YYYY-MM-DD");
  });
});
