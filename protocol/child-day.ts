import { z } from "zod";
import type { LookAlikeView } from "./look-alike";
import type { ChildRoomFacts } from "./room";

/** A child's day as every screen sees it: where the child stands, and who came for them. */

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
  /**
   * At the gate: adults who may not collect this child (custody, 不得接走), with the school's note,
   * the ID card's last four and their photo (a same-origin path) when the office entered them.
   */
  custody?: { name: string; relation: string; note: string; idLast4?: string; photo?: string }[];
  /** Asked for or released: other children whose names could be mistaken for this one's. */
  lookAlikes?: LookAlikeView[];
  /** A late child the guard moved to the reception room, while still in school: that room's name. */
  receptionRoom?: string;
}

/** The gate's part of the day: asked for, released or collected. The guard's queue holds these. */
export function isAtGateStage(status: ChildStatus): boolean {
  return status === "pickup_requested" || status === "released" || status === "collected";
}
