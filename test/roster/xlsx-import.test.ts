import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { isWanfengError } from "../../protocol";
import { parseRosterCsv, type RosterProblem } from "../../server/roster/csv-import";
import { isXlsx, parseRosterFile, parseRosterXlsx } from "../../server/roster/xlsx-import";

const HEADER = [
  "学号",
  "姓名",
  "年级",
  "班级",
  "托管班",
  "教室",
  "学生卡号",
  "家长姓名",
  "关系",
  "电话",
  "家长卡号",
];
const GOOD = [
  "20250101",
  "王小明",
  "一年级",
  "1班",
  "一二年级托管班",
  "101教室",
  "0003012345",
  "李娜",
  "妈妈",
  "13900001111",
  "",
];
const BAD_ROWS = [
  GOOD,
  // No name, a grade that is none, a card that is none, a phone in scientific notation.
  [
    "20250102",
    "",
    "七年级上",
    "1班",
    "一二年级托管班",
    "101教室",
    "not-a-card",
    "李娜",
    "妈妈",
    "1.39E+10",
    "",
  ],
  // The same child with another name; the group in another room.
  ["20250101", "王小名", "一年级", "1班", "一二年级托管班", "102教室", "", "张强", "爸爸", "13900002222", ""],
];

async function workbook(rows: readonly (readonly (string | number)[])[], title?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("花名册");
  if (title) {
    sheet.addRow([title]);
    sheet.mergeCells(1, 1, 1, HEADER.length);
  }
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csvOf(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.join(",")).join("\n")}\n`;
}

async function problemsOf(run: () => unknown): Promise<RosterProblem[]> {
  try {
    await run();
  } catch (err) {
    if (isWanfengError(err) && err.code === "IMPORT_BAD_ROW") return err.details?.problems as RosterProblem[];
    throw err;
  }
  throw new Error("expected the roster to be rejected");
}

describe("Excel (.xlsx) rosters", () => {
  it("read into the same rows as the same table in CSV", async () => {
    const bytes = await workbook([HEADER, GOOD]);
    expect(isXlsx(bytes)).toBe(true);
    expect(await parseRosterXlsx(bytes)).toEqual(parseRosterCsv(csvOf([HEADER, GOOD])));
  });

  it("give exactly the problems the CSV checks give, by row and column", async () => {
    const xlsx = await problemsOf(async () => parseRosterXlsx(await workbook([HEADER, ...BAD_ROWS])));
    const csv = await problemsOf(() => parseRosterCsv(csvOf([HEADER, ...BAD_ROWS])));
    expect(xlsx).toEqual(csv);
    expect(xlsx.map((p) => [p.row, p.column])).toEqual(
      expect.arrayContaining([
        [3, "姓名"],
        [3, "年级"],
        [3, "学生卡号"],
        [3, "电话"],
      ]),
    );
  });

  it("number cells (phones typed as numbers) read as the digits; a title row above the header is skipped", async () => {
    const numeric = [...GOOD];
    const bytes = await workbook(
      [HEADER, numeric.map((cell, i) => (i === 9 ? 13900001111 : i === 0 ? 20250101 : cell))],
      "晚风小学 托管学生花名册",
    );
    const rows = await parseRosterFile(bytes);
    expect(rows[0]).toMatchObject({ line: 3, childId: "20250101", phone: "13900001111" });
  });

  it("a broken .xlsx is one problem on row 1, not a crash; a CSV still goes to the CSV reader", async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("not really a zip")]);
    const problems = await problemsOf(() => parseRosterFile(broken));
    expect(problems[0]).toMatchObject({ row: 1, column: "" });
    expect(problems[0]?.message).toMatch(/xlsx/);
    expect(await parseRosterFile(Buffer.from(csvOf([HEADER, GOOD])))).toHaveLength(1);
  });
});
