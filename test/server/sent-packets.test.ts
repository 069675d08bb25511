import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server as EngineServer } from "engine.io";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { letGoOfSentPackets } from "../../server/realtime/sent-packets";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve() {
  const http = createServer();
  const engine = new EngineServer();
  letGoOfSentPackets(engine);
  engine.attach(http, { path: "/socket.io/" });
  const io = new Server();
  io.bind(engine);
  // What each flush handed the transport, and whether it was empty once the send was over.
  const flushes: { packets: unknown[]; emptyAfterSend?: boolean }[] = [];
  engine.on("flush", (_socket: unknown, packets: unknown[]) => {
    flushes.push({ packets });
  });
  engine.on("drain", () => {
    const last = flushes.at(-1);
    if (last && last.emptyAfterSend === undefined) last.emptyAfterSend = last.packets.length === 0;
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  closers.push(async () => {
    await io.close();
    http.close();
  });
  return { io, flushes, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

const MESSAGES = Array.from({ length: 30 }, (_, i) => ({
  n: i,
  text: `第${i}条 ${"接送".repeat(i)}`,
  photo: i % 5 === 0 ? Buffer.from([i, 1, 2, 3]) : undefined,
}));

describe("engine.io's sent packets are let go of", () => {
  for (const transport of ["websocket", "polling"] as const) {
    it(`over ${transport}: every message arrives whole and in order, and each sent array ends empty`, async () => {
      const { io, flushes, url } = await serve();
      const client = connect(url, { transports: [transport], forceNew: true });
      closers.push(async () => {
        client.close();
      });
      await new Promise<void>((resolve) => client.once("connect", () => resolve()));
      const received: unknown[] = [];
      const all = new Promise<void>((resolve) => {
        client.on("update", (message: unknown) => {
          received.push(message);
          if (received.length === MESSAGES.length) resolve();
        });
      });
      // A burst: most of these are buffered while the transport is busy and leave in one flush.
      for (const message of MESSAGES) io.emit("update", message);
      await all;

      expect(received).toEqual(
        MESSAGES.map((m) => ({ n: m.n, text: m.text, ...(m.photo ? { photo: m.photo } : {}) })),
      );
      expect(flushes.length).toBeGreaterThan(0);
      expect(flushes.every((f) => f.emptyAfterSend === true)).toBe(true);
    });
  }
});
