import type { ChildStatus } from "../../protocol";
import { WanfengError } from "../../protocol";
import { childDay, type DayState } from "./day-state";
import type { Actor, ChildCheckedIn, ChildCollected, ChildReleased } from "./events";
import type { RosterIndex } from "./roster-index";

export type ChildCommandKind = "checkIn" | "release" | "collect";

export interface ChildCommandInput {
  kind: ChildCommandKind;
  childId: string;
  roster: RosterIndex;
  state: DayState;
  actor: Actor;
  /** A fresh id for the event (the caller owns randomness). */
  eventId: string;
  now: Date;
}

type CommandEvent = ChildCheckedIn | ChildReleased | ChildCollected;

/** Which status each touch command starts from: a child is handed over only after a verified request. */
const FROM_STATUS: Record<ChildCommandKind, ChildStatus> = {
  checkIn: "expected",
  release: "pickup_requested",
  collect: "released",
};

/** A teacher's or guard's touch on a screen, as a pure decision: an event, or a coded refusal. */
export function decideChildCommand(input: ChildCommandInput): CommandEvent {
  const { kind, childId, roster, state, actor, eventId, now } = input;
  if (!roster.children.has(childId)) {
    throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  }
  const status = childDay(state, childId).status;
  if (status !== FROM_STATUS[kind]) {
    throw new WanfengError("PICKUP_WRONG_STATE", `${kind} needs ${FROM_STATUS[kind]}, child is ${status}`, {
      status,
    });
  }
  const base = { id: eventId, day: state.day, at: now.toISOString(), actor, childId };
  switch (kind) {
    case "checkIn":
      return { ...base, type: "child:checked_in", via: "touch" };
    case "release":
      return { ...base, type: "child:released" };
    case "collect":
      return { ...base, type: "child:collected" };
  }
}
