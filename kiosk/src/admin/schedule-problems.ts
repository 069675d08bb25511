import type { z } from "zod";
import { type Schedule, type ScheduleProblemCode, ScheduleSchema } from "../../../protocol/care-schedule";
import { t } from "../i18n";

/**
 * The timetable's mistakes in the screen's language, each naming where it is (season, band,
 * holiday…) and a field the screen shows. The kiosk checks the draft with the same schema the
 * server uses before saving; the schema marks each mistake with a code (`params.problem`, and
 * `params.other` for the field compared with), worded here: its English messages and paths are
 * for the store's and the command line's errors only.
 */

const FIELD_LABELS: Record<string, string> = {
  careStarts: "admin.schedule.careStarts",
  dismissalOpens: "admin.schedule.dismissalOpens",
  dismissalCloses: "admin.schedule.dismissalCloses",
  careEnds: "admin.schedule.careEnds",
  from: "admin.schedule.from",
  to: "admin.schedule.holidayTo",
  name: "admin.schedule.holidayName",
  date: "admin.schedule.workdayDate",
  followsWeekday: "admin.schedule.workdayFollows",
  starts: "admin.schedule.sessionStarts",
  ends: "admin.schedule.sessionEnds",
  grades: "admin.schedule.grades",
  careDays: "admin.schedule.careDays",
  id: "admin.schedule.holidayName",
  band: "admin.schedule.band",
  bands: "admin.schedule.band",
};

function where(schedule: Schedule, path: readonly PropertyKey[]): string {
  const [list, index, field, subIndex, subField] = path;
  const i = Number(index);
  switch (list) {
    case "seasons": {
      const season = schedule.seasons[i];
      if (field !== "bands" || subIndex === undefined) return season?.name ?? "";
      const bandId = season?.bands[Number(subIndex)]?.band;
      const band = schedule.bands.find((b) => b.id === bandId)?.name ?? bandId ?? "";
      return `${season?.name ?? ""} ${band}`;
    }
    case "bands":
      return schedule.bands[i]?.name ?? t("admin.schedule.bandsTitle");
    case "holidays":
      return `${t("admin.schedule.holidaysTitle")} ${schedule.holidays[i]?.name || i + 1}`;
    case "workdays":
      return `${t("admin.schedule.workdaysTitle")} ${schedule.workdays[i]?.name || i + 1}`;
    case "sessions":
      return `${t("admin.schedule.sessionsTitle")} ${schedule.sessions[i]?.name || i + 1}`;
    default:
      return subField === undefined ? "" : String(subField);
  }
}

/** The last named field of a path ("careStarts" in seasons.1.bands.0.careStarts). */
function fieldOf(path: readonly PropertyKey[]): string {
  const named = path.filter((p): p is string => typeof p === "string");
  return named.at(-1) ?? "";
}

/** Seasons, bands, holidays, swapped days and sessions name their own columns. */
const LIST_LABELS: Record<string, Record<string, string>> = {
  seasons: { name: "admin.schedule.seasonName" },
  bands: { name: "admin.schedule.bandName" },
  holidays: { name: "admin.schedule.holidayName", from: "admin.schedule.holidayFrom" },
  workdays: { name: "admin.schedule.holidayName" },
  sessions: { name: "admin.schedule.holidayName", id: "admin.schedule.holidayName" },
};

function labelOf(path: readonly PropertyKey[], field: string): string {
  const key = LIST_LABELS[String(path[0])]?.[field] ?? FIELD_LABELS[field] ?? "admin.schedule.title";
  return t(key);
}

/** The schema's own code for what is wrong (protocol/care-schedule.ts), or one read from the zod issue. */
function problemOf(issue: z.core.$ZodIssue): { problem: ScheduleProblemCode; other?: string } {
  if (issue.code === "custom" && typeof issue.params?.problem === "string") {
    const other = issue.params.other;
    return {
      problem: issue.params.problem as ScheduleProblemCode,
      ...(typeof other === "string" ? { other } : {}),
    };
  }
  if (issue.code === "too_small") return { problem: "required" };
  // The only pattern in the schema is the clock time ("HH:MM").
  if (issue.code === "invalid_format") return { problem: "time" };
  return { problem: "invalid" };
}

export function scheduleProblems(schedule: Schedule): string[] {
  const parsed = ScheduleSchema.safeParse(schedule);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = fieldOf(issue.path);
    const label = labelOf(issue.path, field);
    const { problem, other } = problemOf(issue);
    const otherLabel = other && FIELD_LABELS[other] ? t(FIELD_LABELS[other] ?? "") : "";
    const text = t(`admin.schedule.problem.${problem}`, { other: otherLabel });
    const place = where(schedule, issue.path);
    return `${place ? `${place} · ` : ""}${label}: ${text}`;
  });
}
