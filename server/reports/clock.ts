import { instantAt, isoInZone } from "../domain/schedule/zone-time";

/** The school's wall clock for reports: every time a record shows is the school's, not the server's. */

/** "HH:MM" on the school's clock for an instant. */
export function wallClock(iso: string, timezone: string): string {
  return isoInZone(new Date(iso), timezone).slice(11, 16);
}

/** The last minute of a school day: a past day is read as it stood then. */
export function dayEnd(day: string, timezone: string): Date {
  return new Date(instantAt(day, "23:59", timezone).getTime() + 59_999);
}

/** Whole minutes from a to b, rounded up: 17:30:01 is one minute late. */
export function minutesBetween(a: number, b: number): number {
  return Math.ceil((b - a) / 60_000);
}

/** Minutes since midnight of an "HH:MM". */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function timeOfMinutes(minutes: number): string {
  const m = Math.round(minutes);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** The days of a month ("YYYY-MM"), first to last. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split("-").map(Number);
  if (y === undefined || m === undefined) return [];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}
