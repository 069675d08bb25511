import type { OverviewChild } from "../../../protocol/overview";
import { speechLocale } from "../i18n";
import { classLabel } from "../shell/format";

/** Dates of the archive in the screen's language; a "YYYY-MM-DD" is the school's own day. */

/** "2026年11月23日 星期一" / "Monday, November 23, 2026". */
export function dayLabel(day: string, withYear = true): string {
  // Noon UTC stays on the same calendar day in every zone a school is in.
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(speechLocale(), {
    ...(withYear ? { year: "numeric" } : {}),
    month: "long",
    day: "numeric",
    weekday: "long",
    timeZone: "UTC",
  });
}

/** "2026年11月" / "November 2026". */
export function monthLabel(month: string): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return date.toLocaleDateString(speechLocale(), { year: "numeric", month: "long", timeZone: "UTC" });
}

/** The calendar day of an instant in the browser's zone, "YYYY-MM-DD" (the kiosk runs at the school). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "三年级2班 · 一二年级 · 101" for a line of the overview's lists. */
export function childWhere(child: OverviewChild): string {
  return [classLabel(child), child.groupName, child.roomName].filter(Boolean).join(" · ");
}
