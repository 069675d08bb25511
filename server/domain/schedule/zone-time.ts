/**
 * Wall-clock times in the school's zone ↔ instants. The offset comes from Intl for the moment in
 * question, never a hard-coded +08:00: a school outside China, or a zone with daylight saving,
 * gets the right instant, and a server running in UTC does not matter.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at that instant (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(instant: Date, timezone: string): number {
  const parts = formatterFor(timezone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wallAsUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallAsUtc - wholeSeconds) / 60_000);
}

/**
 * The instant at which the school's clock shows `time` ("HH:MM") on `day`. In a daylight-saving
 * gap (a wall time that does not exist) this lands after the gap; in an overlap, on one of the
 * two. Both happen at night, when no school has care.
 */
export function instantAt(day: string, time: string, timezone: string): Date {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) throw new RangeError(`not a day and time: ${day} ${time}`);
  const wallAsUtc = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]));
  // The offset at a first guess; if the zone changes offset in between, the offset there.
  const before = zoneOffsetMinutes(new Date(wallAsUtc), timezone);
  const candidate = wallAsUtc - before * 60_000;
  const after = zoneOffsetMinutes(new Date(candidate), timezone);
  if (after === before) return new Date(candidate);
  const retry = wallAsUtc - after * 60_000;
  if (zoneOffsetMinutes(new Date(retry), timezone) === after) return new Date(retry);
  // Neither offset reproduces the wall time: it falls in a gap; the earlier offset moves it past.
  return new Date(candidate);
}

/** ISO 8601 with the school's offset ("2026-11-23T17:10:00+08:00"): readable and exact. */
export function isoInZone(instant: Date, timezone: string): string {
  const offset = zoneOffsetMinutes(instant, timezone);
  const wall = new Date(instant.getTime() + offset * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
