import type { TapOutcome } from "../protocol/model";
import { feedbackForResult } from "../protocol/tap-feedback";
import type { Feedback } from "./drivers";

/**
 * What the reader shows the person at it once the server has decided: green and one beep when
 * the tap did what they came for, red and three beeps when it did not. Nothing for a repeat the
 * server already answered, or for a tap delivered so late that nobody is standing there anymore.
 */

/** A tap older than this when its answer arrives gets no light: its person has walked on. */
export const FEEDBACK_MAX_AGE_MS = 10_000;

/** Feedback for an acknowledged tap that happened at `tapAt` (ISO), or undefined for none. */
export function feedbackForOutcome(outcome: TapOutcome, tapAt: string, nowMs: number): Feedback | undefined {
  const age = nowMs - Date.parse(tapAt);
  if (!(age <= FEEDBACK_MAX_AGE_MS)) return undefined;
  return feedbackForResult(outcome.result);
}

export { feedbackForResult };
