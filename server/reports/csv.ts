import type { Cell, Sheet } from "./tables";

/**
 * CSV for Excel as Chinese schools use it: a UTF-8 byte-order mark first (without it Excel on a
 * Chinese Windows reads the file as GBK and shows mojibake), CRLF line ends, RFC 4180 quoting.
 * The one CSV writer: every export goes through it, so every export has the formula guard.
 */
export const UTF8_BOM = "\uFEFF";

export function toCsv(sheet: Sheet): string {
  const lines = [sheet.header, ...sheet.rows].map((row) => row.map(csvCell).join(","));
  return `${UTF8_BOM}${lines.join("\r\n")}\r\n`;
}

/** A leading = + - @ (or TAB/CR, which Excel skips before one) would run the cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: Cell): string {
  const text = String(cell);
  // CSV injection: a name or note typed as "=HYPERLINK(…)" is shown as text, quoted with a '.
  const guarded = FORMULA_START.test(text) && typeof cell === "string" ? `'${text}` : text;
  return /[",\r\n\t]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
