import { z } from "zod";

/**
 * The retention settings (PIPL, docs/decisions.md "Retention") as the office's screen reads and
 * changes them, and the purge's dry run as data. The server checks these limits; the screen shows
 * the same ones on its form.
 */

export const RETENTION_LIMITS = {
  withdrawnDataDays: { min: 1, max: 3650 },
  journalYears: { min: 1, max: 30 },
} as const;

const whole = (what: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

export const RetentionUpdateSchema = z.strictObject({
  /** Days after a child's withdrawal until their photos and contact data are removed. */
  withdrawnDataDays: whole("withdrawnDataDays (days)", RETENTION_LIMITS.withdrawnDataDays),
  /** Years a journal keeps names; older days keep their events with pseudonyms. */
  journalYears: whole("journalYears (years)", RETENTION_LIMITS.journalYears),
});
export type RetentionUpdate = z.infer<typeof RetentionUpdateSchema>;

/** The last purge run (the nightly one or `wanfeng purge`), whether or not anything was due. */
export interface LastPurgeView {
  /** The school day it ran for. */
  day: string;
  /** ISO time it finished. */
  at: string;
  /** The change record's entry of the purge; absent when nothing was due. */
  changeId?: string;
}

export interface RetentionView {
  retention: RetentionUpdate;
  /** No retention saved: the defaults apply. */
  isDefault: boolean;
  lastPurge?: LastPurgeView;
}

/** What a purge run now would remove (the dry run of `wanfeng purge`). */
export interface PurgePreview {
  /** The school day the preview is for. */
  today: string;
  retention: RetentionUpdate;
  /** Journal days before this one keep only pseudonyms. */
  journalCutoff: string;
  children: {
    childId: string;
    name: string;
    withdrawnFrom: string;
    removes: ("photo" | "health" | "custody_list")[];
  }[];
  guardians: { guardianId: string; name: string; removes: ("phone" | "photo")[] }[];
  /** Days whose names would become pseudonyms, with the number of entries still holding names. */
  journalDays: { day: string; entries: number }[];
}
