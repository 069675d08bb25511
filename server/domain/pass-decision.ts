import type { PassRefusalReason, PassResult, PickupChildOutcome, PickupReason } from "../../protocol";
import { isTokenLike, normalizeShortCode, parseToken, tokenMatches } from "../passes/pass-token";
import type { DayState } from "./day-state";
import type { Pass } from "./entities";
import type { AlertRaised, PassUsed, PickupRequested } from "./events";
import type { EarlyPickupAsked } from "./gate/gate-events";
import { earlyAsk, gatePickupOutcome } from "./gate/gate-outcome";
import { pickupReason } from "./gate/pickup-reasons";
import type { RosterIndex } from "./roster-index";
import { schoolDay } from "./school-day";

/**
 * What a delegate pass (亲友代接) shown at a gate means: the table in SPEC.md "At the gate", row
 * "a pass (QR)". Pure: the passes and the key come in, the clock is passed in; the caller turns
 * the consequences into journal events (a scanned QR through the tap path, a typed short code
 * through the guard's command).
 */

/** The passes of the roster document and the key their tokens are signed with. */
export interface PassBook {
  key: string | undefined;
  passes: readonly Pass[];
}

export type PresentedPass = { kind: "token"; text: string } | { kind: "short_code"; code: string };

export interface PassInput {
  roster: RosterIndex;
  state: DayState;
  book: PassBook;
  presented: PresentedPass;
  /** The gate where the delegate stands. */
  deviceId: string;
  now: Date;
  /** For a scan: when the agent read it (its own clock). */
  tapAt?: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event the pass causes, before it gets its id, day, time and actor. */
export type PassConsequence = DistributiveOmit<
  PickupRequested | PassUsed | AlertRaised | EarlyPickupAsked,
  "id" | "day" | "at" | "actor"
>;

export interface PassDecision {
  result: PassResult;
  consequences: PassConsequence[];
}

/** Scanned text: a Wanfeng token, or something else entirely (another QR code). */
export function presentedFromScan(text: string): PresentedPass {
  return { kind: "token", text };
}

/** Typed by the guard: usually the short code, but a whole token pasted in works as well. */
export function presentedFromTyping(text: string): PresentedPass {
  return isTokenLike(text) ? { kind: "token", text } : { kind: "short_code", code: text };
}

export function decidePass(input: PassInput): PassDecision {
  const found = findPass(input.book, input.presented);
  if ("refused" in found) return refuse(input, found.refused);
  const { pass } = found;
  const reason = invalidity(input, pass);
  if (reason) return refuse(input, reason, pass);
  return request(input, pass);
}

/** A scan of a pass just used at the same gate (a scanner reads a held code several times) is one scan. */
export function isRepeatScan(input: PassInput, debounceMs: number): boolean {
  if (input.presented.kind !== "token") return false;
  const passId = parseToken(input.presented.text)?.passId;
  const use = passId === undefined ? undefined : input.state.passUses.get(passId);
  if (!use || use.deviceId !== input.deviceId) return false;
  // Tap times by the same agent's clock, like the debounce of cards.
  if (!input.tapAt || !use.tapAt) return false;
  const since = Date.parse(input.tapAt) - Date.parse(use.tapAt);
  return since >= 0 && since < debounceMs;
}

function findPass(book: PassBook, presented: PresentedPass): { pass: Pass } | { refused: PassRefusalReason } {
  if (presented.kind === "short_code") {
    const code = normalizeShortCode(presented.code);
    const pass = book.passes.find((p) => p.shortCode === code);
    return pass ? { pass } : { refused: "unknown_code" };
  }
  if (!isTokenLike(presented.text)) return { refused: "not_a_pass" };
  const token = parseToken(presented.text);
  // An id this server never issued cannot be checked against a signature: it is forged too.
  const pass = token ? book.passes.find((p) => p.id === token.passId) : undefined;
  if (!token || !pass || !book.key || !tokenMatches(book.key, pass, token)) return { refused: "forged" };
  return { pass };
}

function invalidity(input: PassInput, pass: Pass): PassRefusalReason | undefined {
  if (pass.revokedAt) return "revoked";
  if (input.state.passUses.has(pass.id)) return "used";
  const today = schoolDay(input.now, input.roster.settings.timezone);
  if (today < pass.validFrom) return "not_yet_valid";
  if (today > pass.validTo) return "expired";
  return undefined;
}

function refuse(input: PassInput, reason: PassRefusalReason, pass?: Pass): PassDecision {
  const result: PassResult = { kind: "pass", refused: reason, children: [] };
  if (pass) {
    result.passId = pass.id;
    result.delegateName = pass.delegate.name;
    result.delegateRelation = pass.delegate.relation;
  }
  // A guard's typo is answered on the guard's own screen; it is not something that happened at the gate.
  if (reason === "unknown_code") return { result, consequences: [] };
  const alert: PassConsequence = {
    type: "alert:raised",
    kind: "pass_refused",
    severity: reason === "forged" ? "danger" : "warning",
    deviceId: input.deviceId,
    passRefusal: reason,
    ...(pass ? { passId: pass.id, holderName: pass.delegate.name } : {}),
  };
  return { result, consequences: [alert] };
}

function request(input: PassInput, pass: Pass): PassDecision {
  const { roster, state, deviceId, now } = input;
  const consequences: PassConsequence[] = [];
  const children: ({ childId: string; childName: string; outcome: PickupChildOutcome } & PickupReason)[] = [];
  for (const childId of pass.childIds) {
    const child = roster.children.get(childId);
    if (!child) continue;
    const outcome = gatePickupOutcome(roster, state, child, now);
    children.push({
      childId,
      childName: child.name,
      outcome,
      ...pickupReason(roster, state, childId, outcome),
    });
    const delegate = {
      passId: pass.id,
      delegateName: pass.delegate.name,
      delegateRelation: pass.delegate.relation,
    };
    // Before the window the delegate waits for the guard's registration (rule 7), as a guardian does.
    if (outcome === "early_pickup") {
      consequences.push(...earlyAsk(state, childId, { guardianId: pass.guardianId, deviceId, ...delegate }));
      continue;
    }
    if (outcome !== "requested") continue;
    consequences.push({
      type: "pickup:requested",
      childId,
      guardianId: pass.guardianId,
      deviceId,
      passId: pass.id,
      delegateName: pass.delegate.name,
      delegateRelation: pass.delegate.relation,
    });
  }
  // The pass is spent once a child was requested or held as an early pickup: the delegate came.
  const requested = children
    .filter((c) => c.outcome === "requested" || c.outcome === "early_pickup")
    .map((c) => c.childId);
  if (requested.length > 0) {
    const via = input.presented.kind === "token" ? "scan" : "short_code";
    consequences.push({
      type: "pass:used",
      passId: pass.id,
      deviceId,
      childIds: requested,
      via,
      ...(input.tapAt ? { tapAt: input.tapAt } : {}),
    });
  } else {
    // Valid pass, but no child can go now (not checked in, on leave…): the pass stays unused.
    consequences.push({
      type: "alert:raised",
      kind: "pickup_refused",
      severity: "warning",
      deviceId,
      holderName: pass.delegate.name,
      passId: pass.id,
      childOutcomes: children.map(({ childId: _, ...reason }) => reason),
    });
  }
  const result: PassResult = {
    kind: "pass",
    passId: pass.id,
    delegateName: pass.delegate.name,
    delegateRelation: pass.delegate.relation,
    children,
  };
  return { result, consequences };
}
