import { type AgentHealth, agentAlarms, type DeviceStatusView, type ReaderStatus } from "../../protocol";
import type { Device } from "../domain/entities";
import type { RosterIndex } from "../domain/roster-index";

/**
 * What the server knows about its devices beyond the roster: which are connected right now, when
 * each was last heard from, and the readers its agent last reported. Memory only: after a restart
 * every agent reconnects and reports again within seconds.
 */
export class DeviceRegistry {
  /** deviceId → ids of its connected sockets (an agent restarting may briefly have two). */
  private readonly sockets = new Map<string, Set<string>>();
  private readonly lastSeen = new Map<string, string>();
  private readonly readers = new Map<string, ReaderStatus[]>();
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
    if (set === undefined || set.size === 0) {
      this.sockets.delete(deviceId);
      // Nobody can vouch for a port of an agent we no longer hear: show its readers closed.
      const last = this.readers.get(deviceId);
      if (last)
        this.readers.set(
          deviceId,
          last.map((r) => ({ ...r, open: false })),
        );
    }
    this.changed(deviceId);
  }

  reported(deviceId: string, readers: ReaderStatus[], health?: AgentHealth): void {
    this.readers.set(deviceId, readers);
    if (health) this.health.set(deviceId, health);
    this.seen(deviceId);
    this.changed(deviceId);
  }

  /** The device's roster entry changed (its configured readers): listeners show it again. */
  touch(deviceId: string): void {
    this.changed(deviceId);
  }

  isOnline(deviceId: string): boolean {
    return (this.sockets.get(deviceId)?.size ?? 0) > 0;
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
      readers: this.readers.get(device.id) ?? [],
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
