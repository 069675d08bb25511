import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { DEVICE_ROUTE_HEADER, deviceRouteFromToken } from "../../common/device-route";
import {
  type Ack,
  DEVICE_NAMESPACE,
  type DeviceToServerEvents,
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ScreenUpdate,
  type ScreenUpdateItem,
  type ServerToDeviceEvents,
  type ServerToScreenEvents,
  type StreamVersion,
  type TapReport,
  type VersionedScreenEvent,
  type ViewRequest,
  type ViewSnapshot,
} from "../../protocol";
import { type RunningServer, startServer } from "../../server/app";
import { addDevice } from "../../server/auth/devices";
import { addUser } from "../../server/auth/users";
import type { DocumentStorage } from "../../server/store/document/storage";
import { openFileJournal } from "../../server/store/file-journal";
import { filePurgeDeps } from "../../server/store/file-purge";
import { openDocumentStore } from "../../server/store/lowdb-store";
import type { Db } from "../../server/store/schema";
import { smallSchool } from "../domain/fixtures";

export const PASSWORD = "correct-horse-battery";

export interface TestSchool {
  dataDir: string;
  store: DocumentStorage;
  tokens: { gate: string; room1: string };
}

/** The small school of the domain tests on real files, with logins and real device tokens. */
export async function createTestSchool(db: Db = smallSchool()): Promise<TestSchool> {
  const dataDir = await mkdtemp(join(tmpdir(), "wanfeng-test-"));
  const store = await openDocumentStore(dataDir);
  await store.update((doc) => {
    Object.assign(doc, db, { devices: [] });
  });
  await addUser(store, { username: "admin", displayName: "Admin", role: "admin", password: PASSWORD });
  await addUser(store, {
    username: "t1",
    displayName: "王老师",
    role: "teacher",
    password: PASSWORD,
    groupIds: ["g1"],
  });
  await addUser(store, {
    username: "t2",
    displayName: "赵老师",
    role: "teacher",
    password: PASSWORD,
    groupIds: ["g2"],
  });
  await addUser(store, { username: "guard", displayName: "保安", role: "guard", password: PASSWORD });
  await addUser(store, { username: "tech", displayName: "技术员", role: "technician", password: PASSWORD });
  const gate = await addDevice(store, { name: "南门", kind: "gate" });
  const room1 = await addDevice(store, { name: "101 reader", kind: "room", groupId: "g1" });
  return { dataDir, store, tokens: { gate: gate.token, room1: room1.token } };
}

export async function startTestServer(school: TestSchool, clock?: () => Date): Promise<RunningServer> {
  const journal = await openFileJournal(join(school.dataDir, "journal"));
  return startServer({
    store: school.store,
    journal,
    port: 0,
    host: "127.0.0.1",
    photosDir: join(school.dataDir, "photos"),
    purge: filePurgeDeps(school.dataDir, school.store),
    ...(clock ? { clock } : {}),
  });
}

export async function removeSchool(school: TestSchool): Promise<void> {
  await rm(school.dataDir, { recursive: true, force: true });
}

export async function login(url: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status}`);
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

/**
 * What a test hears on a screen socket: the wire's messages, and each update of an `updates`
 * message as an event of its own (`child:updated`, `gate:changed`…, with the message's version),
 * so a test waits for the update it is about (see expandUpdates).
 */
export type HeardScreenEvents = ServerToScreenEvents & {
  [E in VersionedScreenEvent]: (update: ScreenUpdate<E>, version: StreamVersion) => void;
};
export type ScreenClient = Socket<HeardScreenEvents, ScreenToServerEvents>;
export type DeviceClient = Socket<ServerToDeviceEvents, DeviceToServerEvents>;

export function screenClient(url: string, cookie?: string): ScreenClient {
  const socket: ScreenClient = io(url + SCREEN_NAMESPACE, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  expandUpdates(socket);
  return socket;
}

/**
 * Hands each update of an `updates` message to the socket's listeners (also `onAny`) as its own
 * event, in order, before the message itself goes to `updates` listeners. socket.io-client routes
 * every incoming event through emitEvent; wrapping it on this one test socket is the only hook.
 */
function expandUpdates(socket: ScreenClient): void {
  const hooked = socket as unknown as { emitEvent(args: unknown[]): void };
  const deliver = hooked.emitEvent.bind(socket);
  hooked.emitEvent = (args) => {
    if (args[0] !== "updates") {
      deliver(args);
      return;
    }
    const [, items, version] = args as [string, ScreenUpdateItem[], StreamVersion];
    for (const item of items) deliver([item.event, item.update, version]);
    for (const listener of socket.listeners("updates")) listener(items, version);
  };
}

export function deviceClient(url: string, token: string): DeviceClient {
  return io(url + DEVICE_NAMESPACE, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: { token },
    extraHeaders: { [DEVICE_ROUTE_HEADER]: deviceRouteFromToken(token) },
  });
}

/** Resolves on connect; rejects with the server's refusal code. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err: Error & { data?: { code?: string } }) =>
      reject(new Error(err.data?.code ?? err.message)),
    );
  });
}

export function unwrap<T>(answer: Ack<T>): T {
  if ("error" in answer) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

/** The next time `event` arrives on `socket` with a payload matching `predicate`. */
export function nextEvent<E extends keyof HeardScreenEvents>(
  socket: ScreenClient,
  event: E,
  predicate: (...args: Parameters<HeardScreenEvents[E]>) => boolean = () => true,
): Promise<Parameters<HeardScreenEvents[E]>> {
  return new Promise((resolve) => {
    const handler = (...args: Parameters<HeardScreenEvents[E]>) => {
      if (!predicate(...args)) return;
      socket.off(event, handler as never);
      resolve(args);
    };
    socket.on(event, handler as never);
  });
}

/** A card read at a reader, as an agent reports it: a fresh id, now. */
export function cardTap(cardId: string): TapReport {
  return {
    id: randomUUID(),
    readerId: "ttyV0",
    at: new Date().toISOString(),
    reading: { kind: "card", cardId },
  };
}

/** Sockets opened by a test, closed in afterEach. */
export class SocketBag {
  private readonly sockets: (ScreenClient | DeviceClient)[] = [];

  async screen(server: RunningServer, username: string): Promise<ScreenClient> {
    const socket = screenClient(server.url, await login(server.url, username));
    this.sockets.push(socket);
    await connected(socket);
    return socket;
  }

  /** A logged-in screen that has joined `request`, with the snapshot it got. */
  async view(
    server: RunningServer,
    username: string,
    request: ViewRequest,
  ): Promise<{ socket: ScreenClient; snapshot: ViewSnapshot }> {
    const socket = await this.screen(server, username);
    const snapshot = unwrap(await socket.emitWithAck("view:join", request));
    return { socket, snapshot };
  }

  technician(
    server: RunningServer,
    username = "tech",
  ): Promise<{ socket: ScreenClient; snapshot: ViewSnapshot }> {
    return this.view(server, username, { view: "technician" });
  }

  async device(server: RunningServer, token: string): Promise<DeviceClient> {
    const socket = deviceClient(server.url, token);
    this.sockets.push(socket);
    await connected(socket);
    return socket;
  }

  closeAll(): void {
    for (const s of this.sockets.splice(0)) s.disconnect();
  }
}
