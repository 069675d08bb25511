import { z } from "zod";
import type { ExitOutcome, GateBoard } from "./gate";
import type { OverviewSnapshot } from "./overview";
import { type ChildRoomFacts, isUnexplained, type RoomCountsView, type RoomDayView } from "./room";
import type { ScheduleView } from "./schedule";
import type { BindOutcome, ReaderConfig, TechnicianSnapshot } from "./technician";

/** Shapes that cross a boundary (socket, HTTP, agent); types are derived from the schemas. */

export const ROLES = ["admin", "teacher", "guard", "technician", "leader"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const DEVICE_KINDS = ["gate", "room"] as const;
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

export const CHILD_STATUSES = [
  "expected",
  "checked_in",
  "on_leave",
  "pickup_requested",
  "released",
  "collected",
] as const;
export const ChildStatusSchema = z.enum(CHILD_STATUSES);
export type ChildStatus = z.infer<typeof ChildStatusSchema>;

/** Where a child stands for a head count: the rule the kiosk's bar and the server's counts share. */
export type Presence = "present" | "expected" | "on_leave" | "gone";

/** In the room: checked in, or waiting for release; gone: released to the gate or collected. */
export function presenceOf(status: ChildStatus): Presence {
  switch (status) {
    case "checked_in":
    case "pickup_requested":
      return "present";
    case "on_leave":
      return "on_leave";
    case "released":
    case "collected":
      return "gone";
    case "expected":
      return "expected";
  }
}

/**
 * The head count of a group's children at `now`, as roll call and handover show it (rule 4): the
 * server's record of a roll call and the kiosk's dialog count with this one rule.
 */
export function headCount(
  children: Iterable<ChildRoomFacts & { status: ChildStatus }>,
  now: Date,
): RoomCountsView {
  const counts: RoomCountsView = {
    total: 0,
    present: 0,
    onLeave: 0,
    absent: 0,
    unexplained: 0,
    expected: 0,
    gone: 0,
  };
  for (const child of children) {
    counts.total += 1;
    switch (presenceOf(child.status)) {
      case "present":
        counts.present += 1;
        break;
      case "on_leave":
        counts.onLeave += 1;
        break;
      case "gone":
        counts.gone += 1;
        break;
      case "expected":
        if (child.absenceResolved) counts.absent += 1;
        else if (isUnexplained(child, now)) counts.unexplained += 1;
        else counts.expected += 1;
        break;
    }
  }
  return counts;
}

/** The gate's part of the day: asked for, released or collected. The guard's queue holds these. */
export function isAtGateStage(status: ChildStatus): boolean {
  return status === "pickup_requested" || status === "released" || status === "collected";
}

const isoTime = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(64);

export const ReadingSchema = z.discriminatedUnion("kind", [
  /** A card, already normalised to its canonical id by the agent's decoder. */
  z.object({ kind: z.literal("card"), cardId: z.string().min(1).max(64) }),
  /** A scanned code (QR pass, barcode). */
  z.object({ kind: z.literal("code"), text: z.string().min(1).max(2048) }),
]);
export type Reading = z.infer<typeof ReadingSchema>;

export const TapReportSchema = z.object({
  /** Made by the agent when the tap happens; a re-delivered tap keeps its id and is applied once. */
  id: z.uuid(),
  readerId: id,
  /** When the tap happened, by the agent's clock. */
  at: isoTime,
  reading: ReadingSchema,
  /** The frame as the reader sent it, hex, for the technician's console and the record. */
  rawHex: z
    .string()
    .regex(/^[0-9a-f]*$/i)
    .max(4096)
    .optional(),
});
export type TapReport = z.infer<typeof TapReportSchema>;

export const PICKUP_CHILD_OUTCOMES = [
  "requested",
  "not_checked_in",
  "on_leave",
  "already_requested",
  "already_released",
  "already_collected",
  /** Before the child's dismissal window: held at the gate until the guard registers it (rule 7). */
  "early_pickup",
  /** No care today (weekend, holiday) and the child is not in school. */
  "no_care_today",
  /** The adult is on the child's not-authorised list (custody): never a request. */
  "not_authorised",
] as const;
export type PickupChildOutcome = (typeof PICKUP_CHILD_OUTCOMES)[number];

export const CHECK_IN_OUTCOMES = [
  "checked_in",
  "already_checked_in",
  "wrong_group",
  "on_leave",
  "gone_home",
  /** Not enrolled (or withdrawn) and not kept for special care today: the office records it first. */
  "not_in_care",
] as const;
export type CheckInOutcome = (typeof CHECK_IN_OUTCOMES)[number];

/** What the server decided about one tap; the agent's acknowledgement and the console show it. */
export type TapResult =
  | { kind: "debounced" }
  /** The tap happened on an earlier school day (delivered late): recorded, nothing else. */
  | { kind: "stale"; tapDay: string }
  | { kind: "unknown_card"; cardId: string }
  | { kind: "card_blocked"; cardId: string; cardStatus: "lost" | "revoked"; holderName: string }
  | { kind: "not_applicable"; reason: "guardian_at_room" | "child_at_gate" | "code_not_supported" }
  /** A child's own card at the gate reader: confirms a released child left, or says why not. */
  | { kind: "exit"; childId: string; childName: string; outcome: ExitOutcome }
  | {
      kind: "pickup";
      guardianId: string;
      guardianName: string;
      children: { childId: string; childName: string; outcome: PickupChildOutcome }[];
    }
  | { kind: "check_in"; childId: string; childName: string; outcome: CheckInOutcome }
  | PassResult
  /** A care teacher's staff card (考勤): signs them in, or out when signed in; never a check-in. */
  | { kind: "staff"; userId: string; name: string; action: "signed_in" | "signed_out" }
  /** A technician was enrolling on this device: the tap bound (or failed to bind) a card, nothing else. */
  | { kind: "enrolled"; cardId: string; holderName: string; outcome: BindOutcome };

/** Why a delegate pass (亲友代接) was refused at the gate; see docs/decisions.md "Delegate passes". */
export const PASS_REFUSAL_REASONS = [
  /** The scanned text is not a Wanfeng pass at all (some other QR code). */
  "not_a_pass",
  /** Bad signature, altered id or date, or an id this server never issued. */
  "forged",
  /** A typed short code that matches no pass (a typo, most likely). */
  "unknown_code",
  "revoked",
  "used",
  "not_yet_valid",
  "expired",
] as const;
export type PassRefusalReason = (typeof PASS_REFUSAL_REASONS)[number];

/**
 * A pass shown at the gate (scanned QR or typed short code). Refused: `refused` says why and no
 * child is named. Accepted: one outcome per child on the pass, as for a guardian's card.
 */
export interface PassResult {
  kind: "pass";
  refused?: PassRefusalReason;
  passId?: string;
  delegateName?: string;
  delegateRelation?: string;
  children: { childId: string; childName: string; outcome: PickupChildOutcome }[];
}

export interface TapOutcome {
  tapId: string;
  /** True when this tap id had been applied before (a retry): nothing new happened. */
  duplicate: boolean;
  result: TapResult;
}

export interface AdultView {
  guardianId: string;
  name: string;
  relation: string;
  /** A delegate with a pass: `name` is the delegate, `relation` is "代接", guardianId announced them. */
  passId?: string;
  /** The delegate's own relation to the child (舅舅, 邻居…), as written on the pass. */
  delegateRelation?: string;
  /** Same-origin path of the adult's photo, when the roster has one. */
  photo?: string;
}

/** One child's day as a screen shows it (with the care room's facts: care start, health…). */
export interface ChildDayView extends ChildRoomFacts {
  childId: string;
  name: string;
  grade: number;
  className: string;
  groupId: string;
  groupName: string;
  roomName: string;
  status: ChildStatus;
  checkedInAt?: string;
  requestedAt?: string;
  requestedBy?: AdultView;
  requestGateName?: string;
  releasedAt?: string;
  collectedAt?: string;
  leaveReason?: string;
  /** Kept today for a special reason without enrolment (or in a group not their own): why, who decided. */
  specialCare?: { reason: string; decidedBy: string };
  /** Same-origin path of the child's photo, when the roster has one. */
  photo?: string;
  /** The request was an early pickup the guard registered, with the reason given. */
  earlyReason?: string;
}

export const ALERT_KINDS = [
  "unknown_card",
  "card_blocked",
  "pickup_refused",
  "pass_refused",
  "custody_refused",
  "released_not_collected",
  "exit_refused",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertView {
  id: string;
  at: string;
  kind: AlertKind;
  severity: "warning" | "danger";
  deviceName: string;
  cardId?: string;
  rawHex?: string;
  holderName?: string;
  cardStatus?: "lost" | "revoked";
  /** For a refused pickup: why each child could not be requested. */
  childOutcomes?: { childName: string; outcome: PickupChildOutcome }[];
  /** For a refused delegate pass: why (holderName is then the delegate, when known). */
  passRefusal?: PassRefusalReason;
  passId?: string;
  /** The one child an alert is about (released but not collected, a child's card at the gate). */
  childId?: string;
  childName?: string;
  releasedAt?: string;
  exitOutcome?: ExitOutcome;
}

export interface GroupSummary {
  id: string;
  name: string;
  roomName: string;
  childCount: number;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  groupIds: string[];
}

export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const ViewRequestSchema = z.discriminatedUnion("view", [
  z.object({ view: z.literal("room"), groupId: id }),
  z.object({ view: z.literal("gate") }),
  z.object({ view: z.literal("technician") }),
  /** The duty leader's whole-school overview (leader, admin). */
  z.object({ view: z.literal("overview") }),
]);
export type ViewRequest = z.infer<typeof ViewRequestSchema>;

export interface ViewSnapshot {
  day: string;
  schoolName: string;
  group?: GroupSummary;
  children: ChildDayView[];
  alerts: AlertView[];
  /** Only for the technician view (children and alerts are then empty). */
  technician?: TechnicianSnapshot;
  /** Only for the overview view (children empty; alerts are today's). */
  overview?: OverviewSnapshot;
  /** Today's care day and dismissal windows (room and gate views). */
  schedule?: ScheduleView;
  /** The room view only: roll call, who has the group, leaves, medication doses, announcements. */
  room?: RoomDayView;
  /** Gate view: early pickups, the late list and the gate register. */
  gate?: GateBoard;
}

export const ChildCommandSchema = z.object({ childId: id });
export type ChildCommand = z.infer<typeof ChildCommandSchema>;

export interface DeviceConfig {
  deviceId: string;
  name: string;
  kind: DeviceKind;
  groupId?: string;
  /** Readers configured on the server; an agent started without `--reader` runs these. */
  readers?: ReaderConfig[];
}
