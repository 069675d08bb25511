import type { Cell, Sheet } from "./tables";

/**
 * CSV for Excel as Chinese schools use it: a UTF-8 byte-order mark first (without it Excel on a
 * Chinese Windows reads the file as GBK and shows mojibake), CRLF line ends, RFC 4180 quoting.
 */
export const UTF8_BOM = "\uFEFF";

export function toCsv(sheet: Sheet): string {
  const lines = [sheet.header, ...sheet.rows].map((row) => row.map(csvCell).join(","));
  return `${UTF8_BOM}${lines.join("\r\n")}\r\n`;
}

function csvCell(cell: Cell): string {
  const text = String(cell);
  // A leading = + - @ would make Excel run the cell as a formula (CSV injection): quote it as text.
  const guarded = /^[=+\-@]/.test(text) && typeof cell === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
