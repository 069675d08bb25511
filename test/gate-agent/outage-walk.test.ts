import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  cardTap,
  connected,
  createTestSchool,
  deviceClient,
  login,
  removeSchool,
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { type ServerProcess, spawnServer } from "../support/server-process";
import { type AgentProcess, type LogLine, spawnAgent } from "./helpers/agent-process";
import { freePort } from "./helpers/device-server";
import { rdm6300Card } from "./helpers/frames";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/**
 * The "done means", as a new user would try it: `wanfeng start` and `wanfeng agent` as real
 * processes, an RDM6300 on a socat pty. The server is stopped, cards are read, the agent is killed
 * with SIGKILL and restarted, the server starts again: every tap reaches the gate screen once, at
 * the time it was made.
 */
const SLOW_MS = 60_000;

describe("a network cut with a gate PC that reboots", { timeout: 180_000 }, () => {
  let school: TestSchool;
  let dir: string;
  let pty: PtyPair | undefined;
  let server: ServerProcess | undefined;
  const agents: AgentProcess[] = [];

  afterEach(async () => {
    for (const a of agents.splice(0)) await a.stop();
    await server?.stop();
    await pty?.stop();
    await removeSchool(school);
    await rm(dir, { recursive: true, force: true });
  });

  it("delivers every tap once, each at its own time", async () => {
    school = await createTestSchool(anyTimeSchool());
    dir = await mkdtemp(join(tmpdir(), "wanfeng-walk-"));
    pty = await startPtyPair(dir);
    const port = await freePort();
    server = await spawnServer(school.dataDir, ["--port", String(port)]);
    const room = deviceClient(server.url, school.tokens.room1);
    await connected(room);
    for (const child of ["0000000011", "0000000013"])
      unwrap(await room.emitWithAck("tap:report", cardTap(child)));
    room.disconnect();

    const agentArgs = [
      ...["--server", server.url, "--token", school.tokens.gate],
      ...["--reader", `generic/rdm6300:${pty.agentSide}`, "--data-dir", join(dir, "agent")],
    ];
    const start = () => {
      const a = spawnAgent(agentArgs);
      agents.push(a);
      return a;
    };
    const readerSends = async (bytes: Buffer) => {
      const handle = await open(pty?.readerSide ?? "", "r+");
      await handle.write(bytes);
      await handle.close();
    };
    const queued = (card: string) => (l: LogLine) => l.msg === "tap queued" && l.cardId === card;

    const first = start();
    await first.logs.next((l) => l.msg === "connected to server", "agent connected", SLOW_MS);
    await first.logs.next((l) => l.msg === "reader open", "reader open", SLOW_MS);
    await server.stop();
    await first.logs.next((l) => l.msg === "disconnected from server", "server gone", SLOW_MS);

    // 张妈妈 (c1) taps during the outage; the gate PC is then killed.
    await readerSends(rdm6300Card(1).frame);
    const mother = await first.logs.next(queued("0000000001"), "first tap kept", SLOW_MS);
    await first.kill9();

    // It comes back; 李爸爸 (c3) taps while the server is still down.
    const second = start();
    await second.logs.next((l) => l.msg === "reader open", "reader reopened", SLOW_MS);
    await readerSends(rdm6300Card(2).frame);
    const father = await second.logs.next(queued("0000000002"), "second tap kept", SLOW_MS);

    server = await spawnServer(school.dataDir, ["--port", String(port)]);
    const isAck = (l: LogLine) => l.msg === "tap acknowledged";
    while (second.logs.events.filter(isAck).length < 2) await second.logs.waitFresh(isAck, "acks", SLOW_MS);
    expect(second.logs.events.filter(isAck).map((l) => [l.tapId, l.duplicate])).toEqual([
      [mother.tapId, false],
      [father.tapId, false],
    ]);

    const guard = screenClient(server.url, await login(server.url, "guard"));
    await connected(guard);
    const snapshot = unwrap(await guard.emitWithAck("view:join", { view: "gate" }));
    guard.disconnect();
    const requested = snapshot.children.filter((c) => c.status === "pickup_requested");
    expect(requested.map((c) => c.childId)).toEqual(["c1", "c3"]);
    const at = (child: string) => Date.parse(requested.find((c) => c.childId === child)?.requestedAt ?? "");
    // The same instant, give or take the measured clock offset of one machine with itself.
    expect(Math.abs(at("c1") - Date.parse(String(mother.at)))).toBeLessThan(1_000);
    expect(Math.abs(at("c3") - Date.parse(String(father.at)))).toBeLessThan(1_000);
  });
});
