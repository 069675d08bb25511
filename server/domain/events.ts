import type { Reading, TapResult } from "../../protocol";
import type { AlertView } from "../../protocol/alerts";
import type { ChildStatus } from "../../protocol/child-day";
import type { Correction, GroupCounts } from "../../protocol/overview";
import type { LeaveChannel } from "../../protocol/room";
import type { CustodyChanged } from "./custody-events";
import type { EventBase } from "./event-base";
import type { GateEvent } from "./gate/gate-events";
import type { RoomEvent } from "./room/room-events";

/**
 * Events of the care day, as kept in the append-only journal. State is derived from them;
 * nothing is edited in place. Every event has an id; events caused by a tap have ids derived
 * from the tap id, so replaying a tap cannot create new ids.
 */

export type { Actor } from "./event-base";

export interface TapReceived extends EventBase {
  type: "tap:received";
  tapId: string;
  deviceId: string;
  readerId: string;
  /** When the tap happened, by the agent's clock (`at` is that time corrected to the server's clock). */
  tapAt: string;
  /** When the server received it; `at` is when the card was read (earlier after an outage). */
  receivedAt?: string;
  /** The agent's clock offset used for `at`. */
  clockOffsetMs?: number;
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
  /** The guard's touch (older events have neither field) or the child's own card at a gate reader. */
  via?: "touch" | "card";
  /** The gate whose reader read the child's card. */
  deviceId?: string;
}

export interface LeaveRecorded extends EventBase {
  type: "leave:recorded";
  childId: string;
  reason: string;
  /** Who asked, as one line ("李丽（妈妈）"); older events have only this. */
  requestedBy: string;
  /** Care room leave (请假): the leave in the roster's register; events written before it lack these. */
  leaveId?: string;
  askedBy?: { name: string; relation: string };
  channel?: LeaveChannel;
  askedAt?: string;
  /** The whole leave's first and last day; this event applies it to `day` only. */
  from?: string;
  to?: string;
}

/**
 * What an alert says is the wire's AlertView, defined once in protocol/alerts.ts; the journal keeps
 * the device's id where the screens get its name, and its own id and time as every event does.
 */
type AlertFields = Omit<
  AlertView,
  "id" | "at" | "deviceName" | "otherDeviceName" | "holderPhoto" | "acknowledged"
>;

export interface AlertRaised extends EventBase, AlertFields {
  type: "alert:raised";
  deviceId: string;
  /** A possible cloned card: the other gate the card was read at (its time is `otherAt`). */
  otherDeviceId?: string;
}

/** The guard (or office) saw an alert and dealt with it; the note says how. The alert is not edited. */
export interface AlertAcknowledged extends EventBase {
  type: "alert:acknowledged";
  alertId: string;
  byUserId: string;
  /** Kept in the record: the user may be renamed or removed later. */
  byName: string;
  note?: string;
}

/** A technician enrolled a card by tapping it: the roster now binds it to this holder. */
export interface CardEnrolled extends EventBase {
  type: "card:enrolled";
  tapId: string;
  cardId: string;
  holder: { kind: "child" | "guardian"; id: string };
  deviceId: string;
  /** The technician or admin who started the enrolment. */
  byUserId: string;
  /** A guardian's card: pickup authority only once the office confirms it. */
  pending?: true;
}

/** The duty leader signed off the day (rule 12): its record is closed from here on. */
export interface DaySignedOff extends EventBase {
  type: "day:signedOff";
  byUserId: string;
  /** Kept in the record: the user may be renamed or removed later. */
  byName: string;
  note: string;
  /** The counts at the moment of signing. */
  totals: GroupCounts;
  groups: GroupCounts[];
  /** The journal's hash-chain head when the day was signed (journal-chain.ts); older events lack it. */
  headHash?: string;
}

/** A correction made after the sign-off, with who made it and why. Nothing earlier is edited. */
export interface DayAmended extends EventBase {
  type: "day:amended";
  byUserId: string;
  byName: string;
  reason: string;
  correction: Correction;
  /** What the correction does to one child's day, resolved when it was made (the reducer has no clock or zone). */
  effect?: { childId: string; status: ChildStatus; collectedAt?: string; leaveReason?: string };
}

/** A member of care staff started (signedIn) or ended (signedOut) their attendance (考勤, rule 13). */
export interface StaffSignedIn extends EventBase {
  type: "staff:signedIn";
  userId: string;
  /** A staff card at a reader, or the person's own login. */
  via: "card" | "login";
  deviceId?: string;
}

export interface StaffSignedOut extends EventBase {
  type: "staff:signedOut";
  userId: string;
  via: "card" | "login";
  deviceId?: string;
}

export type DayEvent =
  | StaffSignedIn
  | StaffSignedOut
  | TapReceived
  | CardEnrolled
  | ChildCheckedIn
  | PickupRequested
  | PassUsed
  | ChildReleased
  | ChildCollected
  | LeaveRecorded
  | RoomEvent
  | GateEvent
  | CustodyChanged
  | AlertRaised
  | AlertAcknowledged
  | DaySignedOff
  | DayAmended;

export type DayEventType = DayEvent["type"];

/**
 * Where an append must go: `expectedSeq` is how many events of the day the decision was made from
 * (the day's seq: events are numbered 1, 2, 3… per school-day). All events of such an append belong
 * to one day. Without it the events go at the end, whatever was appended meanwhile.
 */
export interface AppendOptions {
  expectedSeq?: number;
}

/** An event with its place in its day: the `seq`-th event of `event.day`. */
export interface SequencedEvent {
  seq: number;
  event: DayEvent;
}

/** Another writer got there first: the day has moved on past `expectedSeq`, or an event id is taken. */
export class JournalConflictError extends Error {
  constructor(
    readonly day: string,
    readonly expectedSeq: number | undefined,
    /** Ids of the refused append that the journal holds already (on any day), when that was the cause. */
    readonly recordedIds: readonly string[] = [],
  ) {
    super(
      recordedIds.length > 0
        ? `events already recorded: ${recordedIds.join(", ")}`
        : `journal of ${day} moved on past seq ${expectedSeq}`,
    );
    this.name = "JournalConflictError";
  }
}

export function isJournalConflict(err: unknown): err is JournalConflictError {
  return err instanceof JournalConflictError;
}

/** Told that a school-day's journal now holds `seq` events (another node may have appended them). */
export type AppendedListener = (appended: { day: string; seq: number }) => void;

/**
 * The append-only journal of day events. Implementations must make an append durable before it
 * resolves. Several server nodes may share one journal (PostgreSQL): each keeps its own fold of the
 * day, appends with the seq it decided from, and catches up when told another node appended.
 */
export interface EventJournal {
  /** Every event of one day, in append order. */
  readDay(day: string): Promise<DayEvent[]>;
  /**
   * Resolves once the events are durably on disk; only then may anything be acknowledged. With
   * `expectedSeq`, rejects with JournalConflictError (and writes nothing) when the day holds more
   * events than that, or when one of the event ids is recorded already.
   */
  append(events: readonly DayEvent[], options?: AppendOptions): Promise<void>;
  /** The events of a day after its `seq`-th one, in order (catching up after a conflict or a notice). */
  readDaySince?(day: string, seq: number): Promise<SequencedEvent[]>;
  /**
   * Tells the listener whenever a day's journal grew, at least for appends by other nodes; a lost
   * connection is followed by a notice for each day read since, so nothing is missed. A journal of
   * one process (the file journal) may never call it. Returns the unsubscribe function.
   */
  onAppended?(listener: AppendedListener): () => void;
  /** Every day that has a journal, oldest first (for one child's export). */
  days?(): Promise<string[]>;
  /** The hash chain's head for a day (journal-chain.ts), when the journal keeps one. */
  headHash?(day: string): Promise<string>;
  close(): Promise<void>;
}
