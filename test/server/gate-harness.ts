import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { TapReport, ViewSnapshot } from "../../protocol";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import type { Db } from "../../server/store/schema";
import { smallSchool } from "../domain/fixtures";
import {
  connected,
  createTestSchool,
  type DeviceClient,
  deviceClient,
  login,
  removeSchool,
  type ScreenClient,
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

/**
 * A running server on the test school with a clock the test moves (Monday 2026-11-23, winter
 * time: grades 1–2 leave 16:40–16:50, care ends 17:00) and a fast gate clock.
 */
export class GateWorld {
  now: Date;
  school!: TestSchool;
  server!: RunningServer;
  private readonly sockets: (ScreenClient | DeviceClient)[] = [];

  constructor(start: string) {
    this.now = shanghai(start);
  }

  async start(db: Db = smallSchool(), kioskDir?: string): Promise<void> {
    this.school = await createTestSchool(db);
    const journal = await openFileJournal(join(this.school.dataDir, "journal"));
    this.server = await startServer({
      store: this.school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      clock: () => new Date(this.now),
      gateClockMs: 40,
      ...(kioskDir ? { kioskDir } : {}),
    });
  }

  setTime(local: string): void {
    this.now = shanghai(local);
  }

  async screen(username: string, view: { view: "gate" } | { view: "room"; groupId: string }) {
    const socket = screenClient(this.server.url, await login(this.server.url, username));
    this.sockets.push(socket);
    await connected(socket);
    const snapshot: ViewSnapshot = unwrap(await socket.emitWithAck("view:join", view));
    return { socket, snapshot };
  }

  async device(which: "gate" | "room1"): Promise<DeviceClient> {
    const socket = deviceClient(this.server.url, this.school.tokens[which]);
    this.sockets.push(socket);
    await connected(socket);
    return socket;
  }

  /** A card read now by the test's clock (the agent's clock agrees with the server's). */
  tap(cardId: string): TapReport {
    return {
      id: randomUUID(),
      readerId: "ttyV0",
      at: this.now.toISOString(),
      reading: { kind: "card", cardId },
    };
  }

  async stop(): Promise<void> {
    for (const s of this.sockets.splice(0)) s.disconnect();
    await this.server?.close();
    if (this.school) await removeSchool(this.school);
  }
}

export function shanghai(local: string): Date {
  return new Date(`2026-11-23T${local.length === 5 ? `${local}:00` : local}+08:00`);
}

/** Resolves with what `socket` heard of `event` within `ms` (to show that nothing came). */
export function heardWithin(socket: ScreenClient, event: string, ms: number): Promise<unknown[]> {
  const heard: unknown[] = [];
  const listener = (name: string, ...args: unknown[]) => {
    if (name === event) heard.push(args[0]);
  };
  socket.onAny(listener);
  return new Promise((resolve) =>
    setTimeout(() => {
      socket.offAny(listener);
      resolve(heard);
    }, ms),
  );
}
