import { randomUUID } from "node:crypto";
import { createLogger } from "../../common/log";
import {
  type CardBound,
  type EnrolmentDone,
  type EnrolmentStarted,
  type HolderRef,
  normaliseCardNumber,
  type TapReport,
  type TapResult,
  WanfengError,
} from "../../protocol";
import type { DayService, TapClaim } from "../day/day-service";
import type { Device, User } from "../domain/entities";
import type { DayEvent } from "../domain/events";
import { tapReceived } from "../domain/tap-received";
import type { CardStore, RosterReader } from "../ports/roster";
import { type ChangeActor, currentActor, runAs } from "../store/change-actor";
import { bindCard, holderNameIn } from "./bind-card";

const log = createLogger("enrolment");

/** How long a device waits for the card after "tap the card now". */
export const ENROLMENT_WINDOW_MS = 60_000;
/**
 * A tap older than its enrolment by more than this was queued before it (an agent delivering
 * taps from while it was offline) and is left to the gate rules. The slack covers agent clocks
 * that run a little behind the server's.
 */
const CLOCK_SLACK_MS = 30_000;

/** An enrolment waiting for a tap, as the nodes of a school tell each other about it. */
export interface SharedEnrolment {
  deviceId: string;
  holder: HolderRef;
  holderName: string;
  userId: string;
  userName: string;
  /** The technician's screen socket: only it hears how the enrolment ended (on whichever node). */
  socketId: string;
  startedAt: number;
  /** Who started it: the card bound later by a device's tap is recorded as their change. */
  actor: ChangeActor;
}

/**
 * The other server nodes of the school: the device's agent may be connected to any of them, so
 * each holds every node's waiting enrolments (server/realtime/technician-peers.ts).
 */
export interface EnrolmentPeers {
  started(enrolment: SharedEnrolment): void;
  /** Bound, cancelled or gone with its screen: the others drop it. */
  ended(deviceId: string, socketId: string): void;
}

interface Pending extends SharedEnrolment {
  timer: NodeJS.Timeout;
  /** Started on this node: this node tells the screen when it expired. */
  here: boolean;
}

export interface EnrolmentDeps {
  store: CardStore & RosterReader;
  day: DayService;
  clock: () => Date;
  /** Tells one screen socket how its enrolment ended. */
  notify: (socketId: string, done: EnrolmentDone) => void;
  windowMs?: number;
  peers?: EnrolmentPeers;
}

/**
 * Binding cards to people: by tapping the card on a chosen device (the next card tap there is
 * taken from the gate rules and binds the card instead), or by typing its printed number.
 */
export class EnrolmentService {
  private readonly pending = new Map<string, Pending>();
  /**
   * Enrolments that ended here (bound, cancelled, expired), until their window is over: another
   * node's news of one (an answer to an ask sent before it ended) must not bring it back.
   */
  private readonly endedHere = new Map<string, number>();

  constructor(private readonly deps: EnrolmentDeps) {
    deps.day.setTapClaim(this.claim);
  }

  start(user: User, socketId: string, deviceId: string, holder: HolderRef): EnrolmentStarted {
    const roster = this.deps.store.schoolRoster();
    if (!roster.devices.some((d) => d.id === deviceId))
      throw new WanfengError("NOT_FOUND", `no device ${deviceId}`);
    const holderName = holderNameIn(roster, holder);
    if (holderName === undefined) throw new WanfengError("NOT_FOUND", `no ${holder.kind} ${holder.id}`);
    const current = this.pending.get(deviceId);
    // Two technicians waiting for a tap on one reader could not tell whose card it was.
    if (current && current.socketId !== socketId) {
      throw new WanfengError("ENROLMENT_BUSY", `someone is already enrolling on ${deviceId}`);
    }
    const now = this.deps.clock().getTime();
    const windowMs = this.deps.windowMs ?? ENROLMENT_WINDOW_MS;
    const shared: SharedEnrolment = {
      actor: currentActor(),
      deviceId,
      holder,
      holderName,
      userId: user.id,
      userName: user.displayName,
      socketId,
      startedAt: now,
    };
    this.hold(shared, true);
    this.deps.peers?.started(shared);
    log.info({ deviceId, holder, user: user.username }, "enrolment started: waiting for a card tap");
    return { deviceId, holder, holderName, expiresAt: new Date(now + windowMs).toISOString() };
  }

  cancel(socketId: string, deviceId: string): void {
    if (this.drop(deviceId, socketId)) this.deps.peers?.ended(deviceId, socketId);
  }

  /**
   * Another node started an enrolment: a tap on this node binds it as well. One started here on
   * the same device stays: only two technicians starting within the same few milliseconds on two
   * nodes get past ENROLMENT_BUSY, and then the node the tap reaches decides whose it is.
   */
  heldElsewhere(enrolment: SharedEnrolment): void {
    if (this.endedHere.has(enrolmentKey(enrolment))) return;
    const current = this.pending.get(enrolment.deviceId);
    if (current?.here && current.socketId !== enrolment.socketId) return;
    this.hold(enrolment, false);
  }

  /** The enrolment waiting on a device that this node started, for a node that asks. */
  startedHere(deviceId: string): SharedEnrolment | null {
    const pending = this.pending.get(deviceId);
    if (!pending?.here) return null;
    const { timer: _timer, here: _here, ...shared } = pending;
    return shared;
  }

  /** Another node's enrolment ended (bound there, cancelled, its screen gone). */
  endedElsewhere(deviceId: string, socketId: string): void {
    this.drop(deviceId, socketId);
  }

  private hold(enrolment: SharedEnrolment, here: boolean): void {
    const current = this.pending.get(enrolment.deviceId);
    if (current) clearTimeout(current.timer);
    const endsAt = enrolment.startedAt + (this.deps.windowMs ?? ENROLMENT_WINDOW_MS);
    const timer = setTimeout(
      () => this.expire(enrolment.deviceId, timer),
      Math.max(0, endsAt - this.deps.clock().getTime()),
    );
    timer.unref();
    this.pending.set(enrolment.deviceId, { ...enrolment, timer, here });
  }

  private drop(deviceId: string, socketId: string): boolean {
    const current = this.pending.get(deviceId);
    if (!current || current.socketId !== socketId) return false;
    this.forget(current);
    return true;
  }

  /** Ends a waiting enrolment here and remembers that it ended (see endedHere). */
  private forget(pending: Pending): void {
    clearTimeout(pending.timer);
    this.pending.delete(pending.deviceId);
    const now = this.deps.clock().getTime();
    for (const [key, until] of this.endedHere) if (until <= now) this.endedHere.delete(key);
    this.endedHere.set(
      enrolmentKey(pending),
      pending.startedAt + (this.deps.windowMs ?? ENROLMENT_WINDOW_MS),
    );
  }

  /** The technician's screen went away: its enrolments end with it. */
  socketGone(socketId: string): void {
    for (const p of [...this.pending.values()]) this.cancel(socketId, p.deviceId);
  }

  /** Bind by typing the number printed on the card (any form normaliseCardNumber reads). */
  async bindByNumber(user: User, holder: HolderRef, cardNumber: string): Promise<CardBound> {
    const cardId = normaliseCardNumber(cardNumber);
    const by = { userId: user.id, name: user.displayName, at: this.deps.clock() };
    const bound = await bindCard(this.deps.store, holder, cardId, by);
    this.afterBind(bound, user, "typed");
    if (bound.outcome === "bound" && holder.kind === "guardian") await this.journalPending(user, bound);
    if (bound.outcome === "refused") {
      throw new WanfengError("CARD_ALREADY_BOUND", `card ${cardId} belongs to ${bound.otherHolderName}`, {
        cardId,
      });
    }
    return bound;
  }

  private readonly claim: TapClaim = (device, report, now) => {
    const pending = this.pending.get(device.id);
    if (!pending || report.reading.kind !== "card") return undefined;
    if (Date.parse(report.at) < pending.startedAt - CLOCK_SLACK_MS) return undefined;
    if (now.getTime() > pending.startedAt + (this.deps.windowMs ?? ENROLMENT_WINDOW_MS)) return undefined;
    this.forget(pending);
    this.deps.peers?.ended(device.id, pending.socketId);
    const cardId = report.reading.cardId;
    return async (day) => {
      let bound: CardBound;
      try {
        const by = { userId: pending.userId, name: pending.userName, at: now };
        bound = await runAs(pending.actor, () => bindCard(this.deps.store, pending.holder, cardId, by));
      } catch (err) {
        // The tap is still acknowledged (the agent must not resend it forever); the screen is told.
        log.error({ err, deviceId: device.id, cardId }, "enrolment could not bind the card");
        bound = { cardId, holder: pending.holder, holderName: pending.holderName, outcome: "refused" };
      }
      this.afterBind(bound, { id: pending.userId, username: pending.userId }, "tapped");
      this.deps.notify(pending.socketId, { deviceId: device.id, kind: "tapped", ...bound });
      const result: TapResult = {
        kind: "enrolled",
        cardId,
        holderName: bound.holderName,
        outcome: bound.outcome,
      };
      return { result, events: enrolmentEvents(device, report, now, day, result, bound, pending.userId) };
    };
  };

  /** A guardian's card typed in: the journal records who asked for the new authority, and when. */
  private async journalPending(user: User, bound: CardBound): Promise<void> {
    await this.deps.day.recordDecision((_roster, state, now) => {
      const event: DayEvent = {
        id: randomUUID(),
        day: state.day,
        at: now.toISOString(),
        actor: { kind: "user", id: user.id },
        type: "custody:changed",
        change: "card_bound",
        guardianId: bound.holder.id,
        cardId: bound.cardId,
        name: bound.holderName,
        pending: true,
        byUserId: user.id,
        byName: user.displayName,
      };
      return { result: undefined, events: [event] };
    });
  }

  private afterBind(bound: CardBound, user: Pick<User, "id" | "username">, how: string): void {
    const level = bound.outcome === "refused" ? "warn" : "info";
    log[level]({ ...bound, by: user.username, how }, `card ${bound.outcome}`);
  }

  private expire(deviceId: string, timer: NodeJS.Timeout): void {
    const current = this.pending.get(deviceId);
    if (!current || current.timer !== timer) return;
    this.pending.delete(deviceId);
    if (!current.here) return;
    const { holder, holderName } = current;
    this.deps.notify(current.socketId, { deviceId, kind: "expired", holder, holderName });
  }
}

/** The journal's record of an enrolment tap: the tap, and the binding when one was made. */
function enrolmentEvents(
  device: Device,
  report: TapReport,
  now: Date,
  day: string,
  result: TapResult,
  bound: CardBound,
  userId: string,
): DayEvent[] {
  const tap = tapReceived(report, device.id, day, now, result);
  if (bound.outcome !== "bound") return [tap];
  return [
    tap,
    {
      day,
      at: tap.at,
      actor: { kind: "user", id: userId },
      id: `${report.id}#1`,
      type: "card:enrolled",
      tapId: report.id,
      cardId: bound.cardId,
      holder: bound.holder,
      deviceId: device.id,
      byUserId: userId,
      // A guardian's new card waits for the office (docs/decisions.md "Who may collect, on screen").
      ...(bound.holder.kind === "guardian" ? { pending: true as const } : {}),
    },
  ];
}

/** One enrolment, whichever node holds it: its device, its technician's socket, when it started. */
function enrolmentKey(enrolment: SharedEnrolment): string {
  return `${enrolment.deviceId}|${enrolment.socketId}|${enrolment.startedAt}`;
}
