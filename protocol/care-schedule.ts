import { z } from "zod";

/**
 * The school's care schedule (作息时间), as the office edits it on the admin page and as it is
 * stored (`schedule` in wanfeng.json). Clock
 * times are "HH:MM" on the school's wall clock (settings.timezone); dates are plain calendar
 * dates. Cross-field checks run here so a hand-edited file with a gap or a mix-up is refused
 * with the path of the mistake, instead of giving a wrong dismissal time at the gate.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const WeekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof WeekdaySchema>;

const id = z.string().min(1).max(64);
const name = z.string().min(1).max(100);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime = z.string().regex(HHMM, 'expected a time of day as "HH:MM" (24-hour), e.g. "17:30"');

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isMonthDay(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const max = DAYS_IN_MONTH[month - 1];
  return max !== undefined && day >= 1 && day <= max;
}

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * What a timetable mistake is, for screens to word (kiosk admin.schedule.problem.*): each custom
 * issue carries `params: { problem, other? }`, `other` naming the field it is compared with. The
 * English message stays for the store's and the command line's errors.
 */
export type ScheduleProblemCode =
  | "notAfter"
  | "after"
  | "notBefore"
  | "time"
  | "monthDay"
  | "date"
  | "twice"
  | "gradeTwice"
  | "bandTimes"
  | "required"
  | "invalid";
const says = (problem: ScheduleProblemCode, other?: string) => (other ? { problem, other } : { problem });

const monthDay = z.string().refine(isMonthDay, {
  message: 'expected a day of the year as "MM-DD", e.g. "10-01"',
  params: says("monthDay"),
});
const calendarDate = z.string().refine(isCalendarDate, {
  message: 'expected a date as "YYYY-MM-DD", e.g. "2026-10-01"',
  params: says("date"),
});

/** One grade band's afternoon in one season. */
export const BandTimesSchema = z
  .object({
    band: id,
    /** When class ends and care begins for this band (optional: not every school fixes it). */
    careStarts: clockTime.optional(),
    /** The staggered dismissal window: parents may collect without an early-pickup record. */
    dismissalOpens: clockTime,
    dismissalCloses: clockTime,
    /** After this, a child still here is late (rule 9). */
    careEnds: clockTime,
  })
  .superRefine((t, ctx) => {
    // "HH:MM" strings compare like the times they are.
    if (t.careStarts !== undefined && t.careStarts > t.dismissalOpens) {
      ctx.addIssue({
        code: "custom",
        path: ["careStarts"],
        message: "must not be after dismissalOpens",
        params: says("notAfter", "dismissalOpens"),
      });
    }
    if (t.dismissalCloses <= t.dismissalOpens) {
      ctx.addIssue({
        code: "custom",
        path: ["dismissalCloses"],
        message: "must be after dismissalOpens",
        params: says("after", "dismissalOpens"),
      });
    }
    if (t.careEnds < t.dismissalCloses) {
      ctx.addIssue({
        code: "custom",
        path: ["careEnds"],
        message: "must not be before dismissalCloses",
        params: says("notBefore", "dismissalCloses"),
      });
    }
  });
export type BandTimes = z.infer<typeof BandTimesSchema>;

/** A season (夏季作息, 冬季作息…) runs from its start day until the next season's start day. */
export const SeasonSchema = z.object({
  id,
  name,
  from: monthDay,
  bands: z.array(BandTimesSchema).min(1),
});
export type Season = z.infer<typeof SeasonSchema>;

export const GradeBandSchema = z.object({
  id,
  name,
  grades: z.array(z.number().int().min(1).max(9)).min(1),
});
export type GradeBand = z.infer<typeof GradeBandSchema>;

/** A day or a range of days without care (国庆节, 寒假…); `to` is inclusive, default `from`. */
export const HolidaySchema = z
  .object({ name, from: calendarDate, to: calendarDate.optional() })
  .refine((h) => h.to === undefined || h.to >= h.from, {
    message: "must not be before from",
    path: ["to"],
    params: says("notBefore", "from"),
  });
export type Holiday = z.infer<typeof HolidaySchema>;

/** A swapped working day (调休上班): usually a weekend day that runs a given weekday's timetable. */
export const SwappedWorkdaySchema = z.object({
  name,
  date: calendarDate,
  followsWeekday: WeekdaySchema,
});
export type SwappedWorkday = z.infer<typeof SwappedWorkdaySchema>;

/** A morning or noon session (晨读, 午休…) some schools run besides the afternoon care. */
export const CareSessionSchema = z
  .object({
    id,
    name,
    kind: z.enum(["morning", "noon"]),
    starts: clockTime,
    ends: clockTime,
    /** Only on these weekdays (of the timetable followed); default every care day. */
    weekdays: z.array(WeekdaySchema).min(1).optional(),
    /** Only in these seasons (ids); default all. */
    seasons: z.array(id).min(1).optional(),
  })
  .refine((s) => s.ends > s.starts, {
    message: "must be after starts",
    path: ["ends"],
    params: says("after", "starts"),
  });
export type CareSession = z.infer<typeof CareSessionSchema>;

export const ScheduleSchema = z
  .object({
    /** The weekdays care runs on, before holidays and swapped days are applied. */
    careDays: z.array(WeekdaySchema).min(1).default(["mon", "tue", "wed", "thu", "fri"]),
    seasons: z.array(SeasonSchema).min(1),
    bands: z.array(GradeBandSchema).min(1),
    holidays: z.array(HolidaySchema).default([]),
    workdays: z.array(SwappedWorkdaySchema).default([]),
    sessions: z.array(CareSessionSchema).default([]),
  })
  .superRefine((s, ctx) => {
    const issue = (
      path: (string | number)[],
      message: string,
      problem: ScheduleProblemCode = "twice",
    ): void => {
      ctx.addIssue({ code: "custom", path, message, params: says(problem) });
    };
    /** Flags every item whose key an earlier item already had. */
    const unique = <T>(
      items: readonly T[],
      key: (item: T) => string,
      path: (i: number) => Path,
      message: string,
    ) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(key(item))) issue(path(i), message);
        seen.add(key(item));
      });
    };
    unique(
      s.careDays,
      (d) => d,
      (i) => ["careDays", i],
      "listed twice",
    );
    unique(
      s.seasons,
      (x) => x.id,
      (i) => ["seasons", i, "id"],
      "another season has this id",
    );
    unique(
      s.seasons,
      (x) => x.from,
      (i) => ["seasons", i, "from"],
      "another season starts on this day",
    );
    unique(
      s.bands,
      (b) => b.id,
      (i) => ["bands", i, "id"],
      "another band has this id",
    );
    const bandOfGrade = new Map<number, string>();
    s.bands.forEach((band, b) => {
      band.grades.forEach((grade, g) => {
        const other = bandOfGrade.get(grade);
        if (other !== undefined)
          issue(["bands", b, "grades", g], `grade ${grade} is already in band ${other}`, "gradeTwice");
        else bandOfGrade.set(grade, band.id);
      });
    });
    const bandIds = new Set(s.bands.map((b) => b.id));
    const seasonIds = new Set(s.seasons.map((x) => x.id));
    s.seasons.forEach((season, i) => {
      season.bands.forEach((t, j) => {
        if (!bandIds.has(t.band))
          issue(["seasons", i, "bands", j, "band"], `no grade band with id ${t.band}`, "invalid");
      });
      const twice = "this band has times twice in this season";
      unique(
        season.bands,
        (t) => t.band,
        (j) => ["seasons", i, "bands", j, "band"],
        twice,
      );
      const timed = new Set(season.bands.map((t) => t.band));
      for (const band of s.bands) {
        if (!timed.has(band.id))
          issue(["seasons", i, "bands"], `no times for grade band ${band.id}`, "bandTimes");
      }
    });
    unique(
      s.workdays,
      (w) => w.date,
      (i) => ["workdays", i, "date"],
      "listed twice",
    );
    unique(
      s.sessions,
      (x) => x.id,
      (i) => ["sessions", i, "id"],
      "another session has this id",
    );
    s.sessions.forEach((session, i) => {
      session.seasons?.forEach((seasonId, j) => {
        if (!seasonIds.has(seasonId))
          issue(["sessions", i, "seasons", j], `no season with id ${seasonId}`, "invalid");
      });
    });
  });
export type Schedule = z.infer<typeof ScheduleSchema>;

type Path = (string | number)[];
