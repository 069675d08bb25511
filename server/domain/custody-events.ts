import type { EventBase } from "./event-base";

/**
 * Who may and may not collect a child changed (issue 10): the office edited a guardian, a card or
 * the not-authorised list, a screen asked for a new pickup authority, or the office confirmed or
 * rejected one. Recorded in the day's journal (hash-chained, docs/decisions.md "Who may collect,
 * on screen") with who (`actor`, `byName`) and when (`at`); the roster document holds the result.
 */
export const CUSTODY_CHANGES = [
  "guardian_added",
  "guardian_edited",
  "guardian_unlinked",
  "card_bound",
  "card_unbound",
  "card_status",
  "not_authorised_saved",
  "not_authorised_removed",
  "not_authorised_photo",
  "authority_confirmed",
  "authority_rejected",
] as const;
export type CustodyChange = (typeof CUSTODY_CHANGES)[number];

export interface CustodyChanged extends EventBase {
  type: "custody:changed";
  change: CustodyChange;
  childId?: string;
  guardianId?: string;
  cardId?: string;
  /** The adult's name as it was, so the record reads the same after a rename or removal. */
  name?: string;
  /** For a new authority: it waits for the office's confirmation. */
  pending?: true;
  /** The new status (card_status), the relation (guardian_*), the entry id (not_authorised_*; _photo: its photo set or removed). */
  detail?: string;
  byUserId: string;
  /** Kept in the record: the user may be renamed or removed later. */
  byName: string;
}
