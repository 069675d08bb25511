import { z } from "zod";
import type { AlertView } from "./alerts";
import type { ChildDayView } from "./child-day";
import type { DeviceKind } from "./devices";
import type { GateBoard } from "./gate";
import type {
  CheckInOutcome,
  ExitOutcome,
  PassRefusalReason,
  PickupChildOutcome,
  PickupReason,
} from "./outcomes";
import type { OverviewSnapshot } from "./overview";
import type { RoomDayView } from "./room";
import type { ScheduleView } from "./schedule";
import type { BindOutcome, ReaderConfig, TechnicianSnapshot } from "./technician";

/**
 * Shapes that cross a boundary (socket, HTTP, agent) and gather the others: a tap's result, a
 * screen's snapshot, a device's configuration, the session. Types are derived from the schemas.
 * The building blocks live in their own modules and are re-exported here, where screens have
 * always found them.
 */

export * from "./alerts";
export * from "./child-day";
export * from "./devices";
export * from "./outcomes";

/** A school's staff. */
export const SCHOOL_ROLES = ["admin", "teacher", "guard", "technician", "leader"] as const;
/**
 * `district`: the education bureau's reader on a district database. Belongs to no school; reads
 * every school's overview and reports and does nothing else.
 */
export const ROLES = [...SCHOOL_ROLES, "district"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const id = z.string().min(1).max(64);

/** What the server decided about one tap; the agent's acknowledgement and the console show it. */
export type TapResult =
  | { kind: "debounced" }
  /** The tap happened on an earlier school day (delivered late): recorded, nothing else. */
  | { kind: "stale"; tapDay: string }
  | { kind: "unknown_card"; cardId: string }
  | { kind: "card_blocked"; cardId: string; cardStatus: "lost" | "revoked"; holderName: string }
  | {
      kind: "not_applicable";
      reason: "guardian_at_room" | "child_at_gate" | "code_not_supported" | "clock_skew";
    }
  /** A child's own card at the gate reader: confirms a released child left, or says why not. */
  | { kind: "exit"; childId: string; childName: string; outcome: ExitOutcome }
  | {
      kind: "pickup";
      guardianId: string;
      guardianName: string;
      children: ({ childId: string; childName: string; outcome: PickupChildOutcome } & PickupReason)[];
    }
  | { kind: "check_in"; childId: string; childName: string; outcome: CheckInOutcome }
  | PassResult
  /** A care teacher's staff card (考勤): signs them in, or out when signed in; never a check-in. */
  | { kind: "staff"; userId: string; name: string; action: "signed_in" | "signed_out" }
  /** A technician was enrolling on this device: the tap bound (or failed to bind) a card, nothing else. */
  | { kind: "enrolled"; cardId: string; holderName: string; outcome: BindOutcome };

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
  children: ({ childId: string; childName: string; outcome: PickupChildOutcome } & PickupReason)[];
}

export interface TapOutcome {
  tapId: string;
  /** True when this tap id had been applied before (a retry): nothing new happened. */
  duplicate: boolean;
  result: TapResult;
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
  /**
   * The server's time as it answered (as ViewSnapshot.serverAt): pages without a live view (the
   * home page, the office's) show the school's clock too, the demo school's afternoon included.
   */
  serverAt?: string;
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
  /**
   * The server's time when it took the snapshot. Screens show and judge time by the server's
   * clock, not the tablet's: a tablet's clock may be wrong, and the demo school plays its
   * afternoon at any hour.
   */
  serverAt?: string;
  /** The version of the view's update stream this snapshot includes (see StreamVersion). */
  version: number;
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
  /**
   * The server's time as it sent this: an agent takes its clock offset from it at once, so even
   * its first tap is dated on the server's clock (later acknowledgements refine it).
   */
  serverAt?: string;
  deviceId: string;
  name: string;
  kind: DeviceKind;
  groupId?: string;
  /** Readers configured on the server; an agent started without `--reader` runs these. */
  readers?: ReaderConfig[];
}
