import type ExcelJS from "exceljs";
import type { Sheet } from "./tables";

/**
 * An Excel workbook of a report, one worksheet per table, made with exceljs (a maintained library
 * rather than hand-written OOXML). Headers bold and frozen, columns sized to their text.
 */
export async function toXlsx(sheets: readonly Sheet[], title: string): Promise<Buffer> {
  // exceljs is large (about 30 MB of memory): loaded when a report is exported, not at start-up.
  const { Workbook } = (await import("exceljs")).default;
  const workbook: ExcelJS.Workbook = new Workbook();
  workbook.creator = "Wanfeng 晚风";
  workbook.title = title;
  for (const sheet of sheets) {
    // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    const ws = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((column, i) => {
      const widths = [sheet.header[i], ...sheet.rows.map((r) => r[i])].map((v) =>
        displayWidth(String(v ?? "")),
      );
      column.width = Math.min(60, Math.max(6, ...widths) + 2);
    });
  }
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}

/** Chinese characters take two columns of width in Excel. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return width;
}
