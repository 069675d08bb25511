import { createLogger } from "../../common/log";
import {
  type AbsenceResolve,
  type ChildDayView,
  type Handover,
  type HealthUpdate,
  type LeaveCancel,
  type LeaveRecord,
  type MedicationGive,
  type RollCallConfirm,
  type RoomDayView,
  type RoomSettingsUpdate,
  WanfengError,
} from "../../protocol";
import { canReceiveGroup } from "../auth/access";
import { MemoryAttemptStore } from "../auth/attempt-store";
import { authenticateUser } from "../auth/users";
import type { DayService } from "../day/day-service";
import type { RosterLeave, User } from "../domain/entities";
import type { Actor } from "../domain/events";
import { isUnexplainedNow } from "../domain/room/absences";
import { decideHandover } from "../domain/room/handover";
import { checkLeaveDates, decideLeaveCancel, decideLeaveToday } from "../domain/room/leaves";
import { decideMedicationGiven } from "../domain/room/medication";
import { decideRollCall } from "../domain/room/rollcall";
import { roomDayView } from "../domain/room/room-view";
import { schoolDay } from "../domain/school-day";
import { childView } from "../domain/views";
import type { UserStore } from "../ports/access";
import type { LeaveStore } from "../ports/care";
import type { RosterWriter } from "../ports/roster";
import { HandoverLoginLimit } from "./handover-limit";

const log = createLogger("room");

export interface RoomServiceDeps {
  store: LeaveStore & RosterWriter & UserStore;
  day: DayService;
  clock: () => Date;
  newId: () => string;
  /** The process's handover limit (`PasswordLimits`); by default one of this service's own. */
  handoverLimit?: HandoverLoginLimit;
}

/**
 * The care room's commands (roll call, leave, absences, handover, medication, settings, health
 * notes). Who may send them is checked by the caller (the screen command table, the HTTP route);
 * the decisions are the pure functions of server/domain/room, recorded through the day service.
 */
export class RoomService {
  private readonly loginLimit: HandoverLoginLimit;

  constructor(private readonly deps: RoomServiceDeps) {
    this.loginLimit = deps.handoverLimit ?? new HandoverLoginLimit(new MemoryAttemptStore());
  }

  /** The room view of a group, for its kiosks. */
  async view(groupId: string): Promise<RoomDayView> {
    return this.deps.day.inspect((roster, state) => roomDayView(roster, state, groupId, this.leaves()));
  }

  async rollCall(user: User, command: RollCallConfirm): Promise<RoomDayView> {
    const eventId = this.deps.newId();
    await this.deps.day.recordDecision((roster, state, now) => ({
      result: null,
      events: [
        decideRollCall({
          roster,
          state,
          ...command,
          actor: actorOf(user),
          byName: user.displayName,
          eventId,
          now,
        }),
      ],
    }));
    return this.view(command.groupId);
  }

  async recordLeave(user: User, command: LeaveRecord): Promise<RoomDayView> {
    const groupId = this.groupOfChild(command.childId);
    const now = this.deps.clock();
    const to = command.to ?? command.from;
    checkLeaveDates(command.from, to, schoolDay(now, this.deps.day.currentRoster.settings.timezone));
    const leave: RosterLeave = {
      id: `leave-${this.deps.newId()}`,
      childId: command.childId,
      from: command.from,
      to,
      askedBy: command.askedBy,
      channel: command.channel,
      askedAt: command.askedAt ?? now.toISOString(),
      reason: command.reason,
      recordedAt: now.toISOString(),
      recordedBy: user.id,
      recordedByName: user.displayName,
    };
    // Decided before it is stored: a leave refused for today (child already here) is not kept either.
    await this.deps.day.recordDecision((roster, state, at) => {
      const events = decideLeaveToday(roster, state, leave, actorOf(user), at);
      return { result: null, events };
    });
    await this.deps.store.addLeave(leave);
    log.info(
      { leaveId: leave.id, child: leave.childId, from: leave.from, to, by: user.username },
      "leave recorded",
    );
    return this.view(groupId);
  }

  async cancelLeave(user: User, command: LeaveCancel): Promise<RoomDayView> {
    const leave = this.findLeave(command.leaveId);
    const groupId = this.groupOfChild(leave.childId);
    const eventId = this.deps.newId();
    await this.deps.day.recordDecision((_roster, state, now) => ({
      result: null,
      events: decideLeaveCancel(state, leave, command.reason, actorOf(user), eventId, now),
    }));
    const at = this.deps.clock().toISOString();
    await this.deps.store.cancelLeave(leave.id, { at, byUserId: user.id, reason: command.reason });
    log.info({ leaveId: leave.id, by: user.username }, "leave cancelled");
    return this.view(groupId);
  }

  async resolveAbsence(user: User, command: AbsenceResolve): Promise<RoomDayView> {
    const groupId = this.groupOfChild(command.childId);
    const eventId = this.deps.newId();
    await this.deps.day.recordDecision((roster, state, now) => {
      if (!isUnexplainedNow(roster, state, command.childId, now)) {
        throw new WanfengError("ROOM_WRONG_STATE", `${command.childId} is not an unexplained absence`);
      }
      const base = { id: eventId, day: state.day, at: now.toISOString(), actor: actorOf(user) };
      return {
        result: null,
        events: [{ ...base, type: "absence:resolved", childId: command.childId, reason: command.reason }],
      };
    });
    return this.view(groupId);
  }

  async handover(user: User, command: Handover): Promise<RoomDayView> {
    const to = await this.receiver(user, command.to);
    const eventId = this.deps.newId();
    await this.deps.day.recordDecision((roster, state, now) => ({
      result: null,
      events: [
        decideHandover({
          roster,
          state,
          groupId: command.groupId,
          kioskUser: { userId: user.id, name: user.displayName },
          to,
          counted: command.counted,
          actor: actorOf(user),
          eventId,
          now,
        }),
      ],
    }));
    log.info(
      { groupId: command.groupId, by: user.username, to: to.name, kind: to.kind },
      "group handed over",
    );
    return this.view(command.groupId);
  }

  async giveMedication(user: User, command: MedicationGive): Promise<RoomDayView> {
    const groupId = this.groupOfChild(command.childId);
    const eventId = this.deps.newId();
    await this.deps.day.recordDecision((roster, state, now) => ({
      result: null,
      events: [
        decideMedicationGiven({
          roster,
          state,
          ...command,
          actor: actorOf(user),
          byName: user.displayName,
          eventId,
          now,
        }),
      ],
    }));
    return this.view(groupId);
  }

  async updateSettings(command: RoomSettingsUpdate): Promise<RoomDayView> {
    if (!this.deps.day.currentRoster.groups.has(command.groupId)) {
      throw new WanfengError("NOT_FOUND", `no group ${command.groupId}`);
    }
    await this.deps.store.setGroupAnnounce(command.groupId, command.announce);
    return this.view(command.groupId);
  }

  async updateHealth(user: User, command: HealthUpdate): Promise<ChildDayView> {
    this.groupOfChild(command.childId);
    await this.deps.store.setHealth(command.childId, command.health ?? undefined);
    log.info({ child: command.childId, by: user.username }, "health notes updated");
    // The day service hears the change and screens reload their snapshot (view:stale): the tile's
    // marks and the doses change.
    const view = await this.deps.day.inspect((roster, state) => childView(roster, state, command.childId));
    if (!view) throw new WanfengError("NOT_FOUND", `no child ${command.childId}`);
    return view;
  }

  groupOfChild(childId: string): string {
    const groupId = this.deps.day.childGroupId(childId);
    if (!groupId) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
    return groupId;
  }

  private async receiver(user: User, to: Handover["to"]) {
    if (to.kind === "volunteer") {
      return { kind: "volunteer" as const, name: to.name, ...(to.phone ? { phone: to.phone } : {}) };
    }
    const attempt = await this.loginLimit.reserve(user.id, this.deps.clock());
    const receiver = await authenticateUser(this.deps.store, to.username, to.password);
    if (receiver) await attempt.succeeded();
    else {
      log.warn({ by: user.username, username: to.username }, "handover login failed");
      throw new WanfengError("AUTH_BAD_CREDENTIALS", "wrong username or password");
    }
    if (!canReceiveGroup(receiver))
      throw new WanfengError("HANDOVER_NOT_STAFF", `${receiver.role} cannot take a group`);
    return { kind: "staff" as const, userId: receiver.id, name: receiver.displayName };
  }

  /** The care group of the child a leave is for (the scope of a leave's cancellation). */
  groupOfLeave(leaveId: string): string {
    return this.groupOfChild(this.findLeave(leaveId).childId);
  }

  private findLeave(leaveId: string): RosterLeave {
    const leave = this.leaves().find((l) => l.id === leaveId);
    if (!leave) throw new WanfengError("NOT_FOUND", `no leave ${leaveId}`);
    return leave;
  }

  private leaves(): readonly RosterLeave[] {
    return this.deps.store.leaves();
  }
}

function actorOf(user: User): Actor {
  return { kind: "user", id: user.id };
}
