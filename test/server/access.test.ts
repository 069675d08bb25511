import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import {
  connected,
  createTestSchool,
  deviceClient,
  login,
  PASSWORD,
  removeSchool,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

describe("authentication and roles", () => {
  let school: TestSchool;
  let server: RunningServer;

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
  });
  afterAll(async () => {
    await server.close();
    await removeSchool(school);
  });

  const api = (path: string, init?: RequestInit) => fetch(server.url + path, init);
  const post = (body: string) =>
    api("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body });

  it("refuses wrong passwords, unknown users and malformed bodies", async () => {
    expect((await post(JSON.stringify({ username: "t1", password: "wrong-password" }))).status).toBe(401);
    expect((await post(JSON.stringify({ username: "nobody", password: PASSWORD }))).status).toBe(401);
    const malformed = await post("{not json");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect((await post(JSON.stringify({ username: "t1" }))).status).toBe(400);
  });

  it("every API route needs a session", async () => {
    for (const path of ["/api/session", "/api/groups", "/api/nothing-here"]) {
      const res = await api(path);
      expect([401, 404]).toContain(res.status);
      if (path !== "/api/nothing-here")
        expect(await res.json()).toMatchObject({ error: { code: "AUTH_REQUIRED" } });
    }
    expect((await api("/api/groups", { headers: { cookie: "wf_session=forged" } })).status).toBe(401);
  });

  it("lists only the groups a user may open", async () => {
    const groups = async (user: string) =>
      (await (await api("/api/groups", { headers: { cookie: await login(server.url, user) } })).json()).data;
    expect((await groups("t1")).map((g: { id: string }) => g.id)).toEqual(["g1"]);
    expect((await groups("admin")).map((g: { id: string }) => g.id)).toEqual(["g1", "g2"]);
    expect(await groups("guard")).toEqual([]);
  });

  it("logout ends the session", async () => {
    const cookie = await login(server.url, "t1");
    expect((await api("/api/session", { method: "DELETE", headers: { cookie } })).status).toBe(204);
    expect((await api("/api/session", { headers: { cookie } })).status).toBe(401);
  });

  it("devices need their own valid token", async () => {
    await expect(connected(deviceClient(server.url, "wrong-token"))).rejects.toThrow("AUTH_BAD_TOKEN");
    await expect(connected(deviceClient(server.url, ""))).rejects.toThrow("AUTH_BAD_TOKEN");
    const ok = deviceClient(server.url, school.tokens.gate);
    await connected(ok);
    ok.disconnect();
  });

  it("screens need a session; a device token is no session", async () => {
    await expect(connected(screenClient(server.url))).rejects.toThrow("AUTH_REQUIRED");
    await expect(connected(screenClient(server.url, `wf_session=${school.tokens.gate}`))).rejects.toThrow(
      "AUTH_REQUIRED",
    );
  });

  it("each role opens only its own views and commands", async () => {
    const as = async (user: string) => {
      const s = screenClient(server.url, await login(server.url, user));
      await connected(s);
      return s;
    };
    const t1 = await as("t1");
    const guard = await as("guard");
    const tech = await as("tech");
    const code = (answer: unknown) => (answer as { error?: { code: string } }).error?.code;

    expect(code(await t1.emitWithAck("view:join", { view: "room", groupId: "g2" }))).toBe("AUTH_FORBIDDEN");
    expect(code(await t1.emitWithAck("view:join", { view: "gate" }))).toBe("AUTH_FORBIDDEN");
    expect(code(await guard.emitWithAck("view:join", { view: "room", groupId: "g1" }))).toBe(
      "AUTH_FORBIDDEN",
    );
    expect(code(await tech.emitWithAck("view:join", { view: "gate" }))).toBe("AUTH_FORBIDDEN");
    expect(code(await t1.emitWithAck("child:checkIn", { childId: "c2" }))).toBe("AUTH_FORBIDDEN");
    expect(code(await t1.emitWithAck("child:collect", { childId: "c1" }))).toBe("AUTH_FORBIDDEN");
    expect(code(await guard.emitWithAck("child:release", { childId: "c1" }))).toBe("AUTH_FORBIDDEN");
    expect(code(await t1.emitWithAck("view:join", { view: "nonsense" } as never))).toBe("VALIDATION_FAILED");
    unwrap(await t1.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    for (const s of [t1, guard, tech]) s.disconnect();
  });
});
