import type { Socket } from "socket.io";
import { z } from "zod";
import { createLogger } from "../../common/log";
import {
  type ConfigureReadersSchema,
  type ConsoleOpen,
  type DeviceConfig,
  type EnrolmentDone,
  ReaderFrameSchema,
  ReaderStatusReportSchema,
  type ScreenToServerEvents,
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
import type { DeviceNamespace, ScreenNamespace, ScreenSocketData } from "./namespaces";
import type { ScreenStreams } from "./publish/screen-streams";
import { consoleRoom, deviceConsoleRoom, deviceRoom, TECHNICIAN_ROOM } from "./rooms";
import { PEER_ANSWER_MS, TechnicianPeers } from "./technician-peers";

const log = createLogger("technician");

type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;
type DeviceSocket = NonNullable<ReturnType<DeviceNamespace["sockets"]["get"]>>;

export interface TechnicianDeps {
  store: DeviceStore;
  day: DayService;
  registry: DeviceRegistry;
  profiles: ProfileCatalog;
  enrolment: EnrolmentService;
  /** Other server nodes serve the school too (a socket.io adapter joins them). */
  clustered: boolean;
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
 * and each frame goes only to the sockets watching that reader), reader set-up and enrolment. On
 * several nodes, the agent and the technician's screen may be on different ones: the console
 * works through socket.io rooms across nodes, presence and enrolment through `TechnicianPeers`.
 */
export class TechnicianHub {
  /** This node's screen socket id → the reader its console shows. */
  private readonly watchers = new Map<string, ConsoleOpen>();
  /** The latest question per device of which readers to stream: older answers are dropped. */
  private readonly watchAsked = new Map<string, number>();
  private devices: DeviceNamespace | undefined;
  private screens: ScreenNamespace | undefined;
  private streams: ScreenStreams | undefined;
  private peers: TechnicianPeers | undefined;

  constructor(private readonly deps: TechnicianDeps) {}

  /** Card enrolment by tap or by number (the technician command table calls it). */
  get enrolment(): EnrolmentService {
    return this.deps.enrolment;
  }

  /** Where an enrolment started on this node is told to the others (none on one node). */
  get enrolmentPeers(): TechnicianPeers | undefined {
    return this.peers;
  }

  async snapshot(): Promise<ViewSnapshot> {
    const { day, registry, profiles } = this.deps;
    await this.peers?.refresh();
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
    if (this.deps.clustered) {
      const watching = () => (screens.adapter.rooms.get(TECHNICIAN_ROOM)?.size ?? 0) > 0;
      this.peers = new TechnicianPeers(devices, registry, this.deps.enrolment, watching);
    }
    registry.onChange((deviceId) => {
      const device = day.currentRoster.devices.get(deviceId);
      if (device) streams.send(TECHNICIAN_ROOM, "device:status", registry.view(device, day.currentRoster));
    });
    devices.on("connection", (socket) => this.deviceConnected(socket, screens));
    screens.on("connection", (socket) => this.screenConnected(socket));
  }

  close(): void {
    this.peers?.close();
  }

  /** How an enrolment ended goes only to the screen that started it (on whichever node). */
  notifyEnrolment(socketId: string, done: EnrolmentDone): void {
    this.screens?.to(socketId).emit("enrolment:done", done);
  }

  private deviceConnected(socket: DeviceSocket, screens: ScreenNamespace): void {
    const deviceId = socket.data.deviceId;
    if (!this.deps.day.currentRoster.devices.has(deviceId)) return;
    void socket.join(deviceRoom(deviceId));
    this.deps.registry.connected(deviceId, socket.id);
    this.peers?.heardHere(deviceId, false);
    void this.peers?.askEnrolment(deviceId);
    void this.watchedReaders(deviceId).then((watched) => {
      if (watched.length > 0) socket.emit("console:watch", { readerIds: watched });
    });
    socket.on("disconnect", () => {
      this.deps.registry.disconnected(deviceId, socket.id);
      this.peers?.heardHere(deviceId, false);
    });

    socket.on("reader:status", (raw) => {
      const parsed = ReaderStatusReportSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn({ deviceId, problem: z.prettifyError(parsed.error) }, "malformed reader status");
        return;
      }
      this.deps.registry.reported(deviceId, parsed.data.readers, parsed.data.agent);
      this.peers?.heardHere(deviceId, true);
    });
    socket.on("reader:frame", (raw) => {
      const parsed = ReaderFrameSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn({ deviceId, problem: z.prettifyError(parsed.error) }, "malformed reader frame");
        return;
      }
      const frame = parsed.data;
      screens.to(consoleRoom(deviceId, frame.readerId)).emit("console:frame", { ...frame, deviceId });
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
    if (before) this.leaveConsole(socket.id, before);
    this.watchers.set(socket.id, wanted);
    void socket.join([deviceConsoleRoom(wanted.deviceId), consoleRoom(wanted.deviceId, wanted.readerId)]);
    if (before && before.deviceId !== wanted.deviceId) this.pushWatch(before.deviceId);
    this.pushWatch(wanted.deviceId);
    log.info({ user: socket.data.user.username, ...wanted }, "reader console opened");
    return wanted;
  }

  closeConsole(socketId: string): void {
    const before = this.watchers.get(socketId);
    if (!before) return;
    this.leaveConsole(socketId, before);
    this.watchers.delete(socketId);
    this.pushWatch(before.deviceId);
  }

  private leaveConsole(socketId: string, open: ConsoleOpen): void {
    const socket = this.screens?.sockets.get(socketId);
    if (!socket) return;
    void socket.leave(deviceConsoleRoom(open.deviceId));
    void socket.leave(consoleRoom(open.deviceId, open.readerId));
  }

  /** The readers of a device some console watches, on any node (this node's alone if they do not answer). */
  private async watchedReaders(deviceId: string): Promise<string[]> {
    const ids = new Set<string>();
    const prefix = `${deviceConsoleRoom(deviceId)}:`;
    try {
      const screens = this.screens?.in(deviceConsoleRoom(deviceId)).timeout(PEER_ANSWER_MS);
      for (const socket of (await screens?.fetchSockets()) ?? [])
        for (const room of socket.rooms) if (room.startsWith(prefix)) ids.add(room.slice(prefix.length));
    } catch (err) {
      log.warn({ err: { message: (err as Error).message }, deviceId }, "other nodes' consoles unknown");
      for (const w of this.watchers.values()) if (w.deviceId === deviceId) ids.add(w.readerId);
    }
    return [...ids].sort();
  }

  /** Tells the agent (on whichever node) which of its readers to stream; none stops the stream. */
  private pushWatch(deviceId: string): void {
    const asked = (this.watchAsked.get(deviceId) ?? 0) + 1;
    this.watchAsked.set(deviceId, asked);
    void this.watchedReaders(deviceId).then((readerIds) => {
      if (this.watchAsked.get(deviceId) !== asked) return;
      this.devices?.to(deviceRoom(deviceId)).emit("console:watch", { readerIds });
    });
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
