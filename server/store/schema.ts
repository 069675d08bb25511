import { z } from "zod";
import { DeviceKindSchema, ReaderConfigSchema, RoleSchema } from "../../protocol";
import { DutySchema, EnrolmentSchema, SpecialCareSchema } from "./admin-schema";
import { NotAuthorisedSchema, PhotoPathSchema } from "./gate-schema";
import { PassSchema } from "./pass-schema";
import { AnnounceSettingsSchema, HealthNotesSchema, RosterLeaveSchema } from "./room-schema";
import { ScheduleSchema } from "./schedule-schema";

/**
 * The roster and configuration document kept by lowdb (data/wanfeng.json). Small, changes
 * rarely, validated on load so a hand-edited file with a mistake is reported, not half-used.
 * The day's events are not here: they live in the append-only journal.
 */

const id = z.string().min(1).max(64);

export const SettingsSchema = z.object({
  schoolName: z.string().min(1),
  /** IANA zone the school's day and clock times are in. */
  timezone: z.string().min(1),
  /** The same card at the same device within this window is one tap. */
  debounceMs: z.number().int().min(0).max(60_000),
  /** Set on the generated demo school so every screen can say so. */
  demo: z.boolean(),
  /** Minutes a released child may stay uncollected before the gate alarms (default 10). */
  releasedAlarmMinutes: z.number().int().min(1).max(120).optional(),
  /** The room where late children wait (default 接待室). */
  receptionRoomName: z.string().min(1).max(40).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const RoomSchema = z.object({ id, name: z.string().min(1) });
export type Room = z.infer<typeof RoomSchema>;

export const GroupSchema = z.object({
  id,
  name: z.string().min(1),
  roomId: id,
  capacity: z.number().int().min(1).max(200),
  /** The room kiosk's announcements (speech, chime, language, volume); absent: DEFAULT_ANNOUNCE. */
  announce: AnnounceSettingsSchema.optional(),
});
export type Group = z.infer<typeof GroupSchema>;

export const ChildSchema = z.object({
  /** The school's student number (学号). */
  id,
  name: z.string().min(1),
  grade: z.number().int().min(1).max(9),
  className: z.string().min(1),
  groupId: id,
  /** Allergies, diet, medication (rule 11); shown on the care-room tile. Absent in older files. */
  health: HealthNotesSchema.optional(),
  /** Shown on the guard's screen; a same-origin path (see gate-schema.ts). */
  photo: PhotoPathSchema.optional(),
  /** Adults who must never collect this child (custody); their cards raise a red alert at the gate. */
  notAuthorised: z.array(NotAuthorisedSchema).max(10).optional(),
});
export type Child = z.infer<typeof ChildSchema>;

export const GuardianSchema = z.object({
  id,
  name: z.string().min(1),
  phone: z.string(),
  photo: PhotoPathSchema.optional(),
});
export type Guardian = z.infer<typeof GuardianSchema>;

/** Who may collect whom, and how the adult is related to the child (妈妈, 爷爷, …). */
export const GuardianshipSchema = z.object({
  childId: id,
  guardianId: id,
  relation: z.string().min(1),
});
export type Guardianship = z.infer<typeof GuardianshipSchema>;

export const CardHolderSchema = z.object({
  /** "staff": a care teacher's card (id = user id) for signing in and out (考勤, rule 13). */
  kind: z.enum(["child", "guardian", "staff"]),
  id,
});
export type CardHolder = z.infer<typeof CardHolderSchema>;

export const CardSchema = z.object({
  /** Canonical id from protocol/card-number.ts. */
  id,
  holder: CardHolderSchema,
  status: z.enum(["active", "lost", "revoked"]),
});
export type Card = z.infer<typeof CardSchema>;

export const UserSchema = z.object({
  id,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1),
  role: RoleSchema,
  /** scrypt hash, see server/auth/password.ts. */
  passwordHash: z.string().min(1),
  /** Care groups a teacher may open on a kiosk; ignored for other roles. */
  groupIds: z.array(id),
});
export type User = z.infer<typeof UserSchema>;

export const DeviceSchema = z.object({
  id,
  name: z.string().min(1),
  kind: DeviceKindSchema,
  /** For a room device: the care group whose children check in on its reader. */
  groupId: id.optional(),
  /** sha256 of the device token; the token itself is shown once, when the device is added. */
  tokenHash: z.string().min(1),
  createdAt: z.string(),
  /** Readers set up from the technician screen; an agent started without `--reader` runs these. */
  readers: z.array(ReaderConfigSchema).max(8).optional(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const SessionSchema = z.object({
  /** sha256 of the cookie value. */
  tokenHash: z.string().min(1),
  userId: id,
  expiresAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

export const DbSchema = z.object({
  schemaVersion: z.literal(1),
  settings: SettingsSchema,
  rooms: z.array(RoomSchema),
  groups: z.array(GroupSchema),
  children: z.array(ChildSchema),
  guardians: z.array(GuardianSchema),
  guardianships: z.array(GuardianshipSchema),
  cards: z.array(CardSchema),
  users: z.array(UserSchema),
  devices: z.array(DeviceSchema),
  sessions: z.array(SessionSchema),
  /** Delegate passes (亲友代接); absent in older files. Their use is a journal event, not kept here. */
  passes: z.array(PassSchema).optional(),
  /** HMAC key of pass tokens (32 random bytes, base64url), made on the first pass; never sent to screens. */
  passKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /** The care schedule; absent in older files, which then follow DEFAULT_SCHEDULE. */
  schedule: ScheduleSchema.optional(),
  /** The leave register (请假), today and future days; absent in older files. */
  leaves: z.array(RosterLeaveSchema).optional(),
  /** Enrolment paperwork (rule 1); absent in older files. A child without a record counts as enrolled. */
  enrolments: z.array(EnrolmentSchema).optional(),
  /** Children kept for a special reason on given days, in a group for the day; absent in older files. */
  specialCare: z.array(SpecialCareSchema).optional(),
  /** The duty roster (值班表) of the care groups; absent in older files. */
  duties: z.array(DutySchema).optional(),
});
export type Db = z.infer<typeof DbSchema>;

export function emptyDb(settings?: Partial<Settings>): Db {
  return {
    schemaVersion: 1,
    settings: {
      schoolName: "Wanfeng School",
      timezone: "Asia/Shanghai",
      debounceMs: 3000,
      demo: false,
      ...settings,
    },
    rooms: [],
    groups: [],
    children: [],
    guardians: [],
    guardianships: [],
    cards: [],
    users: [],
    devices: [],
    sessions: [],
  };
}

/** Where the roster and configuration live. Tests pass an in-memory one. */
export interface DocumentStore {
  /** The current document. Do not mutate: use update(). */
  read(): Db;
  /** Applies the change and resolves once it is on disk; a change that fails validation is not kept. */
  update(change: (db: Db) => void): Promise<void>;
  /**
   * Calls `listener` after the document was changed on disk by another process (a CLI command run
   * beside the server) and read() returns the new version. Returns the unsubscribe function.
   */
  onExternalChange(listener: () => void): () => void;
}
