import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Agent, type AgentEvent, startAgent } from "../../gate-agent";
import { CMD } from "../../gate-agent/drivers/osdp/codes";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { startOsdpPdEmulator } from "../gate-agent/emulators/osdp-pd-emulator";
import { EventLog } from "../gate-agent/helpers/events";
import { type PtyPair, startPtyPair } from "../gate-agent/helpers/socat";
import { createTestSchool, removeSchool, SocketBag, type TestSchool } from "../support/server-harness";

/**
 * The server stops; the gate answers from its signed cache (OSDP reader emulated on a socat pty, so
 * the lights are real commands); the server comes back on the same port and decides for real.
 */
const GREEN = 2;
const RED = 1;
const TIMING = {
  ackTimeoutMs: 1_000,
  retryMinMs: 50,
  retryMaxMs: 200,
  reconnectMinMs: 50,
  reconnectMaxMs: 300,
};

describe("decisions while the server is away", () => {
  let school: TestSchool;
  let server: RunningServer | undefined;
  let dir: string;
  let pty: PtyPair;
  let agent: Agent | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  const bag = new SocketBag();

  async function serve(port: number, clock?: () => Date): Promise<RunningServer> {
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    return startServer({
      store: school.store,
      journal,
      port,
      host: "127.0.0.1",
      ...(clock ? { clock } : {}),
    });
  }

  /** An agent with an OSDP reader that got its offline cache from `running`, which then stops. */
  async function agentLeftAlone(running: RunningServer) {
    const emulator = await startOsdpPdEmulator(pty.readerSide);
    cleanups.push(() => emulator.close());
    const events = new EventLog<AgentEvent>();
    agent = await startAgent({
      serverUrl: running.url,
      token: school.tokens.gate,
      readers: [{ profile: "generic/osdp-reader", path: pty.agentSide }],
      dataDir: join(dir, "agent"),
      timing: TIMING,
      onEvent: events.push,
    });
    await emulator.pd.commands.next((c) => c.code === CMD.POLL, "first poll");
    await events.next((e) => e.type === "server:cache", "offline cache");
    await running.close();
    server = undefined;
    await events.next((e) => e.type === "server:disconnected", "server gone");
    return { emulator, events };
  }

  beforeEach(async () => {
    school = await createTestSchool();
    dir = await mkdtemp(join(tmpdir(), "wanfeng-offline-"));
    pty = await startPtyPair(dir);
  });
  afterEach(async () => {
    await agent?.stop();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    bag.closeAll();
    await pty.stop();
    await server?.close();
    await removeSchool(school);
    await rm(dir, { recursive: true, force: true });
  });

  it("accepts a guardian's card and refuses a lost one from the cache; the server applies both once and flags the disagreement", async () => {
    server = await serve(0);
    const port = Number(new URL(server.url).port);
    const { emulator, events } = await agentLeftAlone(server);

    // 张妈妈's card (0000000001): her children are in care today → green from the cache.
    emulator.pd.swipeW26(0, 1);
    expect(await emulator.pd.leds.next(() => true, "first light")).toMatchObject({ color: GREEN });
    // A card reported lost (0000000099) → red.
    emulator.pd.swipeW26(0, 99);
    const second = await emulator.pd.leds.next(() => emulator.pd.leds.events.length >= 2, "second light");
    expect(second).toMatchObject({ color: RED });
    const queued = events.events.filter((e) => e.type === "tap:queued");
    expect(queued.map((e) => e.type === "tap:queued" && e.report.offline)).toEqual([
      { answer: "accept" },
      { answer: "refuse" },
    ]);

    server = await serve(port);
    await events.next(
      () => events.events.filter((e) => e.type === "tap:acked").length >= 2,
      "both delivered",
    );
    const acked = events.events.flatMap((e) => (e.type === "tap:acked" ? [e.outcome] : []));
    expect(acked.map((o) => [o.duplicate, o.result.kind])).toEqual([
      [false, "pickup"],
      [false, "card_blocked"],
    ]);
    // Nobody was checked in: the server refuses the pickup the gate accepted. The guard is told.
    const guard = await bag.screen(server, "guard");
    const snapshot = await guard.emitWithAck("view:join", { view: "gate" });
    if (!("data" in snapshot)) throw new Error("no gate view");
    const alerts = snapshot.data.alerts.map((a) => [a.kind, a.cardId]);
    expect(alerts).toContainEqual(["offline_disagreement", "0000000001"]);
    expect(alerts).not.toContainEqual(["offline_disagreement", "0000000099"]);
    // No second light for taps answered already.
    expect(emulator.pd.leds.events).toHaveLength(2);
  });

  it("judges the cache's age on the server's clock: a server a day behind the gate PC still answers from it", async () => {
    // The demo school's server plays yesterday afternoon; a gate PC's clock may be off by as much.
    const dayMs = 86_400_000;
    server = await serve(0, () => new Date(Date.now() - dayMs));
    const { emulator, events } = await agentLeftAlone(server);

    emulator.pd.swipeW26(0, 1);
    expect(await emulator.pd.leds.next(() => true, "first light")).toMatchObject({ color: GREEN });
    const queued = events.events.filter((e) => e.type === "tap:queued");
    expect(queued.map((e) => e.type === "tap:queued" && e.report.offline)).toEqual([{ answer: "accept" }]);
  });
});
