/** What a tap can mean for a child, and why a pass is refused: the words the screens translate. */

export const PICKUP_CHILD_OUTCOMES = [
  "requested",
  "not_checked_in",
  "on_leave",
  "already_requested",
  "already_released",
  "already_collected",
  /** Before the child's dismissal window: held at the gate until the guard registers it (rule 7). */
  "early_pickup",
  /** No care today (weekend, holiday) and the child is not in school. */
  "no_care_today",
  /** The adult is on the child's not-authorised list (custody): never a request. */
  "not_authorised",
  /** The card looks cloned (two gates within the clone window, or all children already collected). */
  "possible_clone",
  /** A guardian or card added on a screen that the office has not confirmed yet: never a request. */
  "awaiting_confirmation",
] as const;
export type PickupChildOutcome = (typeof PICKUP_CHILD_OUTCOMES)[number];

/**
 * What the guard needs to talk to the adult about a child not requested: who asked for or took the
 * child and when, the leave's reason, the custody note. Names are copied when the tap is decided,
 * so the record reads the same after a guardian is renamed.
 */
export interface PickupReason {
  /** Who asked for the child (already requested, released, collected). */
  byName?: string;
  /** When the child was requested, released or collected. */
  since?: string;
  leaveReason?: string;
  /** The custody note (court order, reason) for a not-authorised adult. */
  note?: string;
}

export const CHECK_IN_OUTCOMES = [
  "checked_in",
  "already_checked_in",
  "wrong_group",
  "on_leave",
  "gone_home",
  /** Not enrolled (or withdrawn) and not kept for special care today: the office records it first. */
  "not_in_care",
] as const;
export type CheckInOutcome = (typeof CHECK_IN_OUTCOMES)[number];

/** What a child's own card at the gate reader means (rule 6: collected once, after release). */
export const EXIT_OUTCOMES = [
  /** Released by the teacher: the card confirms the child left the gate. */
  "collected",
  /** Still in care (not released, or not even requested): the child may not leave alone. */
  "not_released",
  "already_collected",
  /** Not in care today (expected, on leave, not enrolled): nothing to confirm. */
  "not_in_care",
] as const;
export type ExitOutcome = (typeof EXIT_OUTCOMES)[number];

/** Why a delegate pass (亲友代接) was refused at the gate; see docs/decisions.md "Delegate passes". */
export const PASS_REFUSAL_REASONS = [
  /** The scanned text is not a Wanfeng pass at all (some other QR code). */
  "not_a_pass",
  /** Bad signature, altered id or date, or an id this server never issued. */
  "forged",
  /** A typed short code that matches no pass (a typo, most likely). */
  "unknown_code",
  "revoked",
  "used",
  "not_yet_valid",
  "expired",
] as const;
export type PassRefusalReason = (typeof PASS_REFUSAL_REASONS)[number];
