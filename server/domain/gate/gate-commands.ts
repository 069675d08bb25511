import type { ContactLog, EarlyCancel, EarlyRegister, ReceptionMove, Reentry } from "../../../protocol";
import { WanfengError } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import { DEFAULT_RECEPTION_ROOM } from "../entities";
import type { Actor, DayEvent, PickupRequested } from "../events";
import type { RosterIndex } from "../roster-index";
import type {
  ChildMovedToReception,
  ChildReentered,
  ContactLogged,
  EarlyPickupRegistered,
} from "./gate-events";

/**
 * The guard's decisions at the gate, pure like the tap rules: roster, state and time in, events
 * (or a coded refusal) out. The caller checks the role and records the events.
 */

export interface GateCommandContext {
  roster: RosterIndex;
  state: DayState;
  now: Date;
  /** The guard (or admin) at the screen; the name is kept in the record. */
  user: { id: string; name: string };
  newId: () => string;
}

const IN_CARE = new Set(["checked_in", "pickup_requested", "released"]);

function base(ctx: GateCommandContext) {
  const actor: Actor = { kind: "user", id: ctx.user.id };
  return { id: ctx.newId(), day: ctx.state.day, at: ctx.now.toISOString(), actor };
}

function knownChild(ctx: GateCommandContext, childId: string) {
  const child = ctx.roster.children.get(childId);
  if (!child) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  return child;
}

function wrongState(what: string, status: string): WanfengError {
  return new WanfengError("PICKUP_WRONG_STATE", `${what}: child is ${status}`, { status });
}

/** Rule 7: the guard wrote down why; only now does the request go to the room. */
export function decideEarlyRegistration(ctx: GateCommandContext, command: EarlyRegister): DayEvent[] {
  const ask = ctx.state.gate.early.get(command.askId);
  if (!ask) throw new WanfengError("NOT_FOUND", `no early pickup ${command.askId}`);
  if (ask.status !== "pending") throw wrongState("early pickup already decided", ask.status);
  const status = childDay(ctx.state, ask.childId).status;
  if (status !== "checked_in") throw wrongState("register early pickup", status);
  const registered: EarlyPickupRegistered = {
    ...base(ctx),
    type: "pickup:earlyRegistered",
    childId: ask.childId,
    askId: ask.id,
    reason: command.reason,
    byName: ctx.user.name,
  };
  const requested: PickupRequested = {
    ...base(ctx),
    type: "pickup:requested",
    childId: ask.childId,
    guardianId: ask.guardianId,
    deviceId: ask.deviceId,
    ...(ask.passId ? { passId: ask.passId } : {}),
    ...(ask.delegateName ? { delegateName: ask.delegateName } : {}),
    ...(ask.delegateRelation ? { delegateRelation: ask.delegateRelation } : {}),
  };
  return [registered, requested];
}

export function decideEarlyCancel(ctx: GateCommandContext, command: EarlyCancel): DayEvent[] {
  const ask = ctx.state.gate.early.get(command.askId);
  if (!ask) throw new WanfengError("NOT_FOUND", `no early pickup ${command.askId}`);
  if (ask.status !== "pending") throw wrongState("early pickup already decided", ask.status);
  return [
    {
      ...base(ctx),
      type: "pickup:earlyCancelled",
      childId: ask.childId,
      askId: ask.id,
      byName: ctx.user.name,
    },
  ];
}

/** Rule 9: every attempt to reach a guardian is recorded, reached or not. */
export function decideContactLog(ctx: GateCommandContext, command: ContactLog): DayEvent[] {
  const child = knownChild(ctx, command.childId);
  let target: Pick<ContactLogged, "guardianId" | "calledName" | "relation" | "phone">;
  if (command.guardianId) {
    const link = ctx.roster.guardianshipsByGuardian
      .get(command.guardianId)
      ?.find((g) => g.childId === child.id);
    const guardian = ctx.roster.guardians.get(command.guardianId);
    if (!link || !guardian)
      throw new WanfengError("NOT_FOUND", `${command.guardianId} is no guardian of ${child.id}`);
    target = {
      guardianId: guardian.id,
      calledName: guardian.name,
      relation: link.relation,
      phone: guardian.phone,
    };
  } else if (command.calledName) {
    target = { calledName: command.calledName };
  } else {
    throw new WanfengError("VALIDATION_FAILED", "say whom you called");
  }
  const logged: ContactLogged = {
    ...base(ctx),
    type: "contact:logged",
    childId: child.id,
    ...target,
    reached: command.reached,
    note: command.note ?? "",
    byName: ctx.user.name,
  };
  return [logged];
}

/** Rule 9: a child still in care after care end waits in the reception room (接待室). */
export function decideReceptionMove(ctx: GateCommandContext, command: ReceptionMove): DayEvent[] {
  const child = knownChild(ctx, command.childId);
  const status = childDay(ctx.state, child.id).status;
  if (!IN_CARE.has(status)) throw wrongState("move to reception", status);
  if (ctx.state.gate.reception.has(child.id)) throw wrongState("move to reception", "in_reception");
  const moved: ChildMovedToReception = {
    ...base(ctx),
    type: "child:movedToReception",
    childId: child.id,
    roomName: ctx.roster.settings.receptionRoomName ?? DEFAULT_RECEPTION_ROOM,
    byName: ctx.user.name,
  };
  return [moved];
}

/** Rule 10: a collected child came back in; the register keeps both crossings. */
export function decideReentry(ctx: GateCommandContext, command: Reentry): DayEvent[] {
  const child = knownChild(ctx, command.childId);
  const status = childDay(ctx.state, child.id).status;
  if (status !== "collected") throw wrongState("re-entry", status);
  const back: ChildReentered = {
    ...base(ctx),
    type: "child:reentered",
    childId: child.id,
    reason: command.reason,
    byName: ctx.user.name,
  };
  return [back];
}
