import type { StreamVersion } from "../../../protocol/events";

/** Updates kept while a snapshot is awaited; past this, the gap after the snapshot asks for another. */
const MAX_WAITING_UPDATES = 1_000;

/**
 * The order of one view's updates (protocol StreamVersion): each is applied once, in version order;
 * one the snapshot already includes is skipped; those arriving while a snapshot is on its way wait
 * for it; a gap (a missed update) asks for a new snapshot.
 */
export class UpdateStream {
  /** The version the screen's state includes; undefined while a snapshot is awaited. */
  private version: StreamVersion | undefined;
  private waiting: { version: StreamVersion; apply: () => void }[] = [];

  constructor(private readonly resync: () => void) {}

  /** A snapshot was asked for. */
  awaitSnapshot(): void {
    this.version = undefined;
    this.waiting = [];
  }

  /** The snapshot arrived: it is applied, then the waiting updates it does not include. */
  snapshot(version: StreamVersion, apply: () => void): void {
    this.version = version;
    apply();
    const waiting = this.waiting;
    this.waiting = [];
    for (const update of waiting) this.update(update.version, update.apply);
  }

  update(version: StreamVersion, apply: () => void): void {
    if (this.version === undefined) {
      if (this.waiting.length < MAX_WAITING_UPDATES) this.waiting.push({ version, apply });
      return;
    }
    if (version <= this.version) return;
    if (version !== this.version + 1) {
      this.resync();
      return;
    }
    this.version = version;
    apply();
  }
}
