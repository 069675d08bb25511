import type { TapOutcome, TapResult } from "../protocol/model";
import type { Feedback } from "./drivers";

/**
 * What the reader shows the person at it once the server has decided: green and one beep when
 * the tap did what they came for, red and three beeps when it did not. Nothing for a repeat the
 * server already answered, or for a tap delivered so late that nobody is standing there anymore.
 */

/** A tap older than this when its answer arrives gets no light: its person has walked on. */
export const FEEDBACK_MAX_AGE_MS = 10_000;

export function feedbackForResult(result: TapResult): Feedback | undefined {
  switch (result.kind) {
    case "pickup":
      return anyRequested(result.children);
    case "check_in":
      return result.outcome === "checked_in" || result.outcome === "already_checked_in" ? "accept" : "refuse";
    case "unknown_card":
    case "card_blocked":
    case "not_applicable":
      return "refuse";
    case "debounced":
    case "stale":
      return undefined;
    default:
      return feedbackForOther(result as OtherResult);
  }
}

/**
 * Results added alongside the card ones (a delegate pass with `refused` or `children`, a
 * technician's enrolment with a bind `outcome`), read by their shape so this stays a total function.
 */
interface OtherResult {
  kind: string;
  refused?: string;
  outcome?: string;
  children?: { outcome: string }[];
  /** A staff card (考勤): signed in or out, both what the person came for. */
  action?: string;
}

function feedbackForOther(result: OtherResult): Feedback | undefined {
  if (result.refused !== undefined) return "refuse";
  if (result.action !== undefined) return "accept";
  if (result.children !== undefined) return anyRequested(result.children);
  if (result.outcome !== undefined) return result.outcome === "refused" ? "refuse" : "accept";
  return undefined;
}

/** Feedback for an acknowledged tap that happened at `tapAt` (ISO), or undefined for none. */
export function feedbackForOutcome(outcome: TapOutcome, tapAt: string, nowMs: number): Feedback | undefined {
  const age = nowMs - Date.parse(tapAt);
  if (!(age <= FEEDBACK_MAX_AGE_MS)) return undefined;
  return feedbackForResult(outcome.result);
}

/** A request that already stands (a second tap) is still what the guardian came for. */
function anyRequested(children: readonly { outcome: string }[]): Feedback {
  return children.some((c) => c.outcome === "requested" || c.outcome === "already_requested")
    ? "accept"
    : "refuse";
}
