import type { ScreenLayout, ScreenRole } from "./layout";
import { newSeries, record, type Series } from "./stats";

interface Pending {
  emitAt: number;
  groupId: string;
  kioskLeft: number;
  guardLeft: number;
  acked: boolean;
  /** Screens that have had their first event about the child. */
  heardBy: Set<number>;
}

/** Calls `visit` with every string anywhere in a decoded JSON payload. */
function forEachString(value: unknown, visit: (text: string) => void, depth = 0): void {
  if (typeof value === "string") visit(value);
  else if (depth > 32 || value === null || typeof value !== "object") return;
  else if (Array.isArray(value)) for (const item of value) forEachString(item, visit, depth + 1);
  else for (const item of Object.values(value)) forEachString(item, visit, depth + 1);
}

/**
 * Follows each tap (one per child) until every screen that should hear of it has, and the gate
 * agent has its acknowledgement. A screen hears of a child with its first event, whatever its
 * name, whose payload names the child's id anywhere: a whole board, a tile or a delta all count.
 * One kiosk sample per kiosk of the child's group, one guard sample per guard screen.
 */
export class DeliveryTracker {
  readonly kiosk: Series;
  readonly guard: Series;
  readonly ack: Series;
  /** Kiosks of other groups that were told about a tapped child (rooms should prevent it). */
  strays = 0;
  /** Taps whose acknowledgement was not the outcome expected (e.g. not a pickup request). */
  refused = 0;
  readonly #layout: ScreenLayout;
  readonly #pending = new Map<string, Pending>();
  #onIdle: (() => void) | undefined;

  constructor(label: string, layout: ScreenLayout) {
    this.#layout = layout;
    this.kiosk = newSeries(`${label} tap → kiosk`);
    this.guard = newSeries(`${label} tap → guard`);
    this.ack = newSeries(`${label} tap → ack`);
  }

  start(childId: string, groupId: string, emitAt: number): void {
    if (this.#pending.has(childId)) throw new Error(`child ${childId} tapped twice`);
    const kioskLeft = this.#layout.kiosksPerGroup.get(groupId) ?? 0;
    if (kioskLeft === 0) throw new Error(`group ${groupId} has no kiosk listening`);
    this.#pending.set(childId, {
      emitAt,
      groupId,
      kioskLeft,
      guardLeft: this.#layout.guardCount,
      acked: false,
      heardBy: new Set(),
    });
  }

  /**
   * An event (any name) reached screen number `screen`, at `at`. Returns the tapped children it
   * told this screen about for the first time.
   */
  heard(screen: number, role: ScreenRole, payload: unknown, at: number): string[] {
    const told: string[] = [];
    if (this.#pending.size === 0) return told;
    forEachString(payload, (text) => {
      const p = this.#pending.get(text);
      if (!p || p.heardBy.has(screen)) return;
      p.heardBy.add(screen);
      told.push(text);
      if (role.kind === "guard") {
        p.guardLeft--;
        record(this.guard, p.emitAt, at);
      } else if (role.groupId === p.groupId) {
        p.kioskLeft--;
        record(this.kiosk, p.emitAt, at);
      } else {
        this.strays++;
      }
      this.#settle(text, p);
    });
    return told;
  }

  acked(childId: string, at: number, asExpected: boolean): void {
    const p = this.#pending.get(childId);
    if (!p || p.acked) return;
    p.acked = true;
    if (!asExpected) this.refused++;
    record(this.ack, p.emitAt, at);
    this.#settle(childId, p);
  }

  /**
   * Resolves when every started tap is complete, or after `timeoutMs`; counts what is missing and
   * forgets it, so the next block starts with nothing pending.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.#pending.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.#onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.#onIdle = undefined;
    for (const p of this.#pending.values()) {
      this.kiosk.missing += p.kioskLeft;
      this.guard.missing += p.guardLeft;
      if (!p.acked) this.ack.missing++;
    }
    this.#pending.clear();
  }

  #settle(childId: string, p: Pending): void {
    if (p.kioskLeft > 0 || p.guardLeft > 0 || !p.acked) return;
    this.#pending.delete(childId);
    if (this.#pending.size === 0) this.#onIdle?.();
  }
}
