import { z } from "zod";
import { DaySchema } from "./day";

/**
 * The care room's day beyond check-in and release (SPEC rules 4, 5, 11, 16): roll call, leave
 * (请假), unexplained absences, handover (交接), health notes and the room's announcement
 * settings. Commands are validated with these schemas; the views are what the kiosk is sent.
 */

const id = z.string().min(1).max(64);
const day = DaySchema;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const text = (max: number) => z.string().trim().min(1).max(max);

/** The longest leave one request may cover: a term's sick leave is a withdrawal, not a leave. */
export const LEAVE_MAX_DAYS = 31;

// ---- health notes (rule 11) ----

export const MedicationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  /** What (布洛芬混悬液). */
  name: text(60),
  /** How much (5 ml, 1 片). */
  dose: text(40),
  /** When, on the school's clock; a reminder appears at each of these times. */
  times: z.array(clockTime).min(1).max(6),
  /** Optional course: the first and last day (a week of antibiotics). */
  from: day.optional(),
  to: day.optional(),
  note: z.string().trim().max(200).optional(),
});
export type Medication = z.infer<typeof MedicationSchema>;

export const HealthNotesSchema = z.object({
  allergies: z.array(text(60)).max(20).default([]),
  diet: z.array(text(60)).max(20).default([]),
  medications: z.array(MedicationSchema).max(10).default([]),
  /** Anything else the person who has the child must know (asthma inhaler in the bag…). */
  note: z.string().trim().max(500).optional(),
});
export type HealthNotes = z.infer<typeof HealthNotesSchema>;

// ---- announcement settings (item 16) ----

export const SPEECH_LANGUAGES = ["ui", "zh", "en"] as const;
export const AnnounceSettingsSchema = z.object({
  speech: z.boolean(),
  chime: z.boolean(),
  /** "ui": the language the kiosk shows; otherwise always this one. */
  speechLanguage: z.enum(SPEECH_LANGUAGES),
  /** 0…1 for chime and speech. */
  volume: z.number().min(0).max(1),
});
export type AnnounceSettings = z.infer<typeof AnnounceSettingsSchema>;
export const DEFAULT_ANNOUNCE: AnnounceSettings = {
  speech: true,
  chime: true,
  speechLanguage: "ui",
  volume: 1,
};

// ---- commands ----

export const RollCallConfirmSchema = z.object({
  groupId: id,
  /** How many children the teacher counts in the room. */
  counted: z.number().int().min(0).max(500),
});
export type RollCallConfirm = z.infer<typeof RollCallConfirmSchema>;

export const LEAVE_CHANNELS = ["written", "phone", "in_person"] as const;
export type LeaveChannel = (typeof LEAVE_CHANNELS)[number];

export const LeaveAskerSchema = z.object({ name: text(40), relation: text(20) });

export const LeaveRecordSchema = z.object({
  childId: id,
  from: day,
  /** Defaults to `from`: one day. */
  to: day.optional(),
  askedBy: LeaveAskerSchema,
  channel: z.enum(LEAVE_CHANNELS),
  /** When the guardian asked (ISO); defaults to now. */
  askedAt: z.iso.datetime({ offset: true }).optional(),
  reason: text(200),
});
export type LeaveRecord = z.infer<typeof LeaveRecordSchema>;

export const LeaveCancelSchema = z.object({ leaveId: id, reason: text(200) });
export type LeaveCancel = z.infer<typeof LeaveCancelSchema>;

export const AbsenceResolveSchema = z.object({ childId: id, reason: text(200) });
export type AbsenceResolve = z.infer<typeof AbsenceResolveSchema>;

export const HandoverSchema = z.object({
  groupId: id,
  /** How many children both count in the room at the handover. */
  counted: z.number().int().min(0).max(500),
  to: z.discriminatedUnion("kind", [
    /** A teacher or the office logs in in the dialog: the password proves who takes over. */
    z.object({ kind: z.literal("staff"), username: text(64), password: z.string().min(1).max(256) }),
    /** A parent volunteer (家长志愿者) has no login: their name and phone are recorded. */
    z.object({ kind: z.literal("volunteer"), name: text(40), phone: z.string().trim().max(20).optional() }),
  ]),
});
export type Handover = z.infer<typeof HandoverSchema>;

export const MedicationGiveSchema = z.object({ childId: id, medicationId: id, time: clockTime });
export type MedicationGive = z.infer<typeof MedicationGiveSchema>;

export const HealthUpdateSchema = z.object({ childId: id, health: HealthNotesSchema.nullable() });
export type HealthUpdate = z.infer<typeof HealthUpdateSchema>;

export const RoomSettingsUpdateSchema = z.object({ groupId: id, announce: AnnounceSettingsSchema });
export type RoomSettingsUpdate = z.infer<typeof RoomSettingsUpdateSchema>;

export const RoomViewRequestSchema = z.object({ groupId: id });
export type RoomViewRequest = z.infer<typeof RoomViewRequestSchema>;

// ---- views ----

export interface RoomCountsView {
  total: number;
  present: number;
  onLeave: number;
  /** Absent with a reason the teacher recorded (went home with a parent…). */
  absent: number;
  /** Expected after care start, no leave, no reason: an alert until resolved. */
  unexplained: number;
  /** Not here yet, before care start. */
  expected: number;
  /** Released or collected. */
  gone: number;
}

export interface RollCallView {
  at: string;
  byName: string;
  counted: number;
  counts: RoomCountsView;
  /** counted ≠ present: someone is missing or extra. */
  mismatch: boolean;
}

export interface LeaveView {
  id: string;
  childId: string;
  childName: string;
  from: string;
  to: string;
  askedBy: { name: string; relation: string };
  channel: LeaveChannel;
  askedAt: string;
  reason: string;
  recordedByName: string;
  recordedAt: string;
}

export interface HolderView {
  at: string;
  kind: "staff" | "volunteer";
  name: string;
  fromName: string;
  counted: number;
}

export interface MedicationDoseView {
  childId: string;
  childName: string;
  medicationId: string;
  name: string;
  dose: string;
  time: string;
  /** The instant of `time` today, with the school's offset. */
  dueAt: string;
  given?: { at: string; byName: string };
}

/** One line of the group's duty roster today (值班表): who has the group, from when. */
export interface RoomDutyView {
  name: string;
  kind: "teacher" | "volunteer";
  /** "HH:MM" from which this person has the group; absent = from the start. */
  from?: string;
}

/** The room kiosk's part of a snapshot, and what `room:updated` carries. */
export interface RoomDayView {
  groupId: string;
  rollCall?: RollCallView;
  holder?: HolderView;
  /** Leaves of the group's children from today on, not cancelled, earliest first. */
  leaves: LeaveView[];
  /** Today's doses of the group's children. */
  doses: MedicationDoseView[];
  announce: AnnounceSettings;
  /** Today's duty roster of the group, in order (no `from` first); empty when nobody is on it. */
  duty: RoomDutyView[];
}

/** A child's room facts on its tile (added to ChildDayView). */
export interface ChildRoomFacts {
  /** When care starts for the child's band today (an expected child after this is unexplained). */
  careStartsAt?: string;
  absenceResolved?: { at: string; reason: string };
  leaveId?: string;
  health?: HealthNotes;
}

type ChildForRules = ChildRoomFacts & { status: string };

/** Who of today's duty lines has the group at `time` ("HH:MM"): the last line begun, else the first. */
export function dutyNow(lines: readonly RoomDutyView[], time: string): RoomDutyView | undefined {
  let current: RoomDutyView | undefined;
  for (const line of lines) if ((line.from ?? "") <= time) current = line;
  return current ?? lines[0];
}

/** The unexplained-absence rule, shared by the server's view and the kiosk's clock (rule 4). */
export function isUnexplained(child: ChildForRules, now: Date): boolean {
  if (child.status !== "expected" || child.absenceResolved || !child.careStartsAt) return false;
  return now.getTime() >= Date.parse(child.careStartsAt);
}

/** A dose to remind now: due, not given, and the child is in the room. */
export function isDoseDue(dose: MedicationDoseView, childStatus: string | undefined, now: Date): boolean {
  if (dose.given) return false;
  if (childStatus !== "checked_in" && childStatus !== "pickup_requested") return false;
  return now.getTime() >= Date.parse(dose.dueAt);
}
