import type { TapResult } from "./model";

/**
 * What a reader with a light and a buzzer shows for a decided tap: "accept" (green, one beep) when
 * the tap did what its person came for, "refuse" (red, three beeps) when not, nothing for a
 * repeat or a tap of an earlier day. The agent shows it; the server compares it with what a gate
 * answered from its offline cache.
 */
export type TapFeedback = "accept" | "refuse";

export function feedbackForResult(result: TapResult): TapFeedback | undefined {
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

function feedbackForOther(result: OtherResult): TapFeedback | undefined {
  if (result.refused !== undefined) return "refuse";
  if (result.action !== undefined) return "accept";
  if (result.children !== undefined) return anyRequested(result.children);
  if (result.outcome !== undefined) return result.outcome === "refused" ? "refuse" : "accept";
  return undefined;
}

/** A request that already stands (a second tap) is still what the guardian came for. */
function anyRequested(children: readonly { outcome: string }[]): TapFeedback {
  return children.some((c) => c.outcome === "requested" || c.outcome === "already_requested")
    ? "accept"
    : "refuse";
}
