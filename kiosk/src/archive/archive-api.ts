import type { Ack } from "../../../protocol/errors";
import type { AmendmentView, AmendRequest, SignOffView } from "../../../protocol/overview";
import type { DailyRecord, MonthlySummary } from "../../../protocol/reports";
import { call } from "../shell/http";

/** The care archive over HTTP (leader and admin): reports, the day's sign-off, amendments. */

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) q.set(key, value);
  return q.toString();
}

export function getDaily(day: string, group?: string): Promise<Ack<DailyRecord>> {
  return call<DailyRecord>("GET", `/api/reports/daily?${query({ day, group })}`);
}

export function getMonthly(month: string, group?: string): Promise<Ack<MonthlySummary>> {
  return call<MonthlySummary>("GET", `/api/reports/monthly?${query({ month, group })}`);
}

/** Where the browser downloads a CSV or Excel file of a report, in the screen's language. */
export function exportUrl(
  kind: "daily" | "monthly",
  format: "csv" | "xlsx",
  params: { day?: string; month?: string; group?: string; lang: string },
): string {
  return `/api/reports/${kind}.${format}?${query(params)}`;
}

export function signOffDay(day: string, note: string): Promise<Ack<SignOffView>> {
  return call<SignOffView>("POST", `/api/days/${encodeURIComponent(day)}/sign-off`, { note });
}

export function amendDay(day: string, request: AmendRequest): Promise<Ack<AmendmentView>> {
  return call<AmendmentView>("POST", `/api/days/${encodeURIComponent(day)}/amendments`, request);
}
