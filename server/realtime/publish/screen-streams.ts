import type { ScreenUpdate, StreamVersion, VersionedScreenEvent } from "../../../protocol";
import type { ScreenNamespace } from "../namespaces";

/**
 * The update streams of the screens, one per socket.io room (a group's kiosks, the gate, the
 * overview, the technician page). Every update sent to a room carries the room's next version, so
 * a screen that missed one sees the gap and asks for a snapshot (protocol StreamVersion).
 */
export class ScreenStreams {
  private readonly versions = new Map<string, StreamVersion>();

  constructor(private readonly screens: ScreenNamespace) {}

  /** The version a snapshot of this room's view includes: read it together with the state. */
  version(room: string): StreamVersion {
    return this.versions.get(room) ?? 0;
  }

  send<E extends VersionedScreenEvent>(room: string, event: E, payload: ScreenUpdate<E>): void {
    const version = this.version(room) + 1;
    this.versions.set(room, version);
    // socket.io cannot narrow emit over a union of event names; VersionedScreenEvent keeps it typed.
    const target = this.screens.to(room);
    const emit = target.emit as (event: E, payload: ScreenUpdate<E>, version: number) => boolean;
    emit.call(target, event, payload, version);
  }

  /** Whether any screen listens in this room (updates nobody would see are not computed). */
  watched(room: string): boolean {
    return (this.screens.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /** The day changed or the roster did: every screen reloads its snapshot. */
  allStale(): void {
    this.screens.emit("view:stale");
  }
}
