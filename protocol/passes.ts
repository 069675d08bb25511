import { z } from "zod";
import { DaySchema } from "./day";

/**
 * Delegate passes (亲友代接, SPEC rule 8): a guardian announces a relative in advance, a teacher or
 * the office writes a pass for named children and a date or range, the relative shows it at the
 * gate once. The commands and what screens see of a pass; the token format is in
 * server/passes/pass-token.ts.
 */

const id = z.string().min(1).max(64);
const day = DaySchema;

/** The longest date range a pass may cover: a pass is for an announced occasion, not a season. */
export const PASS_MAX_DAYS = 31;
/** One family's children collected together; more on one pass would be unusual. */
export const PASS_MAX_CHILDREN = 6;

export const PassDelegateSchema = z.object({
  name: z.string().trim().min(1).max(40),
  /** How the delegate is related to the child (舅舅, 邻居…): free text, as the guardian said it. */
  relation: z.string().trim().min(1).max(20),
  /** Last four characters of the ID card (身份证后四位), for the guard to compare; optional. */
  idLast4: z
    .string()
    .trim()
    .regex(/^\d{3}[\dXx]$/)
    .transform((v) => v.toUpperCase())
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{3,20}$/),
});
export type PassDelegate = z.infer<typeof PassDelegateSchema>;

export const PassCreateSchema = z.object({
  delegate: PassDelegateSchema,
  childIds: z.array(id).min(1).max(PASS_MAX_CHILDREN),
  validFrom: day,
  /** Defaults to validFrom: a one-day pass. */
  validTo: day.optional(),
  /** The guardian who announced the delegate; by default the first guardian all children share. */
  guardianId: id.optional(),
});
export type PassCreate = z.infer<typeof PassCreateSchema>;

export const PassListSchema = z.object({
  /** Only passes naming a child of this group; without it, every pass the user may see. */
  groupId: id.optional(),
});
export type PassList = z.infer<typeof PassListSchema>;

export const PassRevokeSchema = z.object({ passId: id });
export type PassRevoke = z.infer<typeof PassRevokeSchema>;

export const PassRedeemSchema = z.object({
  /** The short code as the guard typed it (any case, dashes and spaces ignored), or a whole token. */
  code: z.string().trim().min(1).max(200),
  /** The gate the delegate stands at; by default the first gate device. */
  gateDeviceId: id.optional(),
});
export type PassRedeem = z.infer<typeof PassRedeemSchema>;

export const PASS_STATUSES = ["upcoming", "valid", "used", "expired", "revoked"] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

export interface PassChildView {
  childId: string;
  name: string;
  grade: number;
  className: string;
  groupName: string;
}

/** A pass as the teacher who printed it sees it: with the token for the QR code and the short code. */
export interface PassView {
  id: string;
  delegate: PassDelegate;
  children: PassChildView[];
  guardianId: string;
  guardianName: string;
  validFrom: string;
  validTo: string;
  status: PassStatus;
  usedAt?: string;
  createdAt: string;
  createdByName: string;
  revokedAt?: string;
  /** What the QR code holds: `WF1.<passId>.<expiry YYYYMMDD>.<signature>`. */
  token: string;
  /** Eight characters the guard can type when the QR code will not scan. */
  shortCode: string;
}
