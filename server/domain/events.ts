import type { AlertKind, PassRefusalReason, PickupChildOutcome, Reading, TapResult } from "../../protocol";

/**
 * Events of the care day, as kept in the append-only journal. State is derived from them;
 * nothing is edited in place. Every event has an id; events caused by a tap have ids derived
 * from the tap id, so replaying a tap cannot create new ids.
 */

export type Actor = { kind: "device"; id: string } | { kind: "user"; id: string } | { kind: "system" };

interface EventBase {
  id: string;
  /** The school day (YYYY-MM-DD in the school's zone) the event belongs to. */
  day: string;
  /** When it was recorded (server clock), ISO. */
  at: string;
  actor: Actor;
}

export interface TapReceived extends EventBase {
  type: "tap:received";
  tapId: string;
  deviceId: string;
  readerId: string;
  /** When the tap happened, by the agent's clock. */
  tapAt: string;
  reading: Reading;
  rawHex?: string;
  result: TapResult;
}

export interface ChildCheckedIn extends EventBase {
  type: "child:checked_in";
  childId: string;
  via: "card" | "touch";
}

export interface PickupRequested extends EventBase {
  type: "pickup:requested";
  childId: string;
  /** For a delegate pass: the guardian who announced the delegate. */
  guardianId: string;
  deviceId: string;
  /** Set when a delegate came with a pass (亲友代接) instead of a guardian's card. */
  passId?: string;
  delegateName?: string;
  delegateRelation?: string;
}

/** A delegate pass was used: at least one child was requested with it. It is never valid again. */
export interface PassUsed extends EventBase {
  type: "pass:used";
  passId: string;
  deviceId: string;
  childIds: string[];
  /** Scanned at a reader, or its short code typed by the guard. */
  via: "scan" | "short_code";
  /** For a scan: when it happened by the agent's clock, so a scanner's repeats count as one. */
  tapAt?: string;
}

export interface ChildReleased extends EventBase {
  type: "child:released";
  childId: string;
}

export interface ChildCollected extends EventBase {
  type: "child:collected";
  childId: string;
}

export interface LeaveRecorded extends EventBase {
  type: "leave:recorded";
  childId: string;
  reason: string;
  requestedBy: string;
}

export interface AlertRaised extends EventBase {
  type: "alert:raised";
  kind: AlertKind;
  severity: "warning" | "danger";
  deviceId: string;
  cardId?: string;
  rawHex?: string;
  holderName?: string;
  cardStatus?: "lost" | "revoked";
  childOutcomes?: { childName: string; outcome: PickupChildOutcome }[];
  passRefusal?: PassRefusalReason;
  passId?: string;
}

export type DayEvent =
  | TapReceived
  | ChildCheckedIn
  | PickupRequested
  | PassUsed
  | ChildReleased
  | ChildCollected
  | LeaveRecorded
  | AlertRaised;

export type DayEventType = DayEvent["type"];

/** The append-only journal of day events. Implementations must fsync before append resolves. */
export interface EventJournal {
  /** Every event of one day, in append order. */
  readDay(day: string): Promise<DayEvent[]>;
  /** Resolves once the events are durably on disk; only then may anything be acknowledged. */
  append(events: readonly DayEvent[]): Promise<void>;
  close(): Promise<void>;
}
