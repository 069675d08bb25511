import { beforeEach, describe, expect, it } from "vitest";
import { initI18n } from "../../kiosk/src/i18n";
import {
  announcementText,
  classLabel,
  errorText,
  failureText,
  nameWithRelation,
  relationLabel,
  speechText,
  tapResultText,
} from "../../kiosk/src/shell/format";
import type { ChildDayView } from "../../protocol/model";

const zhang: ChildDayView = {
  childId: "c1",
  name: "张三",
  grade: 3,
  className: "2",
  groupId: "g1",
  groupName: "托管一组",
  roomName: "301",
  status: "pickup_requested",
  requestedAt: "2025-03-03T17:05:00+08:00",
  requestedBy: { guardianId: "p1", name: "李梅", relation: "妈妈" },
  requestGateName: "东门",
};

describe("kiosk wording in Chinese", () => {
  beforeEach(() => initI18n("zh"));

  it("names the class like a Chinese school does", () => {
    expect(classLabel(zhang)).toBe("三年级2班");
    expect(classLabel({ grade: 1, className: "3班" })).toBe("一年级3班");
    expect(classLabel({ grade: 5, className: "五年级1班" })).toBe("五年级1班");
  });

  it("announces who is at the gate", () => {
    expect(announcementText(zhang)).toBe("三年级2班 张三，家长（妈妈 李梅）到了");
    expect(speechText(zhang)).toContain("东门");
  });

  it("names an adult with their relation in Chinese brackets", () => {
    expect(nameWithRelation("周家长", "mother")).toBe("周家长（妈妈）");
  });

  it("translates error codes and the kiosk's own network failures", () => {
    expect(errorText("PICKUP_WRONG_STATE")).toBe("该学生当前状态不能执行此操作");
    expect(errorText("SOMETHING_NEW")).toBe("发生未知错误");
    expect(failureText({ code: "INTERNAL", message: "TIMEOUT" })).toContain("没有响应");
  });

  it("explains taps that changed nothing", () => {
    expect(tapResultText({ kind: "unknown_card", cardId: "0006547886" })).toContain("未知卡");
    expect(tapResultText({ kind: "debounced" })).toBeUndefined();
    expect(tapResultText({ kind: "card_blocked", cardId: "1", cardStatus: "lost", holderName: "王五" })).toBe(
      "此卡已挂失（王五）",
    );
  });
});

describe("kiosk wording in English", () => {
  beforeEach(() => initI18n("en"));

  it("translates relations and classes", () => {
    expect(relationLabel("妈妈")).toBe("mother");
    expect(relationLabel("干妈")).toBe("干妈");
    expect(classLabel(zhang)).toBe("Class 3-2");
  });

  it("names an adult with their relation in English brackets, never Chinese ones", () => {
    expect(nameWithRelation("周家长", "妈妈")).toBe("周家长 (mother)");
    expect(nameWithRelation("周家长", undefined)).toBe("周家长");
  });

  it("announces who is at the gate", () => {
    expect(announcementText(zhang)).toBe("张三 (Class 3-2): mother 李梅 is at the gate");
  });
});
