import {
  type DutyInput,
  type EnrolmentApply,
  type EnrolmentStep,
  type GroupInput,
  normaliseCardNumber,
  type SpecialCareCreate,
  WanfengError,
} from "../../protocol";
import type { DayService } from "../day/day-service";
import { enrolmentStateOn } from "../domain/enrolment";
import type { Enrolment, User } from "../domain/entities";
import { newId as idFromName } from "../domain/name-ids";
import type { Db, DocumentStore } from "../store/schema";

export interface AdminDeps {
  store: DocumentStore;
  day: DayService;
  clock: () => Date;
  newId: () => string;
}

/**
 * The office's changes to the roster document. Each one is a single store.update (all or
 * nothing); the day service hears the change, rebuilds who is expected, and screens reload.
 */
export class AdminService {
  constructor(private readonly deps: AdminDeps) {}

  private async change(run: (db: Db) => void): Promise<void> {
    await this.deps.store.update(run);
  }

  applyForCare(user: User, input: EnrolmentApply): Promise<void> {
    return this.change((db) => {
      requireChild(db, input.childId);
      const record: Enrolment = {
        id: `enr-${this.deps.newId()}`,
        childId: input.childId,
        application: { date: input.date, by: input.by, ...(input.note ? { note: input.note } : {}) },
        recordedBy: user.id,
        updatedAt: this.deps.clock().toISOString(),
      };
      db.enrolments = [...(db.enrolments ?? []), record];
    });
  }

  /** The next step of a record; a step out of order (agreement before approval…) is refused. */
  enrolmentStep(user: User, enrolmentId: string, step: EnrolmentStep): Promise<void> {
    return this.change((db) => {
      const record = db.enrolments?.find((e) => e.id === enrolmentId);
      if (!record) throw new WanfengError("NOT_FOUND", `no enrolment ${enrolmentId}`);
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
    });
  }

  addSpecialCare(user: User, input: SpecialCareCreate): Promise<void> {
    return this.change((db) => {
      requireChild(db, input.childId);
      requireGroup(db, input.groupId);
      db.specialCare = [
        ...(db.specialCare ?? []),
        {
          id: `sc-${this.deps.newId()}`,
          ...input,
          days: [...new Set(input.days)].sort(),
          recordedBy: user.id,
          recordedAt: this.deps.clock().toISOString(),
        },
      ];
    });
  }

  removeSpecialCare(id: string): Promise<void> {
    return this.change((db) => {
      if (!db.specialCare?.some((s) => s.id === id))
        throw new WanfengError("NOT_FOUND", `no special care ${id}`);
      db.specialCare = db.specialCare.filter((s) => s.id !== id);
    });
  }

  saveGroup(groupId: string | undefined, input: GroupInput): Promise<void> {
    return this.change((db) => {
      if (!db.rooms.some((r) => r.id === input.roomId))
        throw new WanfengError("NOT_FOUND", `no room ${input.roomId}`);
      if (db.groups.some((g) => g.name === input.name && g.id !== groupId)) {
        throw new WanfengError("VALIDATION_FAILED", `a group is already called ${input.name}`);
      }
      if (groupId === undefined) {
        const id = idFromName("group", input.name, new Set(db.groups.map((g) => g.id)));
        db.groups.push({ id, ...input });
        return;
      }
      const group = requireGroup(db, groupId);
      const members = db.children.filter((c) => c.groupId === groupId).length;
      if (input.capacity < members)
        throw new WanfengError("GROUP_FULL", `${members} children are in ${group.name}`);
      Object.assign(group, input);
    });
  }

  saveRoom(roomId: string | undefined, name: string): Promise<void> {
    return this.change((db) => {
      if (db.rooms.some((r) => r.name === name && r.id !== roomId)) {
        throw new WanfengError("VALIDATION_FAILED", `a room is already called ${name}`);
      }
      if (roomId === undefined) {
        db.rooms.push({ id: idFromName("room", name, new Set(db.rooms.map((r) => r.id))), name });
        return;
      }
      const room = db.rooms.find((r) => r.id === roomId);
      if (!room) throw new WanfengError("NOT_FOUND", `no room ${roomId}`);
      room.name = name;
    });
  }

  /** Groups may mix classes and grades; only the capacity limits a move. */
  moveChild(childId: string, groupId: string): Promise<void> {
    return this.change((db) => {
      const child = requireChild(db, childId);
      const group = requireGroup(db, groupId);
      if (child.groupId === groupId) return;
      const members = db.children.filter((c) => c.groupId === groupId).length;
      if (members >= group.capacity)
        throw new WanfengError("GROUP_FULL", `${group.name} has ${members} children`);
      child.groupId = groupId;
    });
  }

  addDuty(input: DutyInput): Promise<void> {
    return this.change((db) => {
      requireGroup(db, input.groupId);
      if (input.person.kind === "teacher") {
        const { userId } = input.person;
        if (!db.users.some((u) => u.id === userId)) throw new WanfengError("NOT_FOUND", `no user ${userId}`);
      }
      db.duties = [...(db.duties ?? []), { id: `duty-${this.deps.newId()}`, ...input }];
    });
  }

  removeDuty(id: string): Promise<void> {
    return this.change((db) => {
      if (!db.duties?.some((d) => d.id === id)) throw new WanfengError("NOT_FOUND", `no duty ${id}`);
      db.duties = db.duties.filter((d) => d.id !== id);
    });
  }

  /** Lost or revoked: the gate raises the red alert on the next tap. Reactivating is the office's call. */
  setCardStatus(cardId: string, status: "active" | "lost" | "revoked"): Promise<void> {
    return this.change((db) => {
      const card = db.cards.find((c) => c.id === cardId);
      if (!card) throw new WanfengError("NOT_FOUND", `no card ${cardId}`);
      card.status = status;
    });
  }

  bindStaffCard(userId: string, cardNumber: string): Promise<string> {
    const cardId = normaliseCardNumber(cardNumber);
    return this.change((db) => {
      if (!db.users.some((u) => u.id === userId)) throw new WanfengError("NOT_FOUND", `no user ${userId}`);
      const existing = db.cards.find((c) => c.id === cardId);
      if (existing && (existing.holder.kind !== "staff" || existing.holder.id !== userId)) {
        throw new WanfengError("CARD_ALREADY_BOUND", `card ${cardId} belongs to someone else`);
      }
      if (!existing) db.cards.push({ id: cardId, holder: { kind: "staff", id: userId }, status: "active" });
    }).then(() => cardId);
  }
}

function requireChild(db: Db, childId: string) {
  const child = db.children.find((c) => c.id === childId);
  if (!child) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  return child;
}

function requireGroup(db: Db, groupId: string) {
  const group = db.groups.find((g) => g.id === groupId);
  if (!group) throw new WanfengError("NOT_FOUND", `no group ${groupId}`);
  return group;
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
