import { z } from "zod";
import { PendingAuthoritySchema } from "./custody";
import { EntityIdSchema as id } from "./ids";

export const CardHolderSchema = z.object({
  /** "staff": a care teacher's card (id = user id) for signing in and out (考勤, rule 13). */
  kind: z.enum(["child", "guardian", "staff"]),
  id,
});
export type CardHolder = z.infer<typeof CardHolderSchema>;

export const CardStatusSchema = z.enum(["active", "lost", "revoked"]);
export type CardStatus = z.infer<typeof CardStatusSchema>;

export const CardSchema = z.object({
  /** Canonical id from protocol/card-number.ts. */
  id,
  holder: CardHolderSchema,
  status: CardStatusSchema,
  /** A guardian's card bound on a screen and not yet confirmed by the office: requests no one. */
  pending: PendingAuthoritySchema.optional(),
});
export type Card = z.infer<typeof CardSchema>;
