import { z } from "zod";

/**
 * One child added, edited or withdrawn by the office's form (教导处): the fields of a roster row
 * that belong to the child. The server checks them as the import checks a row and answers every
 * problem at once, each naming the form field and a code the screen words in its own language.
 */

export const CHILD_FORM_FIELDS = ["id", "name", "grade", "className", "groupId", "healthNote"] as const;
export type ChildFormField = (typeof CHILD_FORM_FIELDS)[number];

export const CHILD_FORM_PROBLEMS = [
  /** Empty where a value is needed. */
  "required",
  /** Longer than the import allows (64 characters for a student number, 100 for a name). */
  "too_long",
  /** Not a grade of the school (1–9). */
  "grade_range",
  /** Another child has this student number. */
  "id_taken",
  /** No such care group. */
  "no_group",
  /** The group has as many children as places. */
  "group_full",
] as const;
export type ChildFormProblemCode = (typeof CHILD_FORM_PROBLEMS)[number];

export interface ChildFormProblem {
  field: ChildFormField;
  problem: ChildFormProblemCode;
}

/** Loose on purpose: what is wrong comes back as problems naming fields, not as a schema error. */
export const ChildFormSchema = z.object({
  id: z.string().trim().max(200),
  name: z.string().trim().max(200),
  grade: z.coerce.number().int(),
  className: z.string().trim().max(200),
  groupId: z.string().trim().max(200),
  healthNote: z.string().trim().max(500).optional(),
});
export type ChildForm = z.infer<typeof ChildFormSchema>;

export const ChildWithdrawSchema = z.object({
  requestedOn: z.iso.date(),
  /** Default: the day after the request. */
  effectiveFrom: z.iso.date().optional(),
  reason: z.string().trim().min(1).max(500),
});
export type ChildWithdraw = z.infer<typeof ChildWithdrawSchema>;
