import type { ExitOutcome, PickupChildOutcome, TapResult } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import type { Card, Child, NotAuthorised } from "../entities";
import type { AlertRaised, ChildCollected } from "../events";
import { pickupOutcome } from "../pickup-outcome";
import type { RosterIndex } from "../roster-index";
import { pickupTiming } from "../schedule/windows";
import type { EarlyPickupAsked } from "./gate-events";
import { pendingEarlyAsk } from "./gate-state";

/**
 * The gate's rules for one child, shared by a guardian's card and a delegate's pass (SPEC "At the
 * gate", rules 6 and 7, "Who may collect"). Pure: the time is passed in.
 */

type Bare<T> = T extends unknown ? Omit<T, "id" | "day" | "at" | "actor"> : never;

/**
 * Whether an authorised adult may ask for the child now. Before the child's dismissal window the
 * answer is `early_pickup` (held for the guard, rule 7). On a day without care a child who is not
 * in school gets `no_care_today`; one who is (kept for a special reason) is collected as usual.
 * A grade in no band has no window to be early for: ordinary.
 */
export function gatePickupOutcome(
  roster: RosterIndex,
  state: DayState,
  child: Child,
  now: Date,
): PickupChildOutcome {
  const status = childDay(state, child.id).status;
  const timing = pickupTiming(roster.schedule, roster.settings.timezone, now, child.grade);
  if (status === "expected" && timing === "not_care_day") return "no_care_today";
  const outcome = pickupOutcome(status);
  if (outcome === "requested" && timing === "before_window") return "early_pickup";
  return outcome;
}

/** The early-pickup event for a child, or none when one is already waiting for the guard. */
export function earlyAsk(
  state: DayState,
  childId: string,
  adult: Omit<Bare<EarlyPickupAsked>, "type" | "childId">,
): Bare<EarlyPickupAsked>[] {
  if (pendingEarlyAsk(state.gate, childId)) return [];
  return [{ type: "pickup:earlyAsked", childId, ...adult }];
}

export interface CustodyBar {
  child: Child;
  entry: NotAuthorised;
}

/**
 * Children whose not-authorised list names this card: by its number, or by the roster guardian
 * holding it. Only the children with a list are looked at (RosterIndex.childrenWithBars).
 */
export function custodyBars(roster: RosterIndex, cardId: string, card: Card | undefined): CustodyBar[] {
  const bars: CustodyBar[] = [];
  const guardianId = card?.holder.kind === "guardian" ? card.holder.id : undefined;
  for (const child of roster.childrenWithBars) {
    for (const entry of child.notAuthorised ?? []) {
      const byCard = entry.cardId !== undefined && entry.cardId === cardId;
      const byHolder = guardianId !== undefined && entry.guardianId === guardianId;
      if (byCard || byHolder) {
        bars.push({ child, entry });
        break;
      }
    }
  }
  return bars;
}

/** The red alert for an adult the roster says must not collect these children; never a request. */
export function custodyAlert(
  deviceId: string,
  cardId: string,
  bars: readonly CustodyBar[],
): Bare<AlertRaised> {
  const first = bars[0];
  return {
    type: "alert:raised",
    kind: "custody_refused",
    severity: "danger",
    deviceId,
    cardId,
    ...(first ? { holderName: first.entry.name } : {}),
    childOutcomes: bars.map(({ child, entry }) => ({
      childName: child.name,
      outcome: "not_authorised" as const,
      ...(entry.note ? { note: entry.note } : {}),
    })),
  };
}

/** A child's own card at a gate reader (rule 6): a released child is collected; otherwise a reason. */
export function childCardAtGate(
  state: DayState,
  child: Child,
  deviceId: string,
): { result: TapResult; consequences: Bare<ChildCollected | AlertRaised>[] } {
  const outcome = exitOutcome(childDay(state, child.id).status);
  const result: TapResult = { kind: "exit", childId: child.id, childName: child.name, outcome };
  if (outcome === "collected") {
    return { result, consequences: [{ type: "child:collected", childId: child.id, via: "card", deviceId }] };
  }
  if (outcome === "not_in_care") return { result, consequences: [] };
  // A child at the gate who is still in care, or already gone once, is something the guard must see.
  return {
    result,
    consequences: [
      {
        type: "alert:raised",
        kind: "exit_refused",
        severity: outcome === "not_released" ? "danger" : "warning",
        deviceId,
        childId: child.id,
        childName: child.name,
        exitOutcome: outcome,
      },
    ],
  };
}

function exitOutcome(status: string): ExitOutcome {
  switch (status) {
    case "released":
      return "collected";
    case "collected":
      return "already_collected";
    case "checked_in":
    case "pickup_requested":
      return "not_released";
    default:
      return "not_in_care";
  }
}
