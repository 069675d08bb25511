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
  /** Names the entry for the office's edits; older entries have none (see notAuthorisedId). */
  id: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(40),
  relation: z.string().max(20).default(""),
  note: z.string().max(300).default(""),
  guardianId: z.string().min(1).max(64).optional(),
  cardId: z.string().min(1).max(64).optional(),
  photo: PhotoPathSchema.optional(),
  /** The last four characters of the adult's ID card (身份证后4位), for the guard to compare. */
  idLast4: z
    .string()
    .regex(/^[0-9]{3}[0-9Xx]$/)
    .optional(),
  /** School days the bar holds (a court order's dates); absent: from always, to always. */
  validFrom: z.iso.date().optional(),
  validTo: z.iso.date().optional(),
});
export type NotAuthorised = z.infer<typeof NotAuthorisedSchema>;

/** How long a released child may stay uncollected before the gate raises an alarm. */
export const DEFAULT_RELEASED_ALARM_MINUTES = 10;
/** Where children not collected by the end of care wait (rule 9: 设立专门接待室). */
export const DEFAULT_RECEPTION_ROOM = "接待室";

/** An entry's id for the office's edits: its own, or its place in the list for an older entry. */
export function notAuthorisedId(entry: NotAuthorised, index: number): string {
  return entry.id ?? `na-${index + 1}`;
}

/** Whether a not-authorised entry bars the adult on this school day (YYYY-MM-DD). */
export function barHolds(entry: NotAuthorised, day: string): boolean {
  return (
    (entry.validFrom === undefined || entry.validFrom <= day) &&
    (entry.validTo === undefined || day <= entry.validTo)
  );
}

/**
 * A new way for an adult to collect (a guardian linked on screen, a card bound to a guardian on a
 * screen) that an administrator has not confirmed yet: the gate refuses it with "awaiting the
 * office's confirmation". Who asked for it and when; the confirmation removes the mark.
 */
export const PendingAuthoritySchema = z.object({
  byUserId: z.string().min(1).max(64),
  byName: z.string().max(100),
  at: z.iso.datetime(),
});
export type PendingAuthority = z.infer<typeof PendingAuthoritySchema>;
