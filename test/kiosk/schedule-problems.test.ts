import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_SCHEDULE } from "../../demo/demo-schedule";
import { scheduleProblems } from "../../kiosk/src/admin/schedule-problems";
import { initI18n, setLanguage } from "../../kiosk/src/i18n";
import { type Schedule, ScheduleSchema } from "../../protocol/care-schedule";

/** A dismissal earlier than the start of care, a 调休 day without a date, a grade in two bands. */
function mistaken(): Schedule {
  const schedule = structuredClone(DEMO_SCHEDULE) as Schedule;
  const winterG12 = schedule.seasons[1]?.bands[0];
  if (winterG12) winterG12.dismissalOpens = "15:00";
  schedule.workdays.push({ name: "调休", date: "", followsWeekday: "mon" });
  schedule.bands[1]?.grades.push(1);
  return schedule;
}

describe("the timetable's mistakes in the screen's language (issue 11, deliverable 3)", () => {
  beforeEach(() => initI18n("zh"));

  it("a good timetable has none", () => {
    expect(scheduleProblems(structuredClone(DEMO_SCHEDULE) as Schedule)).toEqual([]);
  });

  it("Chinese: each names where and a field the screen shows, with no English schema text", () => {
    const problems = scheduleProblems(mistaken());
    expect(problems).toContain("冬季作息 一二年级 · 托管开始: 不能晚于放学开始");
    expect(problems.some((p) => p.includes("调休上班日") && p.includes("日期"))).toBe(true);
    expect(problems.some((p) => p.includes("年级: 该年级已在其他年级段"))).toBe(true);
    for (const p of problems) expect(p).not.toMatch(/[a-z]{4,}/);
  });

  it("English: the same, in English", () => {
    setLanguage("en");
    const problems = scheduleProblems(mistaken());
    expect(problems).toContain("冬季作息 一二年级 · Care starts: must not be after Dismissal opens");
    for (const p of problems) expect(p).not.toMatch(/seasons\[|dismissalOpens|careStarts/);
  });

  it("an emptied season or band name names its own field", () => {
    const schedule = structuredClone(DEMO_SCHEDULE) as Schedule;
    const [season] = schedule.seasons;
    const [band] = schedule.bands;
    if (season) season.name = "";
    if (band) band.name = "";
    const problems = scheduleProblems(schedule);
    expect(problems).toContain("季节名称: 请填写");
    expect(problems).toContain("年级段名称: 请填写");
  });

  it("the schema names each custom mistake by a code, so no English is matched", () => {
    const parsed = ScheduleSchema.safeParse(mistaken());
    if (parsed.success) throw new Error("the mistaken timetable must be refused");
    const custom = parsed.error.issues.filter((i) => i.code === "custom");
    expect(custom.length).toBeGreaterThan(0);
    for (const issue of custom) expect(issue.params?.problem, issue.message).toEqual(expect.any(String));
    expect(custom.map((i) => i.params)).toContainEqual({ problem: "notAfter", other: "dismissalOpens" });
  });
});
