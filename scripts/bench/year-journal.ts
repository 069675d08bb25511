import { mkdir, writeFile } from "node:fs/promises";
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
 * Writes `dayCount` past school days into `<dataDir>/journal/YYYY-MM-DD.jsonl`, the folder and
 * the one-JSON-line-per-event format `wanfeng start` keeps its journal in. One day at a time is
 * built and written, so a year of a big school never sits in memory whole.
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
  let events = 0;
  let bytes = 0;
  for (const [index, day] of days.entries()) {
    const lines = dayEvents(day, index, cast, school, school.timezone).map((e) => `${JSON.stringify(e)}\n`);
    const text = lines.join("");
    await writeFile(join(dir, `${day}.jsonl`), text);
    events += lines.length;
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
