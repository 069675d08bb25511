import { beforeEach, describe, expect, it } from "vitest";
import { dutyTodayText, groupSaveFailure } from "../../kiosk/src/admin/admin-groups";
import { initI18n, setLanguage, t } from "../../kiosk/src/i18n";

const group = {
  dutyToday: [
    { name: "王老师", kind: "teacher" as const },
    { name: "周家长", kind: "volunteer" as const, from: "16:00" },
  ],
};

describe("the groups panel's words (issue 11)", () => {
  beforeEach(() => initI18n("zh"));

  it("today's duty in the screen's language: no Chinese brackets on the English screen", () => {
    expect(dutyTodayText(group)).toBe("王老师 → 周家长（16:00起）");
    setLanguage("en");
    expect(dutyTodayText(group)).toBe("王老师 → 周家长 (from 16:00)");
  });

  it("a maximum below the group's size is not called 'the group is full'", () => {
    const text = groupSaveFailure({ code: "GROUP_FULL", message: "x" }, 21);
    expect(text).toContain("21");
    expect(text).not.toBe("托管班人数已满");
    expect(groupSaveFailure({ code: "NOT_FOUND", message: "x" }, 21)).not.toContain("21");
  });

  it("a guardian with the relation uses the screen's brackets", () => {
    expect(t("common.nameRelation", { name: "张妈妈", relation: "妈妈" })).toBe("张妈妈（妈妈）");
    setLanguage("en");
    expect(t("common.nameRelation", { name: "Zhang", relation: "mother" })).toBe("Zhang (mother)");
  });
});
