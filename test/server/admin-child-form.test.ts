import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChildFormProblem } from "../../protocol/child-form";
import type { RunningServer } from "../../server/app";
import {
  connected,
  createTestSchool,
  login,
  removeSchool,
  type ScreenClient,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

describe("one child by the office's form (issue 11, deliverable 2)", () => {
  let school: TestSchool;
  let server: RunningServer;
  let admin: string;
  const sockets: ScreenClient[] = [];

  async function api<T>(method: string, path: string, body?: unknown, cookie = admin) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { data: T; error?: { code: string } } };
  }
  const problems = async (method: string, path: string, body: unknown) =>
    (await api<{ problems: ChildFormProblem[] }>(method, path, body)).body.data.problems;

  async function roomChildren(groupId = "g1"): Promise<string[]> {
    const socket = screenClient(server.url, await login(server.url, "admin"));
    sockets.push(socket);
    await connected(socket);
    const snapshot = unwrap(await socket.emitWithAck("view:join", { view: "room", groupId }));
    return snapshot.children.map((c) => c.childId).sort();
  }

  beforeEach(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    admin = await login(server.url, "admin");
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
    await removeSchool(school);
  });

  it("lists every problem at once, with the import's checks, and saves nothing", async () => {
    await school.store.update((db) => {
      const g2 = db.groups.find((g) => g.id === "g2");
      if (g2) g2.capacity = 1;
    });
    const found = await problems("POST", "/api/admin/children", {
      id: "c1",
      name: "",
      grade: 12,
      className: "",
      groupId: "g2",
    });
    expect(found).toEqual([
      { field: "id", problem: "id_taken" },
      { field: "name", problem: "required" },
      { field: "grade", problem: "grade_range" },
      { field: "className", problem: "required" },
      { field: "groupId", problem: "group_full" },
    ]);
    expect(
      await problems("POST", "/api/admin/children", {
        id: "x".repeat(65),
        name: "王",
        grade: 1,
        className: "1班",
        groupId: "nope",
      }),
    ).toEqual([
      { field: "id", problem: "too_long" },
      { field: "groupId", problem: "no_group" },
    ]);
    expect(school.store.schoolRoster().children).toHaveLength(3);
  });

  it("adds a child who is in care at once, edits them, and withdraws them from a day", async () => {
    const added = await problems("POST", "/api/admin/children", {
      id: "20250109",
      name: "王新同",
      grade: 1,
      className: "1班",
      groupId: "g1",
      healthNote: "花生过敏",
    });
    expect(added).toEqual([]);
    expect(await roomChildren()).toEqual(["20250109", "c1", "c3"]);
    expect(school.store.schoolRoster().children.find((c) => c.id === "20250109")?.health?.note).toBe(
      "花生过敏",
    );

    const edited = await problems("PUT", "/api/admin/children/20250109", {
      id: "20250109",
      name: "王欣彤",
      grade: 3,
      className: "2班",
      groupId: "g2",
    });
    expect(edited).toEqual([]);
    const child = school.store.schoolRoster().children.find((c) => c.id === "20250109");
    expect(child).toMatchObject({ name: "王欣彤", grade: 3, className: "2班", groupId: "g2" });
    expect(await roomChildren("g2")).toEqual(["20250109", "c2"]);
    expect(
      (
        await api("PUT", "/api/admin/children/nobody", {
          id: "",
          name: "a",
          grade: 1,
          className: "1",
          groupId: "g1",
        })
      ).status,
    ).toBe(404);

    // A roster child without paperwork is withdrawn by the written request, from the day given.
    const today = server.day.currentDay;
    const withdrawn = await api("POST", "/api/admin/children/c3/withdraw", {
      requestedOn: today,
      effectiveFrom: today,
      reason: "家长可按时接",
    });
    expect(withdrawn.status).toBe(200);
    expect(await roomChildren()).toEqual(["c1"]);
  });

  it("is the office's: a teacher is refused", async () => {
    const teacher = await login(server.url, "t1");
    const res = await api(
      "POST",
      "/api/admin/children",
      { id: "9", name: "a", grade: 1, className: "1", groupId: "g1" },
      teacher,
    );
    expect(res.status).toBe(403);
  });
});
