import { z } from "zod";

/**
 * Roster fields the gate needs (SPEC "Who may collect", rules 6 and 9), all optional so older
 * documents stay valid. The screens show photos only from this server: a photo is a same-origin
 * path (e.g. "/photos/c1.jpg"), never an external URL, so a gate screen never calls out.
 */

export const PhotoPathSchema = z
  .string()
  .max(200)
  .regex(/^\/(?!\/)[A-Za-z0-9._~\-/]+$/, "a same-origin path such as /photos/c1.jpg")
  .refine((p) => !p.split("/").includes(".."), "no .. in a photo path");

/**
 * An adult who must not collect this child (a court order, a parent without custody…). Matched at
 * the gate by the roster guardian they are (their cards) or by a card number written down here.
 */
export const NotAuthorisedSchema = z.object({
  name: z.string().min(1).max(40),
  relation: z.string().max(20).default(""),
  note: z.string().max(300).default(""),
  guardianId: z.string().min(1).max(64).optional(),
  cardId: z.string().min(1).max(64).optional(),
  photo: PhotoPathSchema.optional(),
});
export type NotAuthorised = z.infer<typeof NotAuthorisedSchema>;

/** How long a released child may stay uncollected before the gate raises an alarm. */
export const DEFAULT_RELEASED_ALARM_MINUTES = 10;
/** Where children not collected by the end of care wait (rule 9: 设立专门接待室). */
export const DEFAULT_RECEPTION_ROOM = "接待室";
