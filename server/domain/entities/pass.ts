import { z } from "zod";
import { PassDelegateSchema } from "../../../protocol";

/**
 * A delegate pass (亲友代接). The pass is configuration written by staff;
 * its use at the gate is a `pass:used` event in the journal, so "used once" is derived from
 * events like every other fact of the day and survives a restart.
 */

const id = z.string().min(1).max(64);
const day = z.iso.date();

/** Unambiguous for a guard reading it aloud or typing it: no 0/O, 1/I/L. */
export const SHORT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const SHORT_CODE_LENGTH = 8;

export const PassSchema = z.object({
  /** Lower-case letters and digits only, so it sits in the token between dots. */
  id: z.string().regex(/^[a-z0-9]{8,32}$/),
  delegate: PassDelegateSchema,
  childIds: z.array(id).min(1),
  /** The guardian who announced the delegate; a guardian of every child on the pass. */
  guardianId: id,
  validFrom: day,
  validTo: day,
  shortCode: z.string().regex(new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`)),
  createdAt: z.string(),
  createdBy: id,
  revokedAt: z.string().optional(),
  revokedBy: id.optional(),
});
export type Pass = z.infer<typeof PassSchema>;
