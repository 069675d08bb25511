import type { Server } from "socket.io";
import { z } from "zod";
import { createLogger } from "../../common/log";
import { TapReportSchema, toWireError } from "../../protocol";
import { authenticateDevice } from "../auth/devices";
import type { DayService } from "../day/day-service";
import { offlineCacheFor } from "../devices/offline-cache";
import type { DeviceStore } from "../ports/access";
import { connectError } from "./connect-error";
import { type DeviceNamespace, deviceNamespace } from "./namespaces";
import { deviceConfigOf } from "./technician-part";

const log = createLogger("device-socket");

/** Well under the agent's default cache age (4 h). */
const CACHE_REFRESH_MS = 15 * 60_000;

type DeviceSocket = NonNullable<ReturnType<DeviceNamespace["sockets"]["get"]>>;

/** Gate agents and room readers: each speaks only with its own token, and only reports taps. */
export function attachDeviceNamespace(io: Server, store: DeviceStore, day: DayService): DeviceNamespace {
  const devices = deviceNamespace(io);
  /** A gate answers taps from this while the server is away; sent again when the roster or day changes. */
  const sendOfflineCache = (socket: DeviceSocket) => {
    const device = day.currentRoster.devices.get(socket.data.deviceId);
    if (device?.kind !== "gate") return;
    socket.emit("device:cache", offlineCacheFor(device, day.currentRoster, day.currentDay, day.now()));
  };
  const refreshCaches = () => {
    for (const socket of devices.sockets.values()) sendOfflineCache(socket);
  };
  day.onViewsStale(refreshCaches);
  // Re-issued while connected too, so a cut late in a quiet day still finds a young cache.
  setInterval(refreshCaches, CACHE_REFRESH_MS).unref();
  /** Server minus agent clock per device, as last reported: dates taps sent before a new measurement. */
  const clockOffsets = new Map<string, number>();

  devices.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const device = typeof token === "string" ? await authenticateDevice(store, token) : undefined;
    if (!device) {
      log.warn({ address: socket.handshake.address }, "device connection refused: bad token");
      next(connectError("AUTH_BAD_TOKEN"));
      return;
    }
    socket.data.deviceId = device.id;
    next();
  });

  devices.on("connection", (socket) => {
    const device = day.currentRoster.devices.get(socket.data.deviceId);
    if (!device) {
      socket.disconnect(true);
      return;
    }
    log.info({ device: device.name, kind: device.kind }, "device connected");
    socket.emit("device:config", deviceConfigOf(device, day.now()));
    sendOfflineCache(socket);
    socket.on("disconnect", (reason) => log.info({ device: device.name, reason }, "device disconnected"));

    socket.on("tap:report", async (raw, ack) => {
      if (typeof ack !== "function") return;
      const parsed = TapReportSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn({ device: device.name, problem: z.prettifyError(parsed.error) }, "malformed tap report");
        ack({ error: { code: "VALIDATION_FAILED", message: z.prettifyError(parsed.error) } });
        return;
      }
      // A device removed since it connected must not keep reporting on its old token.
      const current = day.currentRoster.devices.get(device.id);
      if (!current) {
        ack({ error: { code: "AUTH_BAD_TOKEN", message: "device removed" } });
        socket.disconnect(true);
        return;
      }
      // The agent's own measurement wins; before it has one, the last this device reported.
      const offset = parsed.data.clockOffsetMs ?? clockOffsets.get(device.id) ?? 0;
      if (parsed.data.clockOffsetMs !== undefined) clockOffsets.set(device.id, parsed.data.clockOffsetMs);
      try {
        const outcome = await day.handleTap(current, parsed.data, offset);
        ack({ data: outcome, serverAt: day.now().toISOString() });
      } catch (err) {
        log.error({ err, tapId: parsed.data.id }, "tap failed");
        ack({ error: toWireError(err) });
      }
    });
  });
  return devices;
}
