import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { isWanfengError } from "../../protocol";
import { importRoster, previewRoster } from "../../server/admin/roster-import";
import { copyRosterParts } from "../../server/roster/apply-roster";
import { mergeInOnePass } from "../../server/roster/one-pass";
import { readXlsxWorkbook } from "../../server/roster/xlsx-import";
import { documentStorage } from "../../server/store/document/storage";
import { type Db, DbSchema, emptyDb } from "../../server/store/schema";

const ROSTER = [
  ["学号", "姓名", "年级", "班级", "托管班", "教室", "学生卡号", "家长姓名", "关系", "电话", "家长卡号"],
  [
    "20250101",
    "王小明",
    "一年级",
    "1班",
    "一二年级托管班",
    "101教室",
    "",
    "李娜",
    "妈妈",
    "13900001111",
    "0006547886",
  ],
];
const BARRED_HEADER = ["学号", "姓名", "关系", "身份证后4位", "卡号", "原因", "有效期起", "有效期止"];

async function workbook(barred: readonly (readonly string[])[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const roster = book.addWorksheet("花名册");
  for (const row of ROSTER) roster.addRow([...row]);
  const sheet = book.addWorksheet("不得接走");
  for (const row of barred) sheet.addRow([...row]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A document store in memory enough for one import: reads and updates one Db object. */
function memoryStorage() {
  let db: Db = emptyDb();
  return documentStorage({
    read: () => db,
    update: async (change: (db: Db) => unknown) => {
      const copy = structuredClone(db);
      await change(copy);
      db = DbSchema.parse(copy);
    },
    onChange: () => () => {},
    onExternalChange: () => () => {},
  } as unknown as Parameters<typeof documentStorage>[0]);
}

describe("the roster import's sheet 不得接走 (issue 10 item 1)", () => {
  it("adds the barred adults to their children, with every field", async () => {
    const bytes = await workbook([
      BARRED_HEADER,
      [
        "20250101",
        "王某",
        "父亲",
        "123X",
        "0001234567",
        "（2026）京0105民初123号",
        "2026-01-01",
        "2027-12-31",
      ],
    ]);
    const store = memoryStorage();
    await importRoster(store, bytes);
    expect(store.schoolRoster().children[0]?.notAuthorised).toEqual([
      {
        id: "na-import-1",
        name: "王某",
        relation: "父亲",
        idLast4: "123X",
        cardId: "0001234567",
        note: "（2026）京0105民初123号",
        validFrom: "2026-01-01",
        validTo: "2027-12-31",
      },
    ]);
    // A second import of the same file updates the entry, it does not add another.
    await importRoster(store, bytes);
    expect(store.schoolRoster().children[0]?.notAuthorised).toHaveLength(1);
  });

  it("reports every bad row by row and column, and the preview writes nothing", async () => {
    const bytes = await workbook([
      BARRED_HEADER,
      ["20259999", "某甲", "", "", "", "", "", ""],
      ["20250101", "", "", "12", "not-a-card", "", "", ""],
      ["20250101", "某乙", "", "", "", "", "2027-01-01", "2026-01-01"],
    ]);
    const { barred } = await readXlsxWorkbook(bytes);
    expect(barred?.[0]?.cells[0]).toBe("学号");
    const preview = await previewRoster(emptyDb(), bytes);
    expect(preview.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "不得接走 · 学号"],
      [3, "不得接走 · 卡号"],
      [3, "不得接走 · 姓名"],
      [3, "不得接走 · 身份证后4位"],
      [4, "不得接走 · 有效期止"],
    ]);
    const store = memoryStorage();
    const failed = await importRoster(store, bytes).catch((err: unknown) => err);
    expect(isWanfengError(failed) && failed.code).toBe("IMPORT_BAD_ROW");
    expect(store.schoolRoster().children).toEqual([]);
  });

  it("without the sheet nothing about custody changes", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("花名册");
    for (const row of ROSTER) sheet.addRow([...row]);
    const { records, barred } = await readXlsxWorkbook(Buffer.from(await book.xlsx.writeBuffer()));
    expect(barred).toBeUndefined();
    const parts = copyRosterParts(emptyDb());
    mergeInOnePass(parts, records);
    expect(parts.children[0]?.notAuthorised).toBeUndefined();
  });
});
