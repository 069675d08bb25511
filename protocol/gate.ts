import { z } from "zod";
import type { AdultView, ChildDayView } from "./child-day";

/**
 * The gate's care-day duties beyond the pickup queue (SPEC rules 6, 7, 9, 10): early pickups the
 * guard registers, the late list with reception room and contact log, and the gate register of
 * every exit and re-entry. The guard screen gets them as one board (`GateBoard`).
 */

const id = z.string().min(1).max(64);

/** An early pickup (rule 7): an authorised adult came before the child's dismissal window opened. */
export interface EarlyAskView {
  id: string;
  at: string;
  status: "pending" | "registered" | "cancelled";
  child: ChildDayView;
  adult: AdultView;
  gateName: string;
  reason?: string;
  /** When the guard registered or cancelled it, and who. */
  decidedAt?: string;
  decidedByName?: string;
}

/** A guardian of the child as the roster lists them, for the guard to call. */
export interface ContactTarget {
  guardianId: string;
  name: string;
  relation: string;
  phone: string;
}

export interface ContactView {
  id: string;
  at: string;
  calledName: string;
  relation?: string;
  phone?: string;
  reached: boolean;
  note: string;
  byName: string;
}

/** A child still in care after their care end, or one collected late (then `collectedAt` closes it). */
export interface LateChildView {
  child: ChildDayView;
  careEndsAt: string;
  receptionRoom?: string;
  receptionAt?: string;
  contacts: ContactView[];
  guardians: ContactTarget[];
  /** Set once the child was collected: the late entry is closed. */
  collectedAt?: string;
}

/** One line of the gate register (出入登记): an exit through the gate or a re-entry. */
export interface GateRegisterEntry {
  id: string;
  kind: "exit" | "reentry";
  at: string;
  childId: string;
  childName: string;
  grade: number;
  className: string;
  groupName: string;
  gateName: string;
  /** Exit: who collected the child; re-entry: who brought the child back, when the guard wrote it. */
  adultName?: string;
  adultRelation?: string;
  /** Exit confirmed by the guard's touch or by the child's own card at the gate reader. */
  via?: "touch" | "card";
  reason?: string;
  byName?: string;
}

export interface GateBoard {
  early: EarlyAskView[];
  late: LateChildView[];
  register: GateRegisterEntry[];
  /** Where late children wait (接待室), from the settings. */
  receptionRoom: string;
}

export const EarlyRegisterSchema = z.object({
  askId: id,
  /** Why the child leaves early (看病, 家中有事…), as the adult says it. */
  reason: z.string().trim().min(1).max(200),
});
export type EarlyRegister = z.infer<typeof EarlyRegisterSchema>;

export const EarlyCancelSchema = z.object({ askId: id });
export type EarlyCancel = z.infer<typeof EarlyCancelSchema>;

export const ContactLogSchema = z.object({
  childId: id,
  /** A guardian from the roster; without one, `calledName` says whom the guard called. */
  guardianId: id.optional(),
  calledName: z.string().trim().min(1).max(40).optional(),
  reached: z.boolean(),
  note: z.string().trim().max(300).default(""),
});
export type ContactLog = z.input<typeof ContactLogSchema>;

export const ReceptionMoveSchema = z.object({ childId: id });
export type ReceptionMove = z.infer<typeof ReceptionMoveSchema>;

export const ReentrySchema = z.object({
  childId: id,
  reason: z.string().trim().min(1).max(200),
});
export type Reentry = z.infer<typeof ReentrySchema>;
