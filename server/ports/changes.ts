/**
 * What kind of stored data changed. A listener picks the kinds it depends on: the day service
 * rebuilds its roster index on roster changes, and ignores a login's new session.
 */
export const STORE_CHANGE_KINDS = [
  "settings",
  /** Rooms, care groups, children, guardians and guardianships. */
  "roster",
  "cards",
  "users",
  "sessions",
  "devices",
  "passes",
  "schedule",
  "leaves",
  /** Enrolment paperwork and special care. */
  "enrolments",
  "duties",
] as const;
export type StoreChangeKind = (typeof STORE_CHANGE_KINDS)[number];

export interface StoreChange {
  readonly kinds: ReadonlySet<StoreChangeKind>;
  /** True when another process (a CLI command beside the server) made the change. */
  readonly external: boolean;
}

/** The store announces its own changes; nobody calls a "changed" method by hand. */
export interface ChangeFeed {
  /**
   * Calls `listener` after a successful write through this store, and after a change by another
   * process was taken in; by then reads return the new data. Returns the unsubscribe function.
   */
  onChange(listener: (change: StoreChange) => void): () => void;
}
