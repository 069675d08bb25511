import { z } from "zod";

/** The school's own settings: name, time zone, how taps are debounced, the gate's limits. */
export const SettingsSchema = z.object({
  schoolName: z.string().min(1),
  /** IANA zone the school's day and clock times are in. */
  timezone: z.string().min(1),
  /** The same card at the same device within this window is one tap. */
  debounceMs: z.number().int().min(0).max(60_000),
  /** Set on the generated demo school so every screen can say so. */
  demo: z.boolean(),
  /** Minutes a released child may stay uncollected before the gate alarms (default 10). */
  releasedAlarmMinutes: z.number().int().min(1).max(120).optional(),
  /**
   * The same guardian card at two different gates within this window raises a possible-clone
   * alarm (default DEFAULT_CLONE_WINDOW_MS, 60 s; 0 turns the two-gate check off).
   */
  cloneWindowMs: z.number().int().min(0).max(3_600_000).optional(),
  /** The room where late children wait (default 接待室). */
  receptionRoomName: z.string().min(1).max(40).optional(),
  /** How long personal data is kept (PIPL); absent: DEFAULT_RETENTION. See `wanfeng purge`. */
  retention: z
    .object({
      /** Photos and contact data of a withdrawn child are removed this many days after withdrawal. */
      withdrawnDataDays: z.number().int().min(0).max(3650),
      /** Journals older than this many years keep their events, with names replaced by pseudonyms. */
      journalYears: z.number().int().min(1).max(30),
    })
    .optional(),
  /**
   * The last purge run, whether anything was due or not: the nightly schedule runs once per school
   * day by it (server/privacy/purge-schedule.ts), the office's screen shows it. Written by the purge,
   * not chosen by anyone.
   */
  lastPurge: z
    .object({
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      at: z.string().min(1),
      /** The change record's entry of the purge; absent when nothing was due. */
      changeId: z.string().min(1).optional(),
    })
    .optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_CLONE_WINDOW_MS = 60_000;

export const DEFAULT_RETENTION = { withdrawnDataDays: 90, journalYears: 3 } as const;
