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
  /** The room where late children wait (default 接待室). */
  receptionRoomName: z.string().min(1).max(40).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;
