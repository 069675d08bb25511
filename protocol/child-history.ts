/** One child's history for the office (issue 10 item 7): every recorded day, from the journals. */

export const HISTORY_KINDS = [
  "checked_in",
  "pickup_requested",
  "released",
  "collected",
  "leave",
  "alert",
  "amended",
  "other",
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export interface ChildHistoryEntry {
  day: string;
  /** HH:MM on the school's clock. */
  time: string;
  kind: HistoryKind;
  /** Who (the adult who asked, with relation), the reason, the alert's kind: as recorded. */
  detail: string;
  /** The journal event's type, for what `other` stands for. */
  eventType: string;
}

export interface ChildHistory {
  child: { id: string; name: string; grade: number; className: string };
  entries: ChildHistoryEntry[];
}
