import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { toCsv, UTF8_BOM } from "../../server/reports/csv";
import { buildDailyRecord } from "../../server/reports/daily-record";
import { dailySheets } from "../../server/reports/tables";
import { toXlsx } from "../../server/reports/xlsx";
import { DAY, smallSchool } from "../domain/fixtures";
import { ev, fullPickup, moment } from "./recorded-day";

const TZ = "Asia/Shanghai";

function record() {
  const events = [
    ...fullPickup("c1", "p1", ["15:40", "16:45", "16:47", "16:50"]),
    ev.leave("c2", "发烧, 咳嗽", "张妈妈", "13:00"),
  ];
  return buildDailyRecord({
    roster: buildRosterIndex(smallSchool(), DAY),
    day: DAY,
    events,
    now: moment("20:00"),
  });
}

describe("report exports", () => {
  it("CSV starts with a UTF-8 BOM, has CRLF lines, Chinese headers and quoted commas", () => {
    const csv = toCsv(dailySheets(record(), "zh", TZ)[0] ?? { name: "", header: [], rows: [] });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^日期,托管小组,教室,学号,姓名/);
    expect(lines.find((l) => l.includes("张小明"))).toContain("16:50,张妈妈,妈妈");
    expect(lines.find((l) => l.includes("张小红"))).toContain('"发烧, 咳嗽"');
  });

  it("CSV in English when asked", () => {
    const csv = toCsv(dailySheets(record(), "en", TZ)[0] ?? { name: "", header: [], rows: [] });
    expect(csv).toContain("Date,Group,Room,Student no.,Name");
    expect(csv).toContain("On leave");
  });

  it("CSV cells that Excel would run as formulas are written as text", () => {
    const csv = toCsv({ name: "x", header: ["a"], rows: [["=HYPERLINK(1)"], [-3]] });
    expect(csv).toContain(`"'=HYPERLINK(1)"`);
    expect(csv).toContain("\r\n-3\r\n");
  });

  it("xlsx reads back with exceljs: the record, the alerts and the sign-off sheets", async () => {
    const bytes = await toXlsx(dailySheets(record(), "zh", TZ), "daily");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["托管日志", "校门登记", "告警", "签字"]);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(5).value).toBe("姓名");
    const names = [2, 3, 4].map((r) => sheet?.getRow(r).getCell(5).value);
    expect(names).toEqual(["张小明", "李四", "张小红"]);
    // Grades stay numbers so Excel can sum them.
    expect(sheet?.getRow(2).getCell(6).value).toBe(1);
    expect(workbook.worksheets[3]?.getRow(2).getCell(2).value).toBe("未签字");
  });
});
