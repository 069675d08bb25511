import { ENTER, usageOfChar } from "../../../gate-agent/framing/hid-usages";

/** HID boot keyboard reports built from the documented format (hardware.md), for tests and fixtures. */

const LEFT_SHIFT = 0x02;

export interface ReportOptions {
  /** Prefix every report with this report id byte. */
  reportId?: number;
}

/** One 8-byte report `[modifiers, 0, key1..key6]`, with a report id byte first when asked. */
export function report(modifiers: number, keys: number[] = [], options: ReportOptions = {}): Buffer {
  const body = Buffer.alloc(8);
  body[0] = modifiers;
  keys.slice(0, 6).forEach((key, i) => {
    body[2 + i] = key;
  });
  return options.reportId === undefined ? body : Buffer.concat([Buffer.from([options.reportId]), body]);
}

/** What a wedge reader sends to type `text` then Enter: each key down, then all keys up. */
export function typeText(text: string, options: ReportOptions = {}): Buffer {
  const reports: Buffer[] = [];
  for (const char of text) {
    const key = usageOfChar(char);
    if (key === undefined) throw new Error(`no usage types ${JSON.stringify(char)}`);
    reports.push(report(key.shift ? LEFT_SHIFT : 0, [key.usage], options), report(0, [], options));
  }
  reports.push(report(0, [ENTER], options), report(0, [], options));
  return Buffer.concat(reports);
}
