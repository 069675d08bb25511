import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseRosterFile } from "../../server/roster/xlsx-import";

/** A ZIP of deflated entries, written by hand: what an attacker's tool would make. */
function zip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = deflateRawSync(content, { level: 9 });
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

/** Finding 9: an Excel bomb is refused before it is parsed, quickly and without the memory. */
describe("Excel bombs", () => {
  it("refuses a small file that unpacks to 100 MB", async () => {
    const bomb = zip({
      "[Content_Types].xml": CONTENT_TYPES,
      "xl/worksheets/sheet1.xml": Buffer.alloc(100 * 1024 * 1024, " "),
    });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const started = Date.now();
    const heap = process.memoryUsage().rss;
    await expect(parseRosterFile(bomb)).rejects.toThrow("MB once unpacked");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - heap).toBeLessThan(150 * 1024 * 1024);
  });

  it("refuses a sheet of too many rows, counted before parsing", async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `<row r="${i + 1}"/>`).join("");
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    const file = zip({
      "[Content_Types].xml": CONTENT_TYPES,
      "xl/worksheets/sheet1.xml": Buffer.from(sheet),
    });
    await expect(parseRosterFile(file)).rejects.toThrow("more than 10000 rows");
  });

  it("still reads an ordinary roster", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("托管名单");
    sheet.addRow(["学号", "姓名", "年级", "班级", "托管班", "教室", "学生卡号", "家长姓名", "关系", "电话"]);
    sheet.addRow([
      "20250120",
      "陈一诺",
      "二年级",
      "2班",
      "一二年级",
      "101",
      "",
      "陈妈妈",
      "妈妈",
      "13900003333",
    ]);
    const rows = await parseRosterFile(Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows).toHaveLength(1);
  });
});
