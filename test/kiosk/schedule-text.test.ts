import { beforeEach, describe, expect, it } from "vitest";
import { initI18n } from "../../kiosk/src/i18n";
import { gateScheduleText, roomScheduleText } from "../../kiosk/src/shell/schedule-text";
import type { DismissalWindowView, ScheduleView } from "../../protocol/schedule";

function window(
  bandId: string,
  grades: number[],
  opens: string,
  closes: string,
  careEnds: string,
): DismissalWindowView {
  const at = (time: string) => `2026-11-23T${time}:00+08:00`;
  const names: Record<string, string> = { g12: "一二年级", g34: "三四年级", g56: "五六年级" };
  return {
    bandId,
    bandName: names[bandId] ?? bandId,
    grades,
    opens,
    closes,
    careEnds,
    opensAt: at(opens),
    closesAt: at(closes),
    careEndsAt: at(careEnds),
  };
}

const g12 = window("g12", [1, 2], "16:40", "16:50", "17:00");
const g34 = window("g34", [3, 4], "16:50", "17:00", "17:10");
const g56 = window("g56", [5, 6], "17:00", "17:10", "17:20");
const base = { careDay: true, dayKind: "regular", season: { id: "winter", name: "冬季作息" } } as const;
const day = (windows: DismissalWindowView[]): ScheduleView => ({ ...base, windows });
const holiday: ScheduleView = {
  careDay: false,
  dayKind: "holiday",
  dayName: "国庆节",
  season: base.season,
  windows: [],
};
const weekend: ScheduleView = { careDay: false, dayKind: "weekend", season: base.season, windows: [] };
/** A moment on the school's clock that day. */
const at = (time: string) => new Date(`2026-11-23T${time}+08:00`);

describe("schedule lines in Chinese", () => {
  beforeEach(() => initI18n("zh"));

  it("room header: one band, several bands, a swapped day, no care", () => {
    expect(roomScheduleText(day([g12]))).toBe("放学 16:40–16:50 · 托管至 17:00");
    expect(roomScheduleText(day([g12, g56]))).toBe(
      "一二年级 放学 16:40–16:50，托管至 17:00；五六年级 放学 17:00–17:10，托管至 17:20",
    );
    expect(roomScheduleText({ ...day([g12]), dayKind: "swapped_workday", dayName: "国庆节调休上班" })).toBe(
      "国庆节调休上班 · 放学 16:40–16:50 · 托管至 17:00",
    );
    expect(roomScheduleText(holiday)).toBe("今天无托管（国庆节）");
    expect(roomScheduleText(weekend)).toBe("今天无托管（周末）");
    expect(roomScheduleText(undefined)).toBeUndefined();
    expect(roomScheduleText(day([]))).toBeUndefined();
  });

  it("gate line follows the clock: next, open (half-open windows), over, ended", () => {
    const all = day([g12, g34, g56]);
    expect(gateScheduleText(all, at("16:00:00"))).toBe("下一批放学：一二年级 16:40");
    expect(gateScheduleText(all, at("16:40:00"))).toBe("正在放学：一二年级 16:40–16:50");
    expect(gateScheduleText(all, at("16:50:00"))).toBe("正在放学：三四年级 16:50–17:00");
    expect(gateScheduleText(all, at("17:09:59"))).toBe("正在放学：五六年级 17:00–17:10");
    expect(gateScheduleText(all, at("17:10:00"))).toBe("放学已结束 · 托管至 17:20");
    expect(gateScheduleText(all, at("17:20:00"))).toBe("托管已结束（17:20）");
    expect(gateScheduleText(holiday, at("16:45:00"))).toBe("今天无托管（国庆节）");
  });

  it("overlapping windows are listed together", () => {
    const wide = { ...g34, opens: "16:45", opensAt: "2026-11-23T16:45:00+08:00" };
    expect(gateScheduleText(day([g12, wide]), at("16:46:00"))).toBe(
      "正在放学：一二年级 16:40–16:50；三四年级 16:45–17:00",
    );
  });
});

describe("schedule lines in English", () => {
  beforeEach(() => initI18n("en"));

  it("names bands by their grades", () => {
    expect(roomScheduleText(day([g12]))).toBe("Dismissal 16:40–16:50 · care until 17:00");
    expect(roomScheduleText(day([g12, g34]))).toBe(
      "Grades 1–2: dismissal 16:40–16:50, care until 17:00; Grades 3–4: dismissal 16:50–17:00, care until 17:10",
    );
    expect(gateScheduleText(day([g12]), at("16:41:00"))).toBe("Dismissal now: Grades 1–2 16:40–16:50");
    expect(gateScheduleText(day([g12]), at("16:00:00"))).toBe("Next dismissal: Grades 1–2 at 16:40");
    expect(roomScheduleText(weekend)).toBe("No care today (weekend)");
  });
});
