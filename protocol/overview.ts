import { z } from "zod";
import type { AlertView } from "./alerts";
import type { ChildStatus } from "./child-day";
import { DaySchema } from "./day";

/**
 * The duty leader's overview (带班领导 / 值周) and the day's archive: counts per care group, the
 * children who need someone's attention, the day's sign-off and the amendments made after it.
 */

/** One care group's day at a glance. Every number is a count of children. */
export interface GroupCounts {
  groupId: string;
  groupName: string;
  roomName: string;
  /** On the group's roll today. */
  expected: number;
  /** Arrived today (checked in, whatever happened next). */
  checkedIn: number;
  /** Still in school: in the room, asked for, or released and walking to the gate. */
  present: number;
  onLeave: number;
  requested: number;
  released: number;
  collected: number;
  /** Not arrived and no leave once roll call was due (rule 4). */
  unexplained: number;
  /** Still in school after care ended (rule 9). */
  late: number;
}

/** The counts of GroupCounts, in the order the overview shows them. */
export const COUNT_KEYS = [
  "expected",
  "checkedIn",
  "present",
  "onLeave",
  "requested",
  "released",
  "collected",
  "unexplained",
  "late",
] as const satisfies readonly (keyof GroupCounts)[];

export const OVERVIEW_FLAGS = ["late", "unexplained", "released_not_collected"] as const;
export type OverviewFlag = (typeof OVERVIEW_FLAGS)[number];

/** A child someone must look at; a child without flags leaves the overview's lists. */
export interface OverviewChild {
  childId: string;
  name: string;
  grade: number;
  className: string;
  groupId: string;
  groupName: string;
  roomName: string;
  status: ChildStatus;
  flags: OverviewFlag[];
  /** Since when the flag holds: care end (late), roll call (unexplained), release (released). */
  since?: string;
}

export interface SignOffView {
  day: string;
  at: string;
  byUserId: string;
  byName: string;
  note: string;
  /** The counts at the moment of signing. */
  totals: GroupCounts;
  groups: GroupCounts[];
  /** The journal's hash-chain head when the day was signed: the printed record shows it. */
  headHash?: string;
}

/** What may be corrected once the day is signed off; see docs/decisions.md "Duty leader and archive". */
export const CorrectionSchema = z.discriminatedUnion("kind", [
  /** The child left with an adult but the system missed it (no tap, screen down). */
  z.object({
    kind: z.literal("mark_collected"),
    childId: z.string().min(1).max(64),
    adultName: z.string().trim().min(1).max(100),
    relation: z.string().trim().max(50).optional(),
    /** The school's wall clock on that day, "HH:MM". */
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  }),
  /** A guardian's leave that reached the school but was never entered. */
  z.object({
    kind: z.literal("record_leave"),
    childId: z.string().min(1).max(64),
    reason: z.string().trim().min(1).max(200),
    requestedBy: z.string().trim().min(1).max(100),
  }),
  /** A remark for the record, about the day or one child. */
  z.object({
    kind: z.literal("note"),
    childId: z.string().min(1).max(64).optional(),
    text: z.string().trim().min(1).max(1000),
  }),
]);
export type Correction = z.infer<typeof CorrectionSchema>;
export type CorrectionKind = Correction["kind"];

export interface AmendmentView {
  id: string;
  day: string;
  at: string;
  byUserId: string;
  byName: string;
  reason: string;
  correction: Correction;
  /** The child's name when the correction names a child. */
  childName?: string;
}

export interface OverviewSnapshot {
  day: string;
  careDay: boolean;
  totals: GroupCounts;
  groups: GroupCounts[];
  /** Only children with at least one flag. */
  children: OverviewChild[];
  /** Today's alerts, newest first. */
  alerts: AlertView[];
  signOff?: SignOffView;
  amendments: AmendmentView[];
  /** Journal events recorded after the sign-off (taps: the gate never stops). */
  afterSignOff: number;
}

/** Pushed to overview screens after each durable event: only what changed. */
export interface OverviewUpdate {
  totals: GroupCounts;
  /** The groups whose children changed. */
  groups: GroupCounts[];
  /** The children who changed: replace their line; a line without flags leaves the lists. */
  children: OverviewChild[];
  signOff?: SignOffView;
  amendment?: AmendmentView;
  afterSignOff: number;
}

// Was a bare pattern: 2026-02-31 passed and became a journal file.
const dayString = DaySchema;

export const SignOffRequestSchema = z.object({ note: z.string().trim().max(1000).default("") });
export type SignOffRequest = z.infer<typeof SignOffRequestSchema>;

export const AmendRequestSchema = z.object({
  reason: z.string().trim().min(1).max(500),
  correction: CorrectionSchema,
});
export type AmendRequest = z.infer<typeof AmendRequestSchema>;

export const DayParamSchema = z.object({ day: dayString });

export const DailyReportQuerySchema = z.object({
  day: dayString,
  group: z.string().min(1).max(64).optional(),
});
export type DailyReportQuery = z.infer<typeof DailyReportQuerySchema>;

export const MonthlyReportQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  group: z.string().min(1).max(64).optional(),
});
export type MonthlyReportQuery = z.infer<typeof MonthlyReportQuerySchema>;
