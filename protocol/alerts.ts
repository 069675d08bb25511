import { z } from "zod";
import type { ExitOutcome, PassRefusalReason, PickupChildOutcome, PickupReason } from "./outcomes";

/** The alerts the gate and the overview show (unknown cards, refusals, children not collected). */

export const ALERT_KINDS = [
  "unknown_card",
  "card_blocked",
  "pickup_refused",
  "pass_refused",
  "custody_refused",
  "released_not_collected",
  "exit_refused",
  /** A tap dated beyond the clock-skew margin in the future: the agent's clock is wrong (or forged). */
  "clock_skew",
  /** The same card at two gates within the clone window, or after all its children were collected. */
  "possible_clone",
  /** The gate answered a tap from its offline cache and the server decided otherwise. */
  "offline_disagreement",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertView {
  id: string;
  at: string;
  kind: AlertKind;
  severity: "warning" | "danger";
  deviceName: string;
  cardId?: string;
  rawHex?: string;
  holderName?: string;
  /**
   * A custody refusal: the barred adult's photo as the roster has it now (same-origin path), for
   * the guard to compare with the face at the gate. Not part of the recorded alert.
   */
  holderPhoto?: string;
  cardStatus?: "lost" | "revoked";
  /** For a refused pickup: why each child could not be requested. */
  childOutcomes?: ({ childName: string; outcome: PickupChildOutcome } & PickupReason)[];
  /** For a refused delegate pass: why (holderName is then the delegate, when known). */
  passRefusal?: PassRefusalReason;
  passId?: string;
  /** The one child an alert is about (released but not collected, a child's card at the gate). */
  childId?: string;
  childName?: string;
  releasedAt?: string;
  exitOutcome?: ExitOutcome;
  /** A possible cloned card: the other gate and when the card was read there. */
  otherDeviceName?: string;
  otherAt?: string;
  /** The guard saw the alert and dealt with it; the screens fold it away. */
  acknowledged?: AlertAcknowledgement;
}

export interface AlertAcknowledgement {
  byName: string;
  at: string;
  note?: string;
}

/** The guard (or office, or duty leader) acknowledges an alert, with an optional note on what was done. */
export const AlertAcknowledgeSchema = z.object({
  alertId: z.string().trim().min(1).max(200),
  note: z.string().trim().max(300).optional(),
});
export type AlertAcknowledge = z.infer<typeof AlertAcknowledgeSchema>;
