import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PurgePreview, RetentionView } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { readChanges } from "../../server/store/change-record";
import { schoolWithWithdrawnChild } from "../support/retention-school";
import { login, removeSchool, startTestServer, type TestSchool } from "../support/server-harness";

describe("the retention settings and the purge preview (admin)", () => {
  let school: TestSchool;
  let server: RunningServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    school = await schoolWithWithdrawnChild();
    // Monday 23 November 2026, 16:45 in Shanghai.
    server = await startTestServer(school, () => new Date("2026-11-23T08:45:00Z"));
    for (const name of ["admin", "t1", "guard", "tech", "leader"])
      cookies[name] = await login(server.url, name);
  });
  afterAll(async () => {
    await server.close();
    await removeSchool(school);
  });

  async function api<T>(method: string, path: string, cookie: string | undefined, body?: unknown) {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${server.url}/api/admin/retention${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data: T; error?: { code: string; message: string } },
    };
  }

  it("answers the defaults and what a purge would remove now", async () => {
    const view = await api<RetentionView>("GET", "", cookies.admin);
    expect(view.status).toBe(200);
    expect(view.body.data).toEqual({
      retention: { withdrawnDataDays: 90, journalYears: 3 },
      isDefault: true,
    });

    const preview = await api<PurgePreview>("GET", "/preview", cookies.admin);
    expect(preview.status).toBe(200);
    expect(preview.body.data).toEqual({
      today: "2026-11-23",
      retention: { withdrawnDataDays: 90, journalYears: 3 },
      journalCutoff: "2023-11-23",
      children: [{ childId: "c3", name: "李四", withdrawnFrom: "2026-01-10", removes: ["photo"] }],
      guardians: [{ guardianId: "p2", name: "李爸爸", removes: ["phone"] }],
      journalDays: [{ day: "2022-03-04", entries: 1 }],
    });
    // A preview changes nothing.
    expect(school.store.read().children.find((c) => c.id === "c3")?.photo).toBe("/api/photos/child-c3.jpg");
  });

  it("every other role is refused, and no session is 401", async () => {
    for (const role of ["t1", "guard", "tech", "leader"]) {
      const cookie = cookies[role];
      expect((await api("GET", "", cookie)).status, role).toBe(403);
      expect((await api("GET", "/preview", cookie)).status, role).toBe(403);
      const put = await api("PUT", "", cookie, { withdrawnDataDays: 30, journalYears: 2 });
      expect(put.status, role).toBe(403);
      expect(put.body.error?.code).toBe("AUTH_FORBIDDEN");
    }
    expect((await api("GET", "", undefined)).status).toBe(401);
    expect((await api("PUT", "", undefined, { withdrawnDataDays: 30, journalYears: 2 })).status).toBe(401);
    expect(school.store.read().settings.retention).toBeUndefined();
  });

  it("refuses days or years out of range, not whole, not numbers, missing or unknown, naming the field", async () => {
    const bad: [unknown, string][] = [
      [{ withdrawnDataDays: 0, journalYears: 3 }, "withdrawnDataDays (days) must be at least 1"],
      [{ withdrawnDataDays: 3651, journalYears: 3 }, "withdrawnDataDays (days) must be at most 3650"],
      [{ withdrawnDataDays: 2.5, journalYears: 3 }, "withdrawnDataDays (days) must be a whole number"],
      [{ withdrawnDataDays: "90", journalYears: 3 }, "withdrawnDataDays (days) must be a number"],
      [{ withdrawnDataDays: 90, journalYears: 0 }, "journalYears (years) must be at least 1"],
      [{ withdrawnDataDays: 90, journalYears: 31 }, "journalYears (years) must be at most 30"],
      [{ withdrawnDataDays: 90 }, "journalYears (years) must be a number"],
      [{ withdrawnDataDays: 90, journalYears: 3, lastPurge: { day: "2099-01-01" } }, "lastPurge"],
    ];
    for (const [body, message] of bad) {
      const answer = await api("PUT", "", cookies.admin, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error?.code).toBe("VALIDATION_FAILED");
      expect(answer.body.error?.message).toContain(message);
    }
    expect(school.store.read().settings.retention).toBeUndefined();
  });

  it("a change is saved, recorded as the admin's settings change, and the preview follows it", async () => {
    const put = await api<RetentionView>("PUT", "", cookies.admin, {
      withdrawnDataDays: 365,
      journalYears: 5,
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual({
      retention: { withdrawnDataDays: 365, journalYears: 5 },
      isDefault: false,
    });
    expect((await api<RetentionView>("GET", "", cookies.admin)).body.data.retention).toEqual({
      withdrawnDataDays: 365,
      journalYears: 5,
    });

    const changes = await readChanges(join(school.dataDir, "changes"));
    expect(changes.at(-1)).toMatchObject({ action: "PUT /api/admin/retention", kinds: ["settings"] });
    expect(changes.at(-1)?.by).toMatch(/^user:\S+ admin$/);

    // 李四 left 317 days ago and 2022 is within five years: nothing is due any more.
    const preview = await api<PurgePreview>("GET", "/preview", cookies.admin);
    expect(preview.body.data).toMatchObject({
      journalCutoff: "2021-11-23",
      children: [],
      guardians: [],
      journalDays: [],
    });
  });

  it("shows the last purge run", async () => {
    const run = { day: "2026-11-23", at: "2026-11-22T18:05:00.000Z", changeId: "purge-1" };
    await school.store.recordPurgeRun(run);
    expect((await api<RetentionView>("GET", "", cookies.admin)).body.data.lastPurge).toEqual(run);
  });
});
