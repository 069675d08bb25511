import type { DeviceStatusView, ServerToDeviceEvents, ViewSnapshot } from "../../protocol";
import { type DeviceClient, nextEvent, type ScreenClient } from "./server-harness";

export { SocketBag } from "./server-harness";

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
