import type { Settings } from "../domain/entities";

/** A retention as stored (settings.retention): days after withdrawal, years of named journals. */
export type StoredRetention = NonNullable<Settings["retention"]>;
/** The last purge run (settings.lastPurge). */
export type PurgeRun = NonNullable<Settings["lastPurge"]>;

/**
 * The personal-data retention settings (PIPL, docs/decisions.md "Retention") and the memory of the
 * last purge run; both are read with the roster (SchoolRoster.settings). Each write is a settings
 * change like any other, so the change record names who made it.
 */
export interface RetentionStore {
  setRetention(retention: StoredRetention): Promise<void>;
  /** Remembers a purge run; an older day than the one remembered is ignored. */
  recordPurgeRun(run: PurgeRun): Promise<void>;
}
