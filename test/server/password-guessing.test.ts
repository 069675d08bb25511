import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Ack } from "../../protocol";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { roomSchool } from "../domain/room-fixtures";
import {
  connected,
  createTestSchool,
  login,
  PASSWORD,
  removeSchool,
  screenClient,
  type TestSchool,
} from "../support/server-harness";

const MONDAY = new Date("2026-11-23T08:45:00Z");

function code<T>(answer: Ack<T>): string {
  return "error" in answer ? answer.error.code : "OK";
}

function tally(codes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

/** Findings 2 and 4: a password is only checked after its attempt is counted; limits per user. */
describe("password guessing", () => {
  let school: TestSchool;
  let server: RunningServer;

  beforeEach(async () => {
    school = await createTestSchool(roomSchool());
    server = await startServer({
      store: school.store,
      journal: await openFileJournal(join(school.dataDir, "journal")),
      port: 0,
      host: "127.0.0.1",
      clock: () => MONDAY,
      trustProxy: true,
    });
  });

  afterEach(async () => {
    await server.close();
    await removeSchool(school);
  });

  it("200 parallel handovers check at most 10 passwords", async () => {
    const socket = screenClient(server.url, await login(server.url, "t1"));
    await connected(socket);
    unwrap(await socket.emitWithAck("view:join", { view: "room", groupId: "g1" }));
    const to = { kind: "staff", username: "t2", password: "wrong-password" };
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        socket.emitWithAck("group:handover", { groupId: "g1", counted: 0, to } as never),
      ),
    );
    const counts = tally(answers.map(code));
    expect(counts.AUTH_BAD_CREDENTIALS ?? 0).toBeLessThanOrEqual(10);
    expect(counts.AUTH_FORBIDDEN).toBeGreaterThanOrEqual(190);
    socket.disconnect();
  });

  const post = (body: unknown, address = "10.0.0.9") =>
    fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(body),
    });

  it("200 parallel logins check at most 10 passwords", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => post({ username: "t1", password: "wrong-password" })),
    );
    const counts = tally(answers.map((r) => String(r.status)));
    expect(counts["401"] ?? 0).toBeLessThanOrEqual(10);
    expect(counts["403"]).toBeGreaterThanOrEqual(190);
  });

  it("a stranger's bad logins lock out neither colleagues nor the same user elsewhere", async () => {
    await Promise.all(Array.from({ length: 30 }, () => post({ username: "t1", password: "wrong-password" })));
    expect((await post({ username: "t1", password: PASSWORD })).status).toBe(403);
    // Another user at the same address (e.g. behind one proxy) still logs in.
    expect((await post({ username: "t2", password: PASSWORD })).status).toBe(200);
    // The same user from the staff room's address still logs in.
    expect((await post({ username: "t1", password: PASSWORD }, "10.0.0.20")).status).toBe(200);
  });
});

function unwrap<T>(answer: Ack<T>): T {
  if ("error" in answer) throw new Error(answer.error.code);
  return answer.data;
}
