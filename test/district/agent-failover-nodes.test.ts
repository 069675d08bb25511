import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type AgentProcess, type LogLine, spawnAgent } from "../gate-agent/helpers/agent-process";
import { rdm6300Card } from "../gate-agent/helpers/frames";
import { startPtyPair } from "../gate-agent/helpers/socat";
import { usePostgresDatabases } from "../support/postgres-database";
import { removeSchool } from "../support/server-harness";
import { spawnServer } from "../support/server-process";
import { schoolOnDatabase } from "./district-school";

const freshDatabase = usePostgresDatabases();
const SLOW_MS = 30_000;
const TAPS = 10;
const KILL_AFTER = 4;
const GAP_MS = 200;

/**
 * Issue 8: an agent with both nodes' URLs, an RDM6300 reader on a pty; node A is killed with
 * SIGKILL in the middle of a stream of taps. The agent carries on with node B, and the school's
 * one journal (the events table) holds every tap read, once, in the order read.
 */
describe("an agent across two server nodes on one database", { timeout: 150_000 }, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("node A killed during a stream of taps: every tap recorded once, in order, through node B", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wanfeng-district-agent-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const url = await freshDatabase();
    const school = await schoolOnDatabase(url);
    cleanups.push(() => removeSchool(school));

    const a = await spawnServer(join(dir, "node-a"), ["--database", url]);
    cleanups.push(() => a.stop());
    const b = await spawnServer(join(dir, "node-b"), ["--database", url]);
    cleanups.push(() => b.stop());
    const pty = await startPtyPair(dir);
    cleanups.push(() => pty.stop());

    const agent: AgentProcess = spawnAgent([
      "--server",
      a.url,
      "--server",
      b.url,
      "--token",
      school.tokens.gate,
      "--reader",
      `generic/rdm6300:${pty.agentSide}`,
      "--data-dir",
      join(dir, "agent-data"),
    ]);
    cleanups.push(() => agent.stop());
    await agent.logs.next((l) => l.msg === "reader open", "reader open", SLOW_MS);
    await agent.logs.next(
      (l) => l.msg === "connected to server" && l.serverUrl === a.url,
      "connected to node A",
      SLOW_MS,
    );

    const read = Array.from({ length: TAPS }, (_, i) => rdm6300Card(70 + i));
    let killed: Promise<void> | undefined;
    for (const [i, card] of read.entries()) {
      const handle = await open(pty.readerSide, "r+");
      await handle.write(card.frame);
      await handle.close();
      await agent.logs.next(
        (l) => l.msg === "tap queued" && l.cardId === card.cardId,
        `tap ${i + 1}`,
        SLOW_MS,
      );
      if (i + 1 === KILL_AFTER) killed = a.kill9();
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    await killed;
    const acked = (l: LogLine) => l.msg === "tap acknowledged";
    while (agent.logs.events.filter(acked).length < TAPS)
      await agent.logs.waitFresh(acked, "every tap acknowledged", SLOW_MS);
    expect(agent.logs.events.some((l) => l.msg === "connected to server" && l.serverUrl === b.url)).toBe(
      true,
    );

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const taps = await client.query(
      "SELECT payload->'reading'->>'cardId' AS card FROM events WHERE type = 'tap:received' ORDER BY day, seq",
    );
    await client.end();
    // One journal for the school: each tap once, whichever node took it, in the order read.
    expect(taps.rows.map((r) => r.card)).toEqual(read.map((c) => c.cardId));
  });
});
