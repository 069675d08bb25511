import type { PickupChildOutcome, PickupReason, TapResult } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import { type Card, type Child, DEFAULT_CLONE_WINDOW_MS } from "../entities";
import type { AlertRaised } from "../events";
import type { RosterIndex } from "../roster-index";
import { pickupReason } from "./pickup-reasons";

/**
 * A guardian card that looks copied (issue 10, "cloned-card alarm"); see docs/decisions.md. Two
 * signs: the same card counted at another gate within `settings.cloneWindowMs` (by the tap times),
 * or every child of the card's holder already collected today after this holder asked for them.
 * The tap then requests no child; the gate gets a red alert naming both gates and times. Pure.
 */

type Bare<T> = T extends unknown ? Omit<T, "id" | "day" | "at" | "actor"> : never;

export interface CloneInput {
  roster: RosterIndex;
  state: DayState;
  deviceId: string;
  /** The tap's own time (the agent's clock), ISO. */
  tapAt: string;
}

export interface CloneSuspicion {
  result: TapResult;
  alert: Bare<AlertRaised>;
}

/** Where the card was seen first, when that makes this tap suspect; undefined when it does not. */
export function cloneSuspicion(input: CloneInput, card: Card): CloneSuspicion | undefined {
  if (card.holder.kind !== "guardian") return undefined;
  const first = otherGate(input, card.id) ?? allCollectedBefore(input, card.holder.id);
  if (!first) return undefined;
  const { roster, state } = input;
  const guardianId = card.holder.id;
  const guardianName = roster.guardians.get(guardianId)?.name ?? guardianId;
  const outcome: PickupChildOutcome = "possible_clone";
  const children = childrenOf(roster, guardianId).map((child) => ({
    childId: child.id,
    childName: child.name,
    outcome,
    ...reasonFor(roster, state, child.id),
  }));
  return {
    result: { kind: "pickup", guardianId, guardianName, children },
    alert: {
      type: "alert:raised",
      kind: "possible_clone",
      severity: "danger",
      deviceId: input.deviceId,
      cardId: card.id,
      holderName: guardianName,
      ...(first.deviceId ? { otherDeviceId: first.deviceId } : {}),
      ...(first.at ? { otherAt: first.at } : {}),
      childOutcomes: children.map(({ childId: _, ...reason }) => reason),
    },
  };
}

interface FirstSighting {
  deviceId?: string;
  at?: string;
}

/** The same card counted at a different gate within the window (either order of the two clocks). */
function otherGate(input: CloneInput, cardId: string): FirstSighting | undefined {
  const { roster, state } = input;
  const windowMs = roster.settings.cloneWindowMs ?? DEFAULT_CLONE_WINDOW_MS;
  const last = state.lastCardTap.get(cardId);
  if (windowMs <= 0 || !last || last.deviceId === input.deviceId) return undefined;
  if (roster.devices.get(last.deviceId)?.kind !== "gate") return undefined;
  const apart = Math.abs(Date.parse(input.tapAt) - Date.parse(last.tapAt));
  return apart < windowMs ? { deviceId: last.deviceId, at: last.tapAt } : undefined;
}

/**
 * Every child of the holder in care today is collected, and this holder asked for at least one of
 * them: the family has gone home, so their card should not be at the gate again. Children taken
 * by another adult do not count (the second parent arriving late is a refusal with its reason).
 */
function allCollectedBefore(input: CloneInput, guardianId: string): FirstSighting | undefined {
  const { roster, state } = input;
  const children = childrenOf(roster, guardianId);
  if (children.length === 0) return undefined;
  const days = children.map((c) => childDay(state, c.id));
  if (!days.every((d) => d.status === "collected")) return undefined;
  const own = days.filter((d) => d.requestedByGuardianId === guardianId && !d.requestPassId);
  const latest = own.sort((a, b) => (b.requestedAt ?? "").localeCompare(a.requestedAt ?? ""))[0];
  if (!latest) return undefined;
  return {
    ...(latest.requestDeviceId ? { deviceId: latest.requestDeviceId } : {}),
    ...(latest.requestedAt ? { at: latest.requestedAt } : {}),
  };
}

function childrenOf(roster: RosterIndex, guardianId: string): Child[] {
  return (roster.guardianshipsByGuardian.get(guardianId) ?? [])
    .map((link) => roster.children.get(link.childId))
    .filter((c): c is Child => c !== undefined && roster.inCare.has(c.id));
}

function reasonFor(roster: RosterIndex, state: DayState, childId: string): PickupReason {
  return pickupReason(roster, state, childId, "possible_clone");
}
