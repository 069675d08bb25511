/**
 * Dates and times in the school's zone for the generated year, with Intl only, so the bench does
 * not lean on the server's own calendar code (which it is meant to measure, not reuse).
 */

const WEEKDAY_FORMAT = new Map<string, Intl.DateTimeFormat>();
const PARTS_FORMAT = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timezone: string): Intl.DateTimeFormat {
  let format = WEEKDAY_FORMAT.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    WEEKDAY_FORMAT.set(timezone, format);
  }
  return format;
}

/** YYYY-MM-DD of `now` in the zone. */
export function localDay(now: Date, timezone: string): string {
  return dayFormat(timezone).format(now);
}

function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The last `count` weekdays before today, oldest first. Today is left out: the bench taps today,
 * and its guardians must find their children checked in, not collected by the generated day.
 */
export function pastSchoolDays(count: number, now: Date, timezone: string): string[] {
  const days: string[] = [];
  let day = previousDay(localDay(now, timezone));
  while (days.length < count) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
    day = previousDay(day);
  }
  return days.reverse();
}

/** How far the zone is ahead of UTC at `utcMs`, in ms. */
function zoneOffsetMs(timezone: string, utcMs: number): number {
  let format = PARTS_FORMAT.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    PARTS_FORMAT.set(timezone, format);
  }
  const parts = format.formatToParts(new Date(utcMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Turns "minutes after local midnight of `day`" into UTC ms; the offset is taken at local noon. */
export function localClock(day: string, timezone: string): (minutes: number) => number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const offset = zoneOffsetMs(timezone, midnightUtc + 12 * 3_600_000);
  return (minutes) => midnightUtc - offset + Math.round(minutes * 60_000);
}
