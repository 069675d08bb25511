import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import type { PreparedSchool } from "./prepare-school";
import type { BenchRoster } from "./roster";
import { pastSchoolDays } from "./school-days";
import { castOf, dayEvents } from "./year-day";

export interface YearWritten {
  days: number;
  firstDay: string;
  lastDay: string;
  events: number;
  bytes: number;
  writeMs: number;
}

/**
 * Days generated event by event; the rest of the year are copies of them with the date and the
 * ids' day part replaced. Building a 5,000-child day takes about a second of CPU, copying one a
 * few ms, so a year takes seconds, not minutes, and every day still differs in its ids.
 */
const GENERATED_DAYS = 5;

/** The first group of a day's event ids: the date's digits, which are hex digits too. */
function idPrefix(day: string): string {
  return day.replaceAll("-", "");
}

/**
 * A year of journals is on the disk before a real server starts. Unsynced, gigabytes of dirty
 * pages would be flushed while the bench measures, and every fsync of server and relay with them.
 */
async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, "w");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `dayCount` past school days into `<dataDir>/journal/YYYY-MM-DD.jsonl`, the folder and
 * the one-JSON-line-per-event format `wanfeng start` keeps its journal in. One day at a time is
 * built and written, so a year of a big school never sits in memory whole. A copied day keeps
 * its model's local clock times (the zone's offset is taken from the model day).
 */
export async function writeSchoolYear(
  dataDir: string,
  roster: BenchRoster,
  school: PreparedSchool,
  dayCount: number,
  now: Date = new Date(),
): Promise<YearWritten> {
  const started = performance.now();
  const dir = join(dataDir, "journal");
  await mkdir(dir, { recursive: true });
  const cast = castOf(roster);
  const days = pastSchoolDays(dayCount, now, school.timezone);
  const models: { day: string; text: string; events: number }[] = [];
  let events = 0;
  let bytes = 0;
  for (const [index, day] of days.entries()) {
    let text: string;
    let count: number;
    const model = models[index % GENERATED_DAYS];
    if (model === undefined) {
      const lines = dayEvents(day, index + 1, idPrefix(day), cast, school).map(
        (e) => `${JSON.stringify(e)}\n`,
      );
      text = lines.join("");
      count = lines.length;
      models.push({ day, text, events: count });
    } else {
      // Dates in the events are the day and its UTC timestamps: the same date, as the care
      // afternoon in the school's zone (Asia/Shanghai) falls on the same date in UTC.
      text = model.text.replaceAll(model.day, day).replaceAll(idPrefix(model.day), idPrefix(day));
      count = model.events;
    }
    await writeSynced(join(dir, `${day}.jsonl`), text);
    events += count;
    bytes += Buffer.byteLength(text);
  }
  return {
    days: days.length,
    firstDay: days[0] ?? "",
    lastDay: days[days.length - 1] ?? "",
    events,
    bytes,
    writeMs: performance.now() - started,
  };
}
