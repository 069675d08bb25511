import type { ScreenUpdate, ScreenUpdateItem, StreamVersion, VersionedScreenEvent } from "../../../protocol";
import type { ScreenNamespace } from "../namespaces";

/**
 * The update streams of the screens, one per socket.io room (a group's kiosks, the gate, the
 * overview, the technician page). Every message sent to a room carries the room's next version, so
 * a screen that missed one sees the gap and asks for a snapshot (protocol StreamVersion).
 *
 * Updates are gathered per room and leave as one `updates` message each at the end of the current
 * turn (a microtask), not one by one as they are made: a tap that changes a tile, announces a
 * pickup and moves a gate row is one socket write per guard screen, not three (the writes, not the
 * work, were most of the server's time per tap), and so are all the taps of a round the day ledger
 * just made durable. A message's version is taken when its first update is made; a snapshot read
 * before it leaves has that version and includes all its updates, so the screen skips it.
 * Not later (setImmediate): waiting for the event loop's other callbacks delayed the messages by
 * 1.8 ms at p95 in the bench, more than writing the next round to the disk meanwhile gained.
 *
 * Emission is local to this process: every server node folds every event of the day and computes
 * the same updates for its own screens, so a screen's versions come from the node it is on.
 */
export class ScreenStreams {
  private readonly versions = new Map<string, StreamVersion>();
  /** Messages made and not yet sent, by room, in the order they were made. */
  private outbox = new Map<string, { items: ScreenUpdateItem[]; version: StreamVersion }>();

  constructor(private readonly screens: ScreenNamespace) {}

  /** The version a snapshot of this room's view includes: read it together with the state. */
  version(room: string): StreamVersion {
    return this.versions.get(room) ?? 0;
  }

  send<E extends VersionedScreenEvent>(room: string, event: E, update: ScreenUpdate<E>): void {
    const item = { event, update } as ScreenUpdateItem;
    const waiting = this.outbox.get(room);
    if (waiting) {
      waiting.items.push(item);
      return;
    }
    // The first message of the turn schedules the flush that sends them all.
    if (this.outbox.size === 0) queueMicrotask(() => this.flush());
    const version = this.version(room) + 1;
    this.versions.set(room, version);
    this.outbox.set(room, { items: [item], version });
  }

  /** Whether any screen listens in this room (updates nobody would see are not computed). */
  watched(room: string): boolean {
    return this.audience(room) > 0;
  }

  /** The day changed or the roster did: every screen reloads its snapshot (after what was made before). */
  allStale(): void {
    this.flush();
    this.screens.local.emit("view:stale");
  }

  /**
   * Sends what the outbox holds, rooms with fewer screens first. Each screen is one socket write,
   * and the writes of a turn go one after another: when several taps' updates leave together, a
   * group's kiosk should not wait behind every screen watching the gate (forty in the bench).
   * Fewest first makes screens wait least on average and delays the bigger rooms by a few writes.
   * Rooms' streams are independent (each has its own versions), so their order is free.
   */
  private flush(): void {
    const outbox = [...this.outbox];
    this.outbox = new Map();
    if (outbox.length > 1) outbox.sort(([a], [b]) => this.audience(a) - this.audience(b));
    for (const [room, { items, version }] of outbox)
      this.screens.local.to(room).emit("updates", items, version);
  }

  private audience(room: string): number {
    return this.screens.adapter.rooms.get(room)?.size ?? 0;
  }
}
