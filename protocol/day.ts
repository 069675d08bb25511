import { z } from "zod";

/**
 * A school day on the wire and in files: "YYYY-MM-DD", a date that exists (2026-02-31 does not,
 * 2024-02-29 does). The one day schema: every boundary that takes a day uses it.
 */
export const DaySchema = z.iso.date();

/**
 * The last day found good: a journal checks the day of every event it writes, nearly always the
 * same one, and the schema's parse was most of that check.
 */
let lastGoodDay = "1970-01-01";

/** The same check for code that has no schema at hand (file names, CLI arguments). */
export function isCalendarDay(value: string): boolean {
  if (value === lastGoodDay) return true;
  const good = DaySchema.safeParse(value).success;
  if (good) lastGoodDay = value;
  return good;
}
