import {
  type DutyInput,
  type EnrolmentApply,
  type EnrolmentStep,
  type GroupInput,
  normaliseCardNumber,
  type SpecialCareCreate,
  WanfengError,
} from "../../protocol";
import type { ChildForm, ChildFormProblem, ChildWithdraw } from "../../protocol/child-form";
import { enrolmentStateOn, inCareByPaperwork } from "../domain/enrolment";
import type { User } from "../domain/entities";
import { schoolDay } from "../domain/school-day";
import type { OfficeStore } from "../ports/care";
import type { CardStore, RosterReader, RosterWriter } from "../ports/roster";
import { applyChildForm, openEnrolment } from "./child-form";

export interface AdminDeps {
  store: OfficeStore & RosterReader & RosterWriter & CardStore;
  clock: () => Date;
  newId: () => string;
}

/**
 * The office's changes to the roster. Each one is a single store write (all or nothing); the day
 * service hears the store's change, rebuilds who is expected, and screens reload.
 */
export class AdminService {
  constructor(private readonly deps: AdminDeps) {}

  /** A child in care when the application is recorded stays in care while it is pending. */
  applyForCare(user: User, input: EnrolmentApply): Promise<void> {
    const roster = this.deps.store.schoolRoster();
    const today = schoolDay(this.deps.clock(), roster.settings.timezone);
    const records = (roster.enrolments ?? []).filter((e) => e.childId === input.childId);
    const keepsCare = inCareByPaperwork(records, today);
    return this.deps.store.addEnrolment({
      id: `enr-${this.deps.newId()}`,
      childId: input.childId,
      application: { date: input.date, by: input.by, ...(input.note ? { note: input.note } : {}) },
      ...(keepsCare ? { keepsCare: true as const } : {}),
      recordedBy: user.id,
      updatedAt: this.deps.clock().toISOString(),
    });
  }

  /** The next step of a record; a step out of order (agreement before approval…) is refused. */
  enrolmentStep(user: User, enrolmentId: string, step: EnrolmentStep): Promise<void> {
    return this.deps.store.changeEnrolment(enrolmentId, (record) => {
      const state = enrolmentStateOn(record, "9999-12-31");
      const refuse = () =>
        new WanfengError("ENROLMENT_BAD_STEP", `cannot ${step.step} an enrolment that is ${state}`);
      switch (step.step) {
        case "approve":
          if (state !== "applied") throw refuse();
          record.approval = { date: step.date, by: step.by };
          break;
        case "decline":
          if (state !== "applied") throw refuse();
          record.declined = { date: step.date, by: step.by, reason: step.reason };
          break;
        case "agreement":
          if (state !== "approved") throw refuse();
          record.agreement = { signedOn: step.signedOn };
          break;
        case "withdraw":
          if (state === "withdrawn" || state === "declined") throw refuse();
          record.withdrawal = {
            requestedOn: step.requestedOn,
            effectiveFrom: step.effectiveFrom ?? nextDay(step.requestedOn),
            reason: step.reason,
          };
          break;
      }
      record.recordedBy = user.id;
      record.updatedAt = this.deps.clock().toISOString();
      return record;
    });
  }

  /** Adds one child (no `childId`) or changes one; the problems, all at once, when it cannot. */
  saveChild(childId: string | undefined, form: ChildForm): Promise<ChildFormProblem[]> {
    const today = schoolDay(this.deps.clock(), this.deps.store.schoolRoster().settings.timezone);
    return this.deps.store.mergeRoster((parts) => applyChildForm(parts, form, childId, today));
  }

  /**
   * Withdraws a child from care by the written request: on the open enrolment record, or, for a
   * child who came with the roster and has none, on a record begun for it (in care until then).
   */
  async withdrawChild(user: User, childId: string, input: ChildWithdraw): Promise<void> {
    const withdrawal = {
      requestedOn: input.requestedOn,
      effectiveFrom: input.effectiveFrom ?? nextDay(input.requestedOn),
      reason: input.reason,
    };
    const records = (this.deps.store.schoolRoster().enrolments ?? []).filter((e) => e.childId === childId);
    const open = openEnrolment(records);
    if (open) {
      await this.enrolmentStep(user, open.id, { step: "withdraw", ...withdrawal });
      return;
    }
    await this.deps.store.addEnrolment({
      id: `enr-${this.deps.newId()}`,
      childId,
      application: { date: input.requestedOn, by: user.displayName },
      keepsCare: true,
      withdrawal,
      recordedBy: user.id,
      updatedAt: this.deps.clock().toISOString(),
    });
  }

  addSpecialCare(user: User, input: SpecialCareCreate): Promise<void> {
    return this.deps.store.addSpecialCare({
      id: `sc-${this.deps.newId()}`,
      ...input,
      days: [...new Set(input.days)].sort(),
      recordedBy: user.id,
      recordedAt: this.deps.clock().toISOString(),
    });
  }

  removeSpecialCare(id: string): Promise<void> {
    return this.deps.store.removeSpecialCare(id);
  }

  saveGroup(groupId: string | undefined, input: GroupInput): Promise<void> {
    return this.deps.store.saveGroup(groupId, input);
  }

  saveRoom(roomId: string | undefined, name: string): Promise<void> {
    return this.deps.store.saveRoom(roomId, name);
  }

  /** Groups may mix classes and grades; only the capacity limits a move. */
  moveChild(childId: string, groupId: string): Promise<void> {
    return this.deps.store.moveChild(childId, groupId);
  }

  addDuty(input: DutyInput): Promise<void> {
    return this.deps.store.addDuty({ id: `duty-${this.deps.newId()}`, ...input });
  }

  removeDuty(id: string): Promise<void> {
    return this.deps.store.removeDuty(id);
  }

  /** Lost or revoked: the gate raises the red alert on the next tap. Reactivating is the office's call. */
  setCardStatus(cardId: string, status: "active" | "lost" | "revoked"): Promise<void> {
    return this.deps.store.setCardStatus(cardId, status);
  }

  async bindStaffCard(userId: string, cardNumber: string): Promise<string> {
    const cardId = normaliseCardNumber(cardNumber);
    const binding = await this.deps.store.bindCard({ kind: "staff", id: userId }, cardId);
    if (binding.outcome === "refused") {
      throw new WanfengError("CARD_ALREADY_BOUND", `card ${cardId} belongs to someone else`);
    }
    return cardId;
  }
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
