import type { Socket } from "socket.io";
import { z } from "zod";
import { createLogger } from "../../common/log";
import {
  type ConfigureReadersSchema,
  type ConsoleOpen,
  type DeviceConfig,
  type DeviceToServerEvents,
  type EnrolmentDone,
  ReaderFrameSchema,
  ReaderStatusReportSchema,
  type ScreenToServerEvents,
  type ServerToDeviceEvents,
  type ServerToScreenEvents,
  type ViewSnapshot,
  WanfengError,
} from "../../protocol";
import type { DayService } from "../day/day-service";
import type { DeviceRegistry } from "../devices/device-registry";
import type { ProfileCatalog } from "../devices/profile-catalog";
import { checkReaderConfig } from "../devices/reader-config";
import type { Device } from "../domain/entities";
import type { EnrolmentService } from "../enrolment/enrolment-service";
import type { DeviceStore } from "../ports/access";
import type { DeviceNamespace, DeviceSocketData, ScreenNamespace, ScreenSocketData } from "./namespaces";
import type { ScreenStreams } from "./publish/screen-streams";
import { deviceRoom, TECHNICIAN_ROOM } from "./rooms";

const log = createLogger("technician");

type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;
type DeviceSocket = Socket<
  DeviceToServerEvents,
  ServerToDeviceEvents,
  Record<string, never>,
  DeviceSocketData
>;

export interface TechnicianDeps {
  store: DeviceStore;
  day: DayService;
  registry: DeviceRegistry;
  profiles: ProfileCatalog;
  enrolment: EnrolmentService;
}

/** What an agent is told about itself on connect and after a technician changed its readers. */
export function deviceConfigOf(device: Device, serverNow: Date): DeviceConfig {
  return {
    serverAt: serverNow.toISOString(),
    deviceId: device.id,
    name: device.name,
    kind: device.kind,
    ...(device.groupId ? { groupId: device.groupId } : {}),
    ...(device.readers ? { readers: device.readers } : {}),
  };
}

/**
 * The technician's tools on both namespaces: device presence and reader status from the agents,
 * the live console (an agent streams raw frames only while a console watches one of its readers,
 * and each frame goes only to the sockets watching that reader), reader set-up and enrolment.
 */
export class TechnicianHub {
  /** Screen socket id → the reader its console shows. */
  private readonly watchers = new Map<string, ConsoleOpen>();
  private devices: DeviceNamespace | undefined;
  private screens: ScreenNamespace | undefined;
  private streams: ScreenStreams | undefined;

  constructor(private readonly deps: TechnicianDeps) {}

  /** Card enrolment by tap or by number (the technician command table calls it). */
  get enrolment(): EnrolmentService {
    return this.deps.enrolment;
  }

  async snapshot(): Promise<ViewSnapshot> {
    const { day, registry, profiles } = this.deps;
    const profileList = await profiles.list();
    const roster = day.currentRoster;
    return {
      day: day.currentDay,
      serverAt: day.now().toISOString(),
      version: this.streams?.version(TECHNICIAN_ROOM) ?? 0,
      schoolName: roster.settings.schoolName,
      children: [],
      alerts: [],
      technician: { devices: registry.views(roster), profiles: profileList },
    };
  }

  attach(devices: DeviceNamespace, screens: ScreenNamespace, streams: ScreenStreams): void {
    this.devices = devices;
    this.screens = screens;
    this.streams = streams;
    const { registry, day } = this.deps;
    registry.onChange((deviceId) => {
      const device = day.currentRoster.devices.get(deviceId);
      if (device) streams.send(TECHNICIAN_ROOM, "device:status", registry.view(device, day.currentRoster));
    });
    devices.on("connection", (socket) => this.deviceConnected(socket, screens));
    screens.on("connection", (socket) => this.screenConnected(socket));
  }

  /** How an enrolment ended goes only to the screen that started it. */
  notifyEnrolment(socketId: string, done: EnrolmentDone): void {
    this.screens?.to(socketId).emit("enrolment:done", done);
  }

  private deviceConnected(socket: DeviceSocket, screens: ScreenNamespace): void {
    const deviceId = socket.data.deviceId;
    if (!this.deps.day.currentRoster.devices.has(deviceId)) return;
    void socket.join(deviceRoom(deviceId));
    this.deps.registry.connected(deviceId, socket.id);
    const watched = this.watchedReaders(deviceId);
    if (watched.length > 0) socket.emit("console:watch", { readerIds: watched });
    socket.on("disconnect", () => this.deps.registry.disconnected(deviceId, socket.id));

    socket.on("reader:status", (raw) => {
      const parsed = ReaderStatusReportSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn({ deviceId, problem: z.prettifyError(parsed.error) }, "malformed reader status");
        return;
      }
      this.deps.registry.reported(deviceId, parsed.data.readers, parsed.data.agent);
    });
    socket.on("reader:frame", (raw) => {
      const parsed = ReaderFrameSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn({ deviceId, problem: z.prettifyError(parsed.error) }, "malformed reader frame");
        return;
      }
      const frame = parsed.data;
      const to = [...this.watchers]
        .filter(([, w]) => w.deviceId === deviceId && w.readerId === frame.readerId)
        .map(([socketId]) => socketId);
      if (to.length > 0) screens.to(to).emit("console:frame", { ...frame, deviceId });
    });
  }

  /** A technician screen gone: its console stops, its enrolment ends. */
  private screenConnected(socket: ScreenSocket): void {
    socket.on("disconnect", () => {
      this.closeConsole(socket.id);
      this.deps.enrolment.socketGone(socket.id);
    });
  }

  openConsole(socket: ScreenSocket, wanted: ConsoleOpen): ConsoleOpen {
    if (!this.deps.day.currentRoster.devices.has(wanted.deviceId)) {
      throw new WanfengError("NOT_FOUND", `no device ${wanted.deviceId}`);
    }
    const before = this.watchers.get(socket.id);
    this.watchers.set(socket.id, wanted);
    if (before && before.deviceId !== wanted.deviceId) this.pushWatch(before.deviceId);
    this.pushWatch(wanted.deviceId);
    log.info({ user: socket.data.user.username, ...wanted }, "reader console opened");
    return wanted;
  }

  closeConsole(socketId: string): void {
    const before = this.watchers.get(socketId);
    if (!before) return;
    this.watchers.delete(socketId);
    this.pushWatch(before.deviceId);
  }

  private watchedReaders(deviceId: string): string[] {
    const ids = new Set<string>();
    for (const w of this.watchers.values()) if (w.deviceId === deviceId) ids.add(w.readerId);
    return [...ids].sort();
  }

  /** Tells the agent which of its readers to stream; none stops the stream. */
  private pushWatch(deviceId: string): void {
    this.devices
      ?.to(deviceRoom(deviceId))
      .emit("console:watch", { readerIds: this.watchedReaders(deviceId) });
  }

  async configureReaders(command: z.infer<typeof ConfigureReadersSchema>) {
    const { store, day, registry, profiles } = this.deps;
    if (!day.currentRoster.devices.has(command.deviceId)) {
      throw new WanfengError("NOT_FOUND", `no device ${command.deviceId}`);
    }
    const readers = await checkReaderConfig(command.readers, profiles);
    await store.setDeviceReaders(command.deviceId, readers);
    const device = day.currentRoster.devices.get(command.deviceId);
    if (!device) throw new WanfengError("NOT_FOUND", `no device ${command.deviceId}`);
    log.info({ device: device.name, readers }, "readers configured");
    this.devices?.to(deviceRoom(device.id)).emit("device:config", deviceConfigOf(device, day.now()));
    registry.touch(device.id);
    return registry.view(device, day.currentRoster);
  }
}
