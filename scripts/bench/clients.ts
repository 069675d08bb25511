import { io, type Socket } from "socket.io-client";
import { DEVICE_ROUTE_HEADER, deviceRouteFromToken } from "../../common/device-route";
import {
  type Ack,
  DEVICE_NAMESPACE,
  type DeviceToServerEvents,
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ServerToDeviceEvents,
  type ServerToScreenEvents,
} from "../../protocol";

/**
 * Socket helpers in the manner of test/support/server-harness.ts, kept here so the bench does not
 * depend on test fixtures: websocket only, no reconnection, one connection per socket.
 */

export type ScreenSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;
export type DeviceSocket = Socket<ServerToDeviceEvents, DeviceToServerEvents>;

function socketOptions() {
  return { transports: ["websocket"], reconnection: false, forceNew: true };
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} → HTTP ${res.status}`);
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie;
}

export function screenSocket(baseUrl: string, cookie: string): ScreenSocket {
  return io(baseUrl + SCREEN_NAMESPACE, { ...socketOptions(), extraHeaders: { cookie } });
}

export function deviceSocket(baseUrl: string, token: string): DeviceSocket {
  return io(baseUrl + DEVICE_NAMESPACE, {
    ...socketOptions(),
    auth: { token },
    extraHeaders: { [DEVICE_ROUTE_HEADER]: deviceRouteFromToken(token) },
  });
}

/** Resolves on connect; rejects with the server's refusal code. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err: Error & { data?: { code?: string } }) =>
      reject(new Error(`socket refused: ${err.data?.code ?? err.message}`)),
    );
  });
}

export function unwrap<T>(answer: Ack<T>): T {
  if ("error" in answer) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

/** Runs `work` over the items with at most `limit` in flight, so a burst does not swamp the server. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (item !== undefined) await work(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function disconnectAll(sockets: Iterable<Socket>): void {
  for (const socket of sockets) socket.disconnect();
}
