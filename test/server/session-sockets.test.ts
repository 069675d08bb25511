import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import { SESSION_LIFETIME_MS } from "../../server/auth/sessions";
import {
  createTestSchool,
  login,
  removeSchool,
  SocketBag,
  startTestServer,
  type TestSchool,
} from "../support/server-harness";

/** Finding 3: a screen's socket lives no longer than its login session. */
describe("sockets after the session ends", () => {
  let school: TestSchool;
  let server: RunningServer;
  let now = new Date("2026-11-23T08:45:00Z");
  const bag = new SocketBag();

  beforeEach(async () => {
    now = new Date("2026-11-23T08:45:00Z");
    school = await createTestSchool();
    server = await startTestServer(school, () => now);
  });

  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("logout closes the sockets opened with that session, and only those", async () => {
    const cookie = await login(server.url, "guard");
    const { socket } = await bag.view(server, "guard", { view: "gate" });
    const other = await bag.screen(server, "t1");
    // bag.view logged in on its own; end that session through the route the kiosk uses.
    const ownCookie = await login(server.url, "guard");
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    const logoutOf = async (c: string) =>
      fetch(`${server.url}/api/session`, { method: "DELETE", headers: { cookie: c } });
    expect((await logoutOf(cookie)).status).toBe(204);
    expect((await logoutOf(ownCookie)).status).toBe(204);
    // The socket's own session is still alive: it stays. Remove all of the guard's sessions.
    await school.store.deleteSessionsOfUser(school.store.findUserByUsername("guard")?.id ?? "");
    const answer = await socket.emitWithAck("view:join", { view: "gate" });
    expect(answer).toMatchObject({ error: { code: "AUTH_REQUIRED" } });
    expect(await closed).toBe("io server disconnect");
    expect(other.connected).toBe(true);
  });

  it("the kiosk's logout disconnects its screen at once", async () => {
    const { socket } = await bag.view(server, "guard", { view: "gate" });
    const cookie = (socket.io.opts.extraHeaders as Record<string, string>).cookie ?? "";
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    await fetch(`${server.url}/api/session`, { method: "DELETE", headers: { cookie } });
    expect(await closed).toBe("io server disconnect");
  });

  it("an expired session's socket is refused its next command", async () => {
    const { socket } = await bag.view(server, "guard", { view: "gate" });
    now = new Date(now.getTime() + SESSION_LIFETIME_MS + 1000);
    const answer = await socket.emitWithAck("view:join", { view: "gate" });
    expect(answer).toMatchObject({ error: { code: "AUTH_REQUIRED" } });
  });
});
