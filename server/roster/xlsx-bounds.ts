import { inflateRawSync } from "node:zlib";

/**
 * Bounds of an .xlsx roster, checked on the ZIP itself before ExcelJS parses anything: a 103 KB
 * file can expand to 100 MB of XML, and the parser holds several times that in memory. Every
 * entry is inflated here with a hard cap on its output (a declared size can lie), and the
 * worksheets' rows and cells are counted in the raw XML. A school's roster is far below all of it.
 */
export const XLSX_LIMITS = {
  /** All entries together, inflated. */
  uncompressedBytes: 16 * 1024 * 1024,
  entries: 200,
  rows: 10_000,
  cells: 200_000,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Why the file is refused: too big, or not a ZIP this check (and so ExcelJS) can walk. */
export interface XlsxRefusal {
  kind: "too-big" | "unreadable";
  reason: string;
}

/** Undefined when the file is within bounds. */
export function xlsxOverLimits(zip: Buffer, limits = XLSX_LIMITS): XlsxRefusal | undefined {
  const refused = walk(zip, limits);
  if (refused === undefined) return undefined;
  const unreadable = refused.startsWith("damaged") || refused.startsWith("not a complete");
  return { kind: unreadable ? "unreadable" : "too-big", reason: refused };
}

function walk(zip: Buffer, limits: typeof XLSX_LIMITS): string | undefined {
  const end = findEndOfCentralDirectory(zip);
  if (end === undefined) return "not a complete ZIP archive";
  const count = zip.readUInt16LE(end + 10);
  if (count > limits.entries) return `${count} parts in the file, at most ${limits.entries}`;
  let at = zip.readUInt32LE(end + 16);
  let budget = limits.uncompressedBytes;
  let rows = 0;
  let cells = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return "damaged ZIP directory";
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf-8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) return "damaged ZIP entry";
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    let content: Buffer;
    try {
      content = method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(budget, 1) });
    } catch {
      return `more than ${limits.uncompressedBytes / 1024 / 1024} MB once unpacked`;
    }
    budget -= content.length;
    if (budget < 0) return `more than ${limits.uncompressedBytes / 1024 / 1024} MB once unpacked`;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    rows += occurrences(content, "<row");
    cells += occurrences(content, "<c ") + occurrences(content, "<c>");
    if (rows > limits.rows) return `more than ${limits.rows} rows`;
    if (cells > limits.cells) return `more than ${limits.cells} cells`;
  }
  return undefined;
}

function findEndOfCentralDirectory(zip: Buffer): number | undefined {
  // The record is 22 bytes plus a comment of at most 65535.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65535); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  return undefined;
}

function occurrences(haystack: Buffer, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length))
    count++;
  return count;
}
