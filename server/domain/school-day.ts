/** Building an Intl formatter is far dearer than using one: one per zone, reused. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

const QUARTER_HOUR_MS = 15 * 60_000;
/**
 * Since 1972 every zone's offset from UTC has been a whole number of quarter hours (Liberia's
 * -0:44:30 was the last that was not), so a zone's midnight falls on a UTC quarter hour and every
 * moment of one quarter hour has the same school day.
 */
const WHOLE_QUARTERS_FROM = Date.UTC(1973, 0, 1);
/** Per zone, the last quarter hour asked about and its day: every tap asks, Intl is slow to answer. */
const lastAnswer = new Map<string, { quarter: number; day: string }>();

/** The school day a moment belongs to, in the school's own zone (a server may run in UTC). */
export function schoolDay(moment: Date, timezone: string): string {
  const ms = moment.getTime();
  if (!(ms >= WHOLE_QUARTERS_FROM)) return formatDay(moment, timezone);
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const last = lastAnswer.get(timezone);
  if (last?.quarter === quarter) return last.day;
  const day = formatDay(moment, timezone);
  lastAnswer.set(timezone, { quarter, day });
  return day;
}

function formatDay(moment: Date, timezone: string): string {
  const parts = formatterFor(timezone).formatToParts(moment);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
