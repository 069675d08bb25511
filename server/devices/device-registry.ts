import { type AgentHealth, agentAlarms, type DeviceStatusView, type ReaderStatus } from "../../protocol";
import type { Device } from "../domain/entities";
import type { RosterIndex } from "../domain/roster-index";

/** What one node tells the others about a device it heard from (server/realtime/technician-peers.ts). */
export interface PresenceRecord {
  deviceId: string;
  lastSeenAt: string;
  /** The agent's report, when the news is one (not a connect or disconnect). */
  readers?: ReaderStatus[];
  health?: AgentHealth;
}

/**
 * What the server knows about its devices beyond the roster: which are connected right now, when
 * each was last heard from, and the readers its agent last reported. Memory only: after a restart
 * every agent reconnects and reports again within seconds. With several nodes, the devices
 * connected to other nodes and what those nodes heard come in through `elsewhere` and `heard`.
 */
export class DeviceRegistry {
  /** deviceId → ids of its sockets on this node (an agent restarting may briefly have two). */
  private readonly sockets = new Map<string, Set<string>>();
  /** Devices with a socket on another node, as last asked. */
  private connectedElsewhere = new Set<string>();
  private readonly lastSeen = new Map<string, string>();
  /** As the agent last reported them; shown closed while `unvouched`. */
  private readonly readers = new Map<string, ReaderStatus[]>();
  /** Devices no node has heard report since they were last offline everywhere. */
  private readonly unvouched = new Set<string>();
  private readonly health = new Map<string, AgentHealth>();
  private readonly listeners = new Set<(deviceId: string) => void>();

  constructor(private readonly clock: () => Date) {}

  /** Told whenever a device's online state or readers changed. */
  onChange(listener: (deviceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connected(deviceId: string, socketId: string): void {
    const set = this.sockets.get(deviceId) ?? new Set<string>();
    set.add(socketId);
    this.sockets.set(deviceId, set);
    this.seen(deviceId);
    this.changed(deviceId);
  }

  disconnected(deviceId: string, socketId: string): void {
    const set = this.sockets.get(deviceId);
    set?.delete(socketId);
    this.seen(deviceId);
    if (set === undefined || set.size === 0) this.sockets.delete(deviceId);
    this.vouchIfGone(deviceId);
    this.changed(deviceId);
  }

  /** What this node heard from a device last, for the other nodes: with its report if it was one. */
  record(deviceId: string, report: boolean): PresenceRecord {
    const lastSeenAt = this.lastSeen.get(deviceId) ?? this.clock().toISOString();
    const readers = report ? this.readers.get(deviceId) : undefined;
    const health = report ? this.health.get(deviceId) : undefined;
    return { deviceId, lastSeenAt, ...(readers ? { readers } : {}), ...(health ? { health } : {}) };
  }

  /** Another node heard from the device: the later news wins. */
  heard(record: PresenceRecord): void {
    const known = this.lastSeen.get(record.deviceId);
    if (known !== undefined && Date.parse(known) > Date.parse(record.lastSeenAt)) return;
    this.lastSeen.set(record.deviceId, record.lastSeenAt);
    if (record.readers) {
      this.readers.set(record.deviceId, record.readers);
      this.unvouched.delete(record.deviceId);
    }
    if (record.health) this.health.set(record.deviceId, record.health);
    this.changed(record.deviceId);
  }

  /** The devices that have a socket on another node now. */
  elsewhere(deviceIds: ReadonlySet<string>): void {
    const before = this.connectedElsewhere;
    this.connectedElsewhere = new Set(deviceIds);
    for (const id of new Set([...before, ...deviceIds])) {
      if (before.has(id) === deviceIds.has(id)) continue;
      this.vouchIfGone(id);
      this.changed(id);
    }
  }

  reported(deviceId: string, readers: ReaderStatus[], health?: AgentHealth): void {
    this.readers.set(deviceId, readers);
    this.unvouched.delete(deviceId);
    if (health) this.health.set(deviceId, health);
    this.seen(deviceId);
    this.changed(deviceId);
  }

  /** The device's roster entry changed (its configured readers): listeners show it again. */
  touch(deviceId: string): void {
    this.changed(deviceId);
  }

  isOnline(deviceId: string): boolean {
    return (this.sockets.get(deviceId)?.size ?? 0) > 0 || this.connectedElsewhere.has(deviceId);
  }

  /**
   * Nobody can vouch for a port of an agent no node hears: its readers are shown closed until it
   * reports again. Kept apart from the report itself, which another node may still pass on.
   */
  private vouchIfGone(deviceId: string): void {
    if (!this.isOnline(deviceId)) this.unvouched.add(deviceId);
  }

  private readersOf(deviceId: string): ReaderStatus[] {
    const readers = this.readers.get(deviceId) ?? [];
    return this.unvouched.has(deviceId) ? readers.map((r) => ({ ...r, open: false })) : readers;
  }

  view(device: Device, roster: RosterIndex): DeviceStatusView {
    const group = device.groupId ? roster.groups.get(device.groupId) : undefined;
    const lastSeenAt = this.lastSeen.get(device.id);
    const health = this.health.get(device.id);
    return {
      deviceId: device.id,
      name: device.name,
      kind: device.kind,
      ...(device.groupId ? { groupId: device.groupId } : {}),
      ...(group ? { groupName: group.name } : {}),
      online: this.isOnline(device.id),
      ...(lastSeenAt ? { lastSeenAt } : {}),
      readers: this.readersOf(device.id),
      configuredReaders: device.readers ?? [],
      ...(health ? { agent: this.agentView(device.id, health) } : {}),
    };
  }

  /**
   * An agent cannot report while it is cut off: the server shows it in offline mode when it is not
   * connected and the cache it last reported is still young enough for it to answer taps.
   */
  private agentView(deviceId: string, health: AgentHealth): NonNullable<DeviceStatusView["agent"]> {
    const issued = health.cacheIssuedAt ? Date.parse(health.cacheIssuedAt) : Number.NaN;
    const fresh = this.clock().getTime() - issued <= (health.cacheMaxAgeMs ?? 0);
    const offline = health.offline || (!this.isOnline(deviceId) && fresh);
    return { ...health, offline, alarms: agentAlarms(health) };
  }

  views(roster: RosterIndex): DeviceStatusView[] {
    return [...roster.devices.values()]
      .map((d) => this.view(d, roster))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }

  private seen(deviceId: string): void {
    this.lastSeen.set(deviceId, this.clock().toISOString());
  }

  private changed(deviceId: string): void {
    for (const listener of this.listeners) listener(deviceId);
  }
}
