import { z } from "zod";
import type { ChildCustodyView, PendingAuthorityView } from "./custody";
import { DaySchema } from "./day";
import type { HealthNotes } from "./room";

/**
 * The administration screen (教导处): enrolment paperwork, special care, groups, rooms, the duty
 * roster, cards, roster import and staff attendance. Requests are validated with these schemas at
 * the HTTP boundary; the views are what the admin screen renders.
 */

const id = z.string().trim().min(1).max(64);
const day = DaySchema;
const person = z.string().trim().min(1).max(100);
const reason = z.string().trim().min(1).max(500);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const ENROLMENT_STANDINGS = [
  "applied",
  "approved",
  "declined",
  "enrolled",
  "withdrawn",
  "no_records",
  "not_yet",
] as const;
export type EnrolmentStanding = (typeof ENROLMENT_STANDINGS)[number];

export const EnrolmentApplySchema = z.object({
  childId: id,
  date: day,
  by: person,
  note: z.string().trim().max(500).optional(),
});
export type EnrolmentApply = z.infer<typeof EnrolmentApplySchema>;

/** The next step of one enrolment record. */
export const EnrolmentStepSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("approve"), date: day, by: person }),
  z.object({ step: z.literal("decline"), date: day, by: person, reason }),
  z.object({ step: z.literal("agreement"), signedOn: day }),
  z.object({
    step: z.literal("withdraw"),
    requestedOn: day,
    /** Default: the day after the request. */
    effectiveFrom: day.optional(),
    reason,
  }),
]);
export type EnrolmentStep = z.infer<typeof EnrolmentStepSchema>;

export const SpecialCareCreateSchema = z.object({
  childId: id,
  groupId: id,
  days: z.array(day).min(1).max(31),
  decidedBy: person,
  reason,
});
export type SpecialCareCreate = z.infer<typeof SpecialCareCreateSchema>;

export const GroupInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  roomId: id,
  capacity: z.number().int().min(1).max(200).default(30),
});
export type GroupInput = z.infer<typeof GroupInputSchema>;

export const RoomInputSchema = z.object({ name: z.string().trim().min(1).max(60) });

export const ChildGroupSchema = z.object({ groupId: id });

export const DutyInputSchema = z
  .object({
    groupId: id,
    date: day.optional(),
    weekday: z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]).optional(),
    person: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("teacher"), userId: id }),
      z.object({ kind: z.literal("volunteer"), name: person, phone: z.string().trim().max(20).optional() }),
    ]),
    from: clock.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((d) => (d.date === undefined) !== (d.weekday === undefined), {
    message: "give either a date or a weekday",
    path: ["date"],
  });
export type DutyInput = z.infer<typeof DutyInputSchema>;

export const CardStatusSchema = z.object({ status: z.enum(["active", "lost", "revoked"]) });

/** A staff card (考勤) bound to a user by its number. */
export const StaffCardSchema = z.object({ userId: id, cardNumber: z.string().trim().min(1).max(64) });

export const StaffSignSchema = z.object({ action: z.enum(["in", "out"]) });

export const MonthSchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });

/** What a pickup card's QR code holds: the card id with a prefix, read at the gate like the card. */
export const CARD_QR_PREFIX = "WFCARD:";
export function cardQrText(cardId: string): string {
  return `${CARD_QR_PREFIX}${cardId}`;
}

export interface AdminEnrolmentView {
  id: string;
  application: { date: string; by: string; note?: string };
  approval?: { date: string; by: string };
  declined?: { date: string; by: string; reason: string };
  agreement?: { signedOn: string };
  withdrawal?: { requestedOn: string; effectiveFrom: string; reason: string };
}

export interface AdminChildView {
  id: string;
  name: string;
  grade: number;
  className: string;
  groupId: string;
  groupName: string;
  /** Today. */
  standing: EnrolmentStanding;
  /** Expected in a group today (enrolled, or kept for special care). */
  inCareToday: boolean;
  enrolments: AdminEnrolmentView[];
  specialCare: {
    id: string;
    groupId: string;
    groupName: string;
    days: string[];
    decidedBy: string;
    reason: string;
  }[];
  guardians: { id: string; name: string; relation: string; phone: string }[];
  cards: { id: string; status: "active" | "lost" | "revoked" }[];
  /** Health notes (rule 11), edited here and shown on the room kiosk. */
  health?: HealthNotes;
  /** Who may and may not collect the child, with what waits for confirmation. */
  custody?: ChildCustodyView;
}

export interface AdminGuardianView {
  id: string;
  name: string;
  phone: string;
  children: { id: string; name: string; relation: string; grade: number; className: string }[];
  cards: { id: string; status: "active" | "lost" | "revoked" }[];
}

export interface AdminDutyView {
  id: string;
  groupId: string;
  date?: string;
  weekday?: string;
  kind: "teacher" | "volunteer";
  userId?: string;
  name: string;
  phone?: string;
  from?: string;
  note?: string;
}

export interface AdminGroupView {
  id: string;
  name: string;
  roomId: string;
  roomName: string;
  capacity: number;
  /** Children whose home group this is. */
  members: number;
  /** Expected today (enrolled members and today's special care). */
  expectedToday: number;
  /** Today's responsible people, from the duty roster. */
  dutyToday: { name: string; kind: "teacher" | "volunteer"; from?: string }[];
}

export interface AdminSnapshot {
  schoolName: string;
  /**
   * Served over plain HTTP on a network address outside the demo: passwords cross the LAN in
   * clear, and the admin screen says what to do (`wanfeng tls init`, `start --tls`).
   */
  plainHttpOnNetwork?: boolean;
  today: string;
  children: AdminChildView[];
  guardians: AdminGuardianView[];
  groups: AdminGroupView[];
  rooms: { id: string; name: string }[];
  duties: AdminDutyView[];
  /** Users who can be on the duty roster or hold a staff card. */
  staff: { id: string; displayName: string; role: string; cards: { id: string; status: string }[] }[];
  /** New pickup authorities waiting for the office's confirmation (issue 10). */
  pendingAuthorities?: PendingAuthorityView[];
}

/** What is wrong with a roster cell, row or file; screens word it from this code and `params`. */
export const IMPORT_PROBLEMS = [
  "empty",
  "grade",
  "scientific",
  "phone",
  "missingColumn",
  "twice",
  "fileEmpty",
  "noRows",
  "childDiffers",
  "groupRoom",
  "phoneOwner",
  "guardianCard",
  "relationDiffers",
  "cardGiven",
  "cardBelongs",
  "cardNumber",
  "idTooLong",
  "capacity",
  "full",
  "unreadable",
  "tooBig",
  "noChild",
  "datesReversed",
  "tooManyBarred",
  "invalidValue",
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

export interface ImportProblem {
  row: number;
  column: string;
  problem: ImportProblemCode;
  /** The facts the wording needs (values, names, row numbers), by name. */
  params: Record<string, string>;
  /** The same in English, for the command line and logs; screens word `problem` themselves. */
  message: string;
}

export interface ImportPreview {
  format: "csv" | "xlsx";
  /** The header row and the rows as read, for the preview table (at most 1000 rows). */
  header: string[];
  headerLine: number;
  rows: { line: number; cells: string[] }[];
  problems: ImportProblem[];
  /** What an import would add and change; only when there is no problem. */
  summary?: { added: Record<string, number>; updated: Record<string, number> };
}

/** One pickup card as printed: per guardian card. */
export interface PrintCard {
  cardId: string;
  guardianId: string;
  guardianName: string;
  children: { name: string; grade: number; className: string; relation: string }[];
}

export interface PrintCardsView {
  schoolName: string;
  cards: PrintCard[];
}

export interface StaffStatusView {
  userId: string;
  signedIn: boolean;
  since?: string;
}

export interface AttendanceRowView {
  userId: string;
  name: string;
  role: string;
  days: number;
  periods: {
    id: string;
    name: string;
    kind: "afternoon" | "morning" | "noon";
    count: number;
    minutes: number;
  }[];
  periodMinutes: number;
  signedMinutes: number;
  missingSignOuts: string[];
}

export interface AttendanceReportView {
  month: string;
  rows: AttendanceRowView[];
}
