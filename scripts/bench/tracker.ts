import { newSeries, record, type Series } from "./stats";

/**
 * Where the screens are: kiosk socket k shows group kioskGroups[k]; guardCount sockets show the
 * gate. The Wanfeng run and the relay run use the same layout.
 */
export interface ScreenLayout {
  kioskGroups: string[];
  guardCount: number;
  /** Groups with at least one kiosk, in first-seen order. */
  coveredGroups: string[];
  kiosksPerGroup: Map<string, number>;
}

export function layoutScreens(
  screens: number,
  guardShare: number,
  groupIds: readonly string[],
): ScreenLayout {
  if (groupIds.length === 0) throw new Error("no care groups");
  const guardCount = Math.min(screens - 1, Math.max(1, Math.round(screens * guardShare)));
  const kioskCount = screens - guardCount;
  const kioskGroups: string[] = [];
  const kiosksPerGroup = new Map<string, number>();
  for (let k = 0; k < kioskCount; k++) {
    const groupId = groupIds[k % groupIds.length];
    if (groupId === undefined) throw new Error(`no group for kiosk ${k}`);
    kioskGroups.push(groupId);
    kiosksPerGroup.set(groupId, (kiosksPerGroup.get(groupId) ?? 0) + 1);
  }
  return { kioskGroups, guardCount, coveredGroups: [...kiosksPerGroup.keys()], kiosksPerGroup };
}

interface Pending {
  emitAt: number;
  kioskLeft: number;
  guardLeft: number;
  acked: boolean;
}

/**
 * Follows each tap (keyed by child, one tap per child) until every kiosk of the child's group and
 * every guard screen has heard of it and the sender has its acknowledgement. A kiosk sample is
 * the time until the LAST kiosk of the group had it, a guard sample until the LAST guard screen.
 */
export class DeliveryTracker {
  readonly kiosk: Series;
  readonly guard: Series;
  readonly ack: Series;
  readonly #layout: ScreenLayout;
  readonly #pending = new Map<string, Pending>();
  #open = 0;
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
    this.#pending.set(childId, { emitAt, kioskLeft, guardLeft: this.#layout.guardCount, acked: false });
    this.#open++;
  }

  kioskHeard(childId: string, at: number): void {
    const p = this.#pending.get(childId);
    if (!p || p.kioskLeft === 0) return;
    if (--p.kioskLeft === 0) {
      record(this.kiosk, p.emitAt, at);
      this.#settle(p);
    }
  }

  guardHeard(childId: string, at: number): void {
    const p = this.#pending.get(childId);
    if (!p || p.guardLeft === 0) return;
    if (--p.guardLeft === 0) {
      record(this.guard, p.emitAt, at);
      this.#settle(p);
    }
  }

  acked(childId: string, at: number): void {
    const p = this.#pending.get(childId);
    if (!p || p.acked) return;
    p.acked = true;
    record(this.ack, p.emitAt, at);
    this.#settle(p);
  }

  /** Resolves when every started tap is complete, or after `timeoutMs`; counts what is missing. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.#open > 0) {
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
      if (p.kioskLeft > 0) this.kiosk.missing++;
      if (p.guardLeft > 0) this.guard.missing++;
      if (!p.acked) this.ack.missing++;
    }
  }

  #settle(p: Pending): void {
    if (p.kioskLeft > 0 || p.guardLeft > 0 || !p.acked) return;
    this.#open--;
    if (this.#open === 0) this.#onIdle?.();
  }
}
