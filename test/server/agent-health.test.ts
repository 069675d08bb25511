import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Agent, type AgentEvent, startAgent } from "../../gate-agent";
import type { RunningServer } from "../../server/app";
import { EventLog } from "../gate-agent/helpers/events";
import { CARD_A, rdm6300Frame } from "../gate-agent/helpers/frames";
import { type PtyPair, startPtyPair } from "../gate-agent/helpers/socat";
import { createTestSchool, removeSchool, startTestServer, type TestSchool } from "../support/server-harness";
import { deviceIdByName, nextStatus, SocketBag } from "../support/technician-harness";

/** A real agent (socat pty, outbox on disk) whose clock is 5 s behind: the technician sees it. */
describe("the agent's health on the technician screen", () => {
  let school: TestSchool;
  let server: RunningServer;
  let dir: string;
  let pty: PtyPair;
  let agent: Agent | undefined;
  const bag = new SocketBag();

  beforeEach(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    dir = await mkdtemp(join(tmpdir(), "wanfeng-health-"));
    pty = await startPtyPair(dir);
  });
  afterEach(async () => {
    await agent?.stop();
    bag.closeAll();
    await pty.stop();
    await server.close();
    await removeSchool(school);
    await rm(dir, { recursive: true, force: true });
  });

  it("shows outbox depth, the clock offset with its alarm, and offline mode once cut off", async () => {
    const { socket: tech, snapshot } = await bag.technician(server);
    const gateId = deviceIdByName(snapshot, "南门");
    const events = new EventLog<AgentEvent>();
    agent = await startAgent({
      serverUrl: server.url,
      token: school.tokens.gate,
      readers: [{ profile: "generic/rdm6300", path: pty.agentSide }],
      dataDir: join(dir, "agent"),
      // The gate PC's clock runs 5 s behind the server's.
      now: () => Date.now() - 5_000,
      onEvent: events.push,
    });
    const skewed = nextStatus(tech, gateId, (d) => (d.agent?.alarms ?? []).includes("clock_offset"));
    await events.next((e) => e.type === "reader:open", "reader open");
    const handle = await open(pty.readerSide, "r+");
    await handle.write(rdm6300Frame(CARD_A.digits));
    await handle.close();
    await events.next((e) => e.type === "tap:acked", "tap acknowledged");

    const { agent: health } = await skewed;
    expect(health).toMatchObject({ outboxDepth: 0, outboxLimit: 10_000, offline: false });
    expect(health?.clockOffsetMs).toBeGreaterThan(4_000);
    expect(health?.clockOffsetMs).toBeLessThan(6_000);
    expect(health?.oldestUndeliveredAt).toBeUndefined();
    expect(health?.cacheIssuedAt).toBeDefined();

    // Cut off, the agent answers from its cache (4 h by default): the screen says so.
    const cutOff = nextStatus(tech, gateId, (d) => !d.online);
    await agent.stop();
    agent = undefined;
    expect((await cutOff).agent).toMatchObject({ offline: true, alarms: ["clock_offset"] });
  });
});
