import { z } from "zod";
import {
  CardSchema,
  ChildSchema,
  DeviceSchema,
  DutySchema,
  EnrolmentSchema,
  GroupSchema,
  GuardianSchema,
  GuardianshipSchema,
  PassSchema,
  RoomSchema,
  RosterLeaveSchema,
  ScheduleSchema,
  SessionSchema,
  type Settings,
  SettingsSchema,
  SpecialCareSchema,
  UserSchema,
} from "../domain/entities";
import type { ChangeFeed } from "../ports/changes";

/**
 * The roster and configuration document kept by lowdb (data/wanfeng.json): the domain's entities
 * (server/domain/entities) as one file. Small, changes rarely, validated on load so a hand-edited
 * file with a mistake is reported, not half-used. The day's events are not here: they live in the
 * append-only journal.
 */

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

/**
 * The file backend's own view: the whole document. Services never see it (they take the ports in
 * server/ports, implemented on it in ./document/); the wiring uses it to seed the demo school.
 */
export interface DocumentStore extends ChangeFeed {
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
