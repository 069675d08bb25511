import { afterEach, describe, expect, it } from "vitest";
import { currentMonth } from "../../kiosk/src/admin/admin-attendance";

describe("the attendance month (issue 11)", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("is the school's calendar month, also between 00:00 and 08:00 on the 1st", () => {
    process.env.TZ = "Asia/Shanghai";
    // 07:30 on 1 December in Beijing is still 30 November in UTC.
    expect(currentMonth(new Date("2026-12-01T07:30:00+08:00"))).toBe("2026-12");
    expect(currentMonth(new Date("2026-11-30T23:59:00+08:00"))).toBe("2026-11");
  });
});
