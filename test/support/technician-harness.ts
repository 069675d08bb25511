import type { DeviceStatusView, ServerToDeviceEvents, ViewSnapshot } from "../../protocol";
import type { RunningServer } from "../../server/app";
import {
  connected,
  type DeviceClient,
  deviceClient,
  login,
  nextEvent,
  type ScreenClient,
  screenClient,
  unwrap,
} from "./server-harness";

/** Sockets opened by a test, closed in afterEach. */
export class SocketBag {
  private readonly sockets: (ScreenClient | DeviceClient)[] = [];

  async screen(server: RunningServer, username: string): Promise<ScreenClient> {
    const socket = screenClient(server.url, await login(server.url, username));
    this.sockets.push(socket);
    await connected(socket);
    return socket;
  }

  async technician(
    server: RunningServer,
    username = "tech",
  ): Promise<{ socket: ScreenClient; snapshot: ViewSnapshot }> {
    const socket = await this.screen(server, username);
    const snapshot = unwrap(await socket.emitWithAck("view:join", { view: "technician" }));
    return { socket, snapshot };
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

/** The next device:status of this device matching `predicate`. */
export function nextStatus(
  socket: ScreenClient,
  deviceId: string,
  predicate: (d: DeviceStatusView) => boolean = () => true,
): Promise<DeviceStatusView> {
  return nextEvent(socket, "device:status", (d) => d.deviceId === deviceId && predicate(d)).then(([d]) => d);
}

/** The next time the server sends `event` to a device socket. */
export function nextDeviceEvent<E extends keyof ServerToDeviceEvents>(
  socket: DeviceClient,
  event: E,
  predicate: (...args: Parameters<ServerToDeviceEvents[E]>) => boolean = () => true,
): Promise<Parameters<ServerToDeviceEvents[E]>> {
  return new Promise((resolve) => {
    const handler = (...args: Parameters<ServerToDeviceEvents[E]>) => {
      if (!predicate(...args)) return;
      socket.off(event, handler as never);
      resolve(args);
    };
    socket.on(event, handler as never);
  });
}

export function deviceIdByName(snapshot: ViewSnapshot, name: string): string {
  const device = snapshot.technician?.devices.find((d) => d.name === name);
  if (!device) throw new Error(`no device ${name} in the technician snapshot`);
  return device.deviceId;
}
