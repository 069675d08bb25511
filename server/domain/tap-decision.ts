import type { CheckInOutcome, PickupChildOutcome, PickupReason, TapReport, TapResult } from "../../protocol";
import { feedbackForResult } from "../../protocol/tap-feedback";
import { cardQrReading } from "./card-qr";
import { childDay, type DayState, debounceKey } from "./day-state";
import type { Card, Device } from "./entities";
import type { AlertRaised, DayEvent, TapReceived } from "./events";
import { cloneSuspicion } from "./gate/clone-check";
import { childCardAtGate, custodyAlert, custodyBars, earlyAsk, gatePickupOutcome } from "./gate/gate-outcome";
import { pickupReason } from "./gate/pickup-reasons";
import { decidePass, isRepeatScan, type PassBook, presentedFromScan } from "./pass-decision";
import { holderName, type RosterIndex } from "./roster-index";
import { schoolDay } from "./school-day";
import { decideStaffTap } from "./staff-tap";
import { tapReceived } from "./tap-received";
import { tapTimeOf } from "./tap-time";

export interface TapInput {
  roster: RosterIndex;
  state: DayState;
  device: Device;
  report: TapReport;
  /** When the server received the tap. */
  now: Date;
  /** Server minus agent clock for this device (ms): corrects the tap's own time. */
  clockOffsetMs?: number;
  /** Delegate passes and their key, for scanned codes; without it every pass is refused as forged. */
  passes?: PassBook;
}

export interface TapDecision {
  result: TapResult;
  /** The tap itself first, then what it caused; ids derive from the tap id. */
  events: DayEvent[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event the tap causes, before it gets its id, day, time and actor. */
type Consequence = DistributiveOmit<Exclude<DayEvent, TapReceived>, "id" | "day" | "at" | "actor">;

/**
 * What a reading means, as the table in SPEC.md "At the gate" says. Pure: the caller checks the
 * tap id for duplicates, appends the events to the journal and folds them into the state.
 */
export function decideTap(input: TapInput): TapDecision {
  const { report, device, now, state } = input;
  const clockOffsetMs = input.clockOffsetMs ?? 0;
  const time = tapTimeOf(report.at, clockOffsetMs, now);
  // Judged, shown and recorded at the moment of the tap, not of its (maybe late) delivery.
  const decided = time.ok ? decide({ ...input, now: time.at }) : refuseSkewed(input);
  const { result } = decided;
  const consequences = [...decided.consequences, ...offlineDisagreement(input, result)];
  const received = { at: now, clockOffsetMs };
  const tap = tapReceived(report, device.id, state.day, time.ok ? time.at : now, result, received);
  // What the tap causes is recorded as the device's doing, at the same moment.
  const base = { day: tap.day, at: tap.at, actor: tap.actor };
  const events = consequences.map((c, i) => ({ ...c, ...base, id: `${report.id}#${i + 1}` }) as DayEvent);
  return { result, events: [tap, ...events] };
}

/**
 * The gate answered this tap from its offline cache; where the real decision would have shown the
 * other light, the guard is told (a parent sent away who may collect, or let through who may not).
 */
function offlineDisagreement(input: TapInput, result: TapResult): Consequence[] {
  const answered = input.report.offline?.answer;
  const decided = feedbackForResult(result);
  if (answered === undefined || decided === undefined || decided === answered) return [];
  const cardId = input.report.reading.kind === "card" ? input.report.reading.cardId : undefined;
  return [alert(input.device, "offline_disagreement", "danger", { cardId, rawHex: input.report.rawHex })];
}

/** The record keeps the claimed time in `tapAt`; the guard sees a red alert for that reader. */
function refuseSkewed(input: TapInput): { result: TapResult; consequences: Consequence[] } {
  const { device, report } = input;
  const cardId = report.reading.kind === "card" ? report.reading.cardId : undefined;
  return {
    result: { kind: "not_applicable", reason: "clock_skew" },
    consequences: [alert(device, "clock_skew", "danger", { cardId, rawHex: report.rawHex })],
  };
}

function decide(input: TapInput): { result: TapResult; consequences: Consequence[] } {
  const { report, device, state, roster } = input;
  // `now` is the tap's own time here (decideTap), corrected by the clock offset.
  const tapDay = schoolDay(input.now, roster.settings.timezone);
  if (tapDay < state.day) return only({ kind: "stale", tapDay });

  const reading = cardQrReading(report.reading);
  if (reading.kind === "code") return decideCode(input, reading.text);

  const last = state.lastCountedTap.get(debounceKey(device.id, reading.cardId));
  const tapMs = Date.parse(report.at);
  if (last !== undefined && tapMs >= last && tapMs - last < roster.settings.debounceMs) {
    return only({ kind: "debounced" });
  }

  const card = roster.cards.get(reading.cardId);
  // Custody first: a not-authorised adult's card is a red alert even when unknown, lost or revoked.
  const bars = device.kind === "gate" ? custodyBars(roster, reading.cardId, card) : [];
  if (bars.length > 0 && (card?.status !== "active" || card.holder.kind !== "guardian")) {
    const name = bars[0]?.entry.name ?? "";
    const children = bars.map(({ child, entry }) => ({
      childId: child.id,
      childName: child.name,
      outcome: "not_authorised" as const,
      ...(entry.note ? { note: entry.note } : {}),
    }));
    return {
      result: { kind: "pickup", guardianId: card?.holder.id ?? "", guardianName: name, children },
      consequences: [custodyAlert(device.id, reading.cardId, bars)],
    };
  }
  if (!card) {
    return {
      result: { kind: "unknown_card", cardId: reading.cardId },
      consequences: [
        alert(device, "unknown_card", "warning", { cardId: reading.cardId, rawHex: report.rawHex }),
      ],
    };
  }
  if (card.status !== "active") {
    const name = holderName(roster, card);
    return {
      result: { kind: "card_blocked", cardId: card.id, cardStatus: card.status, holderName: name },
      consequences: [
        alert(device, "card_blocked", "danger", {
          cardId: card.id,
          rawHex: report.rawHex,
          holderName: name,
          cardStatus: card.status,
        }),
      ],
    };
  }
  if (card.holder.kind === "staff") {
    const staff = decideStaffTap(input.roster, input.state, card, device.id, input.now);
    return { result: staff.result, consequences: staff.consequence ? [staff.consequence] : [] };
  }
  if (device.kind !== "gate") return decideAtRoom(input, card);
  // Custody wins (its own red alert below); otherwise a card that looks copied requests no one.
  const clone =
    bars.length === 0 ? cloneSuspicion({ ...input, deviceId: device.id, tapAt: report.at }, card) : undefined;
  if (clone) return { result: clone.result, consequences: [clone.alert] };
  return decideAtGate(input, card);
}

function decideAtGate(input: TapInput, card: Card): { result: TapResult; consequences: Consequence[] } {
  const { roster, state, device, report } = input;
  if (card.holder.kind === "child") {
    const child = roster.children.get(card.holder.id);
    return child ? childCardAtGate(state, child, device.id) : only({ kind: "unknown_card", cardId: card.id });
  }
  const barred = custodyBars(roster, card.id, card);

  const guardian = roster.guardians.get(card.holder.id);
  const guardianName = guardian?.name ?? card.holder.id;
  const consequences: Consequence[] = [];
  const children: ({ childId: string; childName: string; outcome: PickupChildOutcome } & PickupReason)[] = [];
  for (const link of roster.guardianshipsByGuardian.get(card.holder.id) ?? []) {
    const child = roster.children.get(link.childId);
    // Only children in care today (enrolled, or kept for special care) are collected here.
    if (!child || !roster.inCare.has(child.id)) continue;
    // Not-authorised wins over a guardianship: those children are refused below.
    if (barred.some((b) => b.child.id === child.id)) continue;
    // A new pickup authority (this link, or the card itself) counts only once the office confirmed it.
    const unconfirmed = card.pending !== undefined || link.pending !== undefined;
    const outcome = unconfirmed
      ? "awaiting_confirmation"
      : gatePickupOutcome(roster, state, child, input.now);
    if (outcome === "early_pickup") {
      consequences.push(...earlyAsk(state, child.id, { guardianId: card.holder.id, deviceId: device.id }));
    }
    children.push({
      childId: child.id,
      childName: child.name,
      outcome,
      ...pickupReason(roster, state, child.id, outcome),
    });
    if (outcome === "requested") {
      consequences.push({
        type: "pickup:requested",
        childId: child.id,
        guardianId: card.holder.id,
        deviceId: device.id,
      });
    }
  }
  // Held early pickups are not refusals; an adult refused only for custody gets the red alert alone.
  const going = children.some((c) => c.outcome === "requested" || c.outcome === "early_pickup");
  if (!going && (children.length > 0 || barred.length === 0)) {
    consequences.push(
      alert(device, "pickup_refused", "warning", {
        cardId: card.id,
        rawHex: report.rawHex,
        holderName: guardianName,
        childOutcomes: children.map(({ childId: _, ...reason }) => reason),
      }),
    );
  }
  if (barred.length > 0) {
    consequences.push(custodyAlert(device.id, card.id, barred));
    for (const { child, entry } of barred)
      children.push({
        childId: child.id,
        childName: child.name,
        outcome: "not_authorised",
        ...(entry.note ? { note: entry.note } : {}),
      });
  }
  return {
    result: { kind: "pickup", guardianId: card.holder.id, guardianName, children },
    consequences,
  };
}

/** A scanned code at a gate is a delegate pass (SPEC "At the gate": a pass (QR)); see pass-decision.ts. */
function decideCode(input: TapInput, text: string): { result: TapResult; consequences: Consequence[] } {
  const { device, roster, state, now } = input;
  if (device.kind !== "gate") return only({ kind: "not_applicable", reason: "code_not_supported" });
  const book = input.passes ?? { key: undefined, passes: [] };
  const presented = presentedFromScan(text);
  const passInput = { roster, state, book, presented, deviceId: device.id, now, tapAt: input.report.at };
  if (isRepeatScan(passInput, roster.settings.debounceMs)) return only({ kind: "debounced" });
  return decidePass(passInput);
}

function decideAtRoom(input: TapInput, card: Card): { result: TapResult; consequences: Consequence[] } {
  const { roster, state, device } = input;
  if (card.holder.kind === "guardian") return only({ kind: "not_applicable", reason: "guardian_at_room" });

  const child = roster.children.get(card.holder.id);
  if (!child) return only({ kind: "unknown_card", cardId: card.id });
  const outcome = roster.inCare.has(child.id)
    ? checkInOutcome(childDay(state, child.id).status, child.groupId === device.groupId)
    : "not_in_care";
  const result: TapResult = { kind: "check_in", childId: child.id, childName: child.name, outcome };
  if (outcome !== "checked_in") return only(result);
  return { result, consequences: [{ type: "child:checked_in", childId: child.id, via: "card" }] };
}

function checkInOutcome(status: string, inThisGroup: boolean): CheckInOutcome {
  if (!inThisGroup) return "wrong_group";
  switch (status) {
    case "expected":
      return "checked_in";
    case "on_leave":
      return "on_leave";
    case "released":
    case "collected":
      return "gone_home";
    default:
      return "already_checked_in";
  }
}

function alert(
  device: Device,
  kind: AlertRaised["kind"],
  severity: AlertRaised["severity"],
  details: Partial<Pick<AlertRaised, "cardId" | "rawHex" | "holderName" | "cardStatus" | "childOutcomes">>,
): Consequence {
  const defined = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
  return { type: "alert:raised", kind, severity, deviceId: device.id, ...defined } as Consequence;
}

function only(result: TapResult): { result: TapResult; consequences: Consequence[] } {
  return { result, consequences: [] };
}
