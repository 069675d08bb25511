import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureFileOf, listProfileFiles } from "../../common/profiles/load";
import { type Agent, startAgent } from "../../gate-agent";
import type { OpenTransport } from "../../gate-agent/reader/transport";
import type { Reading } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { startOsdpPdEmulator } from "../gate-agent/emulators/osdp-pd-emulator";
import { startPn532Emulator } from "../gate-agent/emulators/pn532-emulator";
import { type PtyPair, startPtyPair } from "../gate-agent/helpers/socat";
import { createTestSchool, removeSchool, startTestServer, type TestSchool } from "../support/server-harness";

/**
 * Issue "Readers", done means: for every hardware profile, a recorded or emulated session passes
 * through the real gate agent into the real server. Listen-only readers replay their recorded
 * fixture bytes through an injected port; readers that talk back are emulated on socat ptys.
 */

const files = await listProfileFiles();
const recorded: { id: string; chunks: Buffer[]; readings: string[] }[] = [];
for (const { id, file } of files) {
  const fixture = JSON.parse(await readFile(fixtureFileOf(file), "utf8")) as {
    chunks?: string[];
    cards: string[];
    codes?: string[];
  };
  if (!fixture.chunks) continue;
  recorded.push({
    id,
    chunks: fixture.chunks.map((hex) => Buffer.from(hex, "hex")),
    readings: [
      ...new Set([
        ...fixture.cards.map((c) => `card:${c}`),
        ...(fixture.codes ?? []).map((c) => `code:${c}`),
      ]),
    ],
  });
}

const key = (reading: Reading) =>
  reading.kind === "card" ? `card:${reading.cardId}` : `code:${reading.text}`;

/** A port that plays the recorded chunks once, a turn of the event loop apart, as a reader would. */
function replay(chunks: Buffer[]): OpenTransport {
  return async (_request, handlers) => {
    let closed = false;
    void (async () => {
      for (const chunk of chunks) {
        await new Promise((resolve) => setImmediate(resolve));
        if (closed) return;
        handlers.onData(chunk);
      }
    })();
    return {
      write: async () => {},
      close: async () => {
        closed = true;
      },
    };
  };
}

describe("every hardware profile, through the real agent into the server", () => {
  let school: TestSchool;
  let server: RunningServer;
  const agents: Agent[] = [];
  const ptys: PtyPair[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  /** Readings the server recorded per reader id, as tap events reach the journal. */
  const received = new Map<string, Set<string>>();
  /** Each waiter returns true once satisfied and is then dropped. */
  let waiters: (() => boolean)[] = [];

  function until(readerId: string, wanted: readonly string[]): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const done = wanted.every((w) => received.get(readerId)?.has(w));
        if (done) resolve();
        return done;
      };
      if (!check()) waiters.push(check);
    });
  }

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    server.day.onEvents((events) => {
      for (const event of events) {
        if (event.type !== "tap:received") continue;
        const seen = received.get(event.readerId) ?? new Set<string>();
        seen.add(key(event.reading));
        received.set(event.readerId, seen);
      }
      waiters = waiters.filter((check) => !check());
    });
  });

  afterAll(async () => {
    for (const agent of agents) await agent.stop();
    for (const cleanup of cleanups) await cleanup();
    for (const pty of ptys) await pty.stop();
    await server?.close();
    await removeSchool(school);
  });

  it("has recorded fixtures to replay", () => {
    expect(recorded.length).toBeGreaterThan(5);
  });

  it.each(recorded)(
    "$id: the recorded bytes reach the server as its readings",
    async ({ id, chunks, readings }) => {
      const readerId = id.replace("/", "-");
      const agent = await startAgent({
        serverUrl: server.url,
        token: school.tokens.gate,
        readers: [{ profile: id, path: `/dev/replay-${readerId}`, readerId }],
        openTransport: replay(chunks),
      });
      agents.push(agent);
      await until(readerId, readings);
      expect([...(received.get(readerId) ?? [])].sort()).toEqual([...readings].sort());
    },
  );

  async function ptyPair(name: string): Promise<PtyPair> {
    const dir = join(school.dataDir, `pty-${name}`);
    await mkdir(dir, { recursive: true });
    const pty = await startPtyPair(dir);
    ptys.push(pty);
    return pty;
  }

  it("nxp/pn532-hsu: an emulated PN532 presents a card that reaches the server", async () => {
    const pty = await ptyPair("pn532");
    const chip = await startPn532Emulator(pty.readerSide);
    cleanups.push(() => chip.close());
    agents.push(
      await startAgent({
        serverUrl: server.url,
        token: school.tokens.gate,
        readers: [{ profile: "nxp/pn532-hsu", path: pty.agentSide, readerId: "pn532" }],
      }),
    );
    chip.present(Buffer.from("04a1b2c3d4e5f6", "hex"));
    await until("pn532", ["card:UID:04A1B2C3D4E5F6"]);
  });

  it("generic/osdp-reader: an emulated OSDP reader's swipe and keypad entry reach the server", async () => {
    const pty = await ptyPair("osdp");
    const emulator = await startOsdpPdEmulator(pty.readerSide);
    cleanups.push(() => emulator.close());
    agents.push(
      await startAgent({
        serverUrl: server.url,
        token: school.tokens.gate,
        readers: [{ profile: "generic/osdp-reader", path: pty.agentSide, readerId: "osdp" }],
      }),
    );
    emulator.pd.swipeW26(99, 59822);
    emulator.pd.typeKeys("1234#");
    await until("osdp", ["card:0006547886", "code:1234"]);
  });
});
