import { z } from "zod";
import { WeekdaySchema } from "../../../protocol/care-schedule";

/**
 * What the office (教导处) keeps besides the roster: each child's enrolment paperwork (rule 1),
 * children kept at school for a special reason without enrolment, and the duty roster of the care
 * groups (rule 2). All optional in the document, so files written before they existed load as is.
 */

const id = z.string().min(1).max(64);
const day = z.iso.date();
const person = z.string().trim().min(1).max(100);

/**
 * One enrolment of one child, from the guardian's written application (申请) through approval
 * (审批) and the signed agreement (委托书) to a written withdrawal (退出). A child who leaves and
 * comes back next term has a second record; the latest one that has begun counts.
 */
export const EnrolmentSchema = z
  .object({
    id,
    childId: id,
    application: z.object({
      /** The date on the written application. */
      date: day,
      /** Who applied: the guardian's name as written on the form. */
      by: person,
      note: z.string().max(500).optional(),
    }),
    approval: z.object({ date: day, by: person }).optional(),
    /** The school declined the application (not eligible, group full…): the child is not in care. */
    declined: z.object({ date: day, by: person, reason: z.string().trim().min(1).max(500) }).optional(),
    agreement: z.object({ signedOn: day }).optional(),
    withdrawal: z
      .object({
        /** The date on the written request. */
        requestedOn: day,
        /** The first day the child is no longer in care (default: the day after the request). */
        effectiveFrom: day,
        reason: z.string().trim().min(1).max(500),
      })
      .optional(),
    /**
     * The child was already in care when this paperwork began (came with the roster, or enrolled
     * before): its pending steps add dates and never take the child out of care; only a decline
     * or a withdrawal does (docs/decisions.md "Administration").
     */
    keepsCare: z.literal(true).optional(),
    /** Who typed it in, and when (ISO): the office's own trail. */
    recordedBy: id,
    updatedAt: z.string(),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (e.approval && e.declined) issue(["declined"], "an application is approved or declined, not both");
    if (e.approval && e.approval.date < e.application.date)
      issue(["approval", "date"], "before the application");
    if (e.agreement && !e.approval) issue(["agreement"], "an agreement needs an approval first");
    if (e.agreement && e.approval && e.agreement.signedOn < e.approval.date) {
      issue(["agreement", "signedOn"], "before the approval");
    }
    if (e.withdrawal && e.withdrawal.effectiveFrom < e.withdrawal.requestedOn) {
      issue(["withdrawal", "effectiveFrom"], "before the request");
    }
  });
export type Enrolment = z.infer<typeof EnrolmentSchema>;

/**
 * A child not enrolled (or not today) kept at school for a special reason (家长临时有事, 天气…):
 * still looked after and recorded. On each listed day the child is expected in `groupId` like an
 * enrolled child, as a temporary member of that group.
 */
export const SpecialCareSchema = z.object({
  id,
  childId: id,
  groupId: id,
  days: z.array(day).min(1).max(31),
  /** Who decided (班主任, 教导处 王主任…) and why. */
  decidedBy: person,
  reason: z.string().trim().min(1).max(500),
  recordedBy: id,
  recordedAt: z.string(),
});
export type SpecialCare = z.infer<typeof SpecialCareSchema>;

/** Who has a care group: a teacher (a user) or a parent volunteer known by name. */
export const DutyPersonSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("teacher"), userId: id }),
  z.object({ kind: z.literal("volunteer"), name: person, phone: z.string().max(20).optional() }),
]);
export type DutyPerson = z.infer<typeof DutyPersonSchema>;

/**
 * One line of the duty roster (值班表): a person has a group on a date, or every given weekday.
 * A dated line wins over the weekday lines of that day. `from` marks a handover during the
 * afternoon (the Friday staff meeting: a volunteer until the teachers come back).
 */
export const DutySchema = z
  .object({
    id,
    groupId: id,
    date: day.optional(),
    weekday: WeekdaySchema.optional(),
    person: DutyPersonSchema,
    from: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    note: z.string().max(200).optional(),
  })
  .refine((d) => (d.date === undefined) !== (d.weekday === undefined), {
    message: "give either a date or a weekday",
    path: ["date"],
  });
export type Duty = z.infer<typeof DutySchema>;
