import { z } from "zod";
import { AnnounceSettingsSchema, HealthNotesSchema } from "../../../protocol/room";
import { NotAuthorisedSchema, PendingAuthoritySchema, PhotoPathSchema } from "./custody";
import { EntityIdSchema as id } from "./ids";

/** The school's people and places: rooms, care groups, children, guardians and who may collect whom. */

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
  /** Shown on the guard's screen; a same-origin path (see custody.ts). */
  photo: PhotoPathSchema.optional(),
  /** Adults who must never collect this child (custody); their cards raise a red alert at the gate. */
  notAuthorised: z.array(NotAuthorisedSchema).max(10).optional(),
  /**
   * The school day the child came onto the roster (import or form). On that day the child is
   * expected but never an unexplained absence: the family may not know about care yet.
   */
  addedOn: z.iso.date().optional(),
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
  /** Linked on screen and not yet confirmed by the office: the gate does not request the child. */
  pending: PendingAuthoritySchema.optional(),
});
export type Guardianship = z.infer<typeof GuardianshipSchema>;
