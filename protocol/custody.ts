import { z } from "zod";
import { DaySchema } from "./day";

/**
 * Who may and may not collect a child, edited on the admin child page (issue 10): guardians, their
 * cards, the not-authorised list (不得接走) and the pickup authorities waiting for the office's
 * confirmation. Requests are validated with these schemas at the HTTP boundary.
 */

const id = z.string().trim().min(1).max(64);
/** A form's empty field is "not given". */
const optional = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([schema, z.literal("")])
    .optional()
    .transform((v) => (v === "" ? undefined : v));

export const GuardianAddSchema = z.object({
  /** An adult already on the roster (a sibling's guardian); otherwise a new guardian. */
  guardianId: optional(id),
  name: z.string().trim().min(1).max(40),
  phone: z.string().trim().max(30),
  relation: z.string().trim().min(1).max(20),
});
export type GuardianAdd = z.infer<typeof GuardianAddSchema>;
/** What a screen sends (an empty field is allowed and means "not given"). */
export type GuardianAddBody = z.input<typeof GuardianAddSchema>;

export const GuardianEditSchema = GuardianAddSchema.omit({ guardianId: true });
export type GuardianEdit = z.infer<typeof GuardianEditSchema>;

export const GuardianCardSchema = z.object({ cardNumber: z.string().trim().min(1).max(64) });

export const NotAuthorisedInputSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    relation: z.string().trim().max(20).default(""),
    /** 身份证后4位: three digits and a digit or X. */
    idLast4: optional(
      z
        .string()
        .trim()
        .regex(/^[0-9]{3}[0-9Xx]$/),
    ),
    /** The reason or the court order's reference, shown to the guard. */
    note: z.string().trim().max(300).default(""),
    /** A card this adult might carry (any printed form); the gate raises the red alert on it. */
    cardNumber: optional(z.string().trim().max(64)),
    /** When the barred adult is one of the child's own guardians: all their cards are barred. */
    guardianId: optional(id),
    validFrom: optional(DaySchema),
    validTo: optional(DaySchema),
  })
  .refine((v) => !v.validFrom || !v.validTo || v.validFrom <= v.validTo, {
    message: "valid from must not be after valid to",
    path: ["validTo"],
  });
export type NotAuthorisedInput = z.infer<typeof NotAuthorisedInputSchema>;

export const AuthorityRefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("link"), childId: id, guardianId: id }),
  z.object({ kind: z.literal("card"), cardId: id }),
]);
export type AuthorityRefInput = z.infer<typeof AuthorityRefSchema>;

export const AuthorityAnswerSchema = z.object({
  ref: AuthorityRefSchema,
  answer: z.enum(["confirm", "reject"]),
});

/** A pickup authority waiting for the office: a guardian linked on screen, or a guardian's new card. */
export interface PendingAuthorityView {
  ref: AuthorityRefInput;
  guardianId: string;
  guardianName: string;
  /** The children this authority would let the adult collect. */
  children: { id: string; name: string; relation: string }[];
  cardId?: string;
  byName: string;
  at: string;
}

export interface CustodyGuardianView {
  id: string;
  name: string;
  phone: string;
  relation: string;
  photo?: string;
  /** Linked on screen and not confirmed yet. */
  pending: boolean;
  cards: { id: string; status: "active" | "lost" | "revoked"; pending: boolean }[];
}

export interface NotAuthorisedView {
  id: string;
  name: string;
  relation: string;
  note: string;
  idLast4?: string;
  cardId?: string;
  guardianId?: string;
  photo?: string;
  validFrom?: string;
  validTo?: string;
}

/** One child's guardians and not-authorised list, as the admin child page shows them. */
export interface ChildCustodyView {
  guardians: CustodyGuardianView[];
  notAuthorised: NotAuthorisedView[];
}
