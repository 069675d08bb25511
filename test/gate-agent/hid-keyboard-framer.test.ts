import { describe, expect, it } from "vitest";
import type { HidKeyboardOptions } from "../../common/profiles/framing-options";
import type { Frame, FrameReject } from "../../gate-agent/framing";
import { HidKeyboardFramer } from "../../gate-agent/framing/hid-keyboard";
import { report, typeText } from "./helpers/hid-reports";

const BOOT: HidKeyboardOptions = { reportId: false, reportLength: 8, tabEnds: false, maxLength: 64 };
const ENTER = 0x28;
const SHIFT = 0x02;

async function run(
  chunks: Buffer[],
  options: Partial<HidKeyboardOptions> = {},
): Promise<{ texts: string[]; frames: Frame[]; rejects: FrameReject[] }> {
  const rejects: FrameReject[] = [];
  const framer = new HidKeyboardFramer({ ...BOOT, ...options }, (r) => rejects.push(r));
  const frames: Frame[] = [];
  framer.on("data", (f: Frame) => frames.push(f));
  const ended = new Promise((resolve) => framer.once("end", resolve));
  for (const chunk of chunks) framer.write(chunk);
  framer.end();
  await ended;
  return { texts: frames.map((f) => f.payload.toString("latin1")), frames, rejects };
}

describe("hid-keyboard framer", () => {
  it("types a card number ending in Enter, with every report of the reading as raw", async () => {
    const bytes = typeText("0006547886");
    const { texts, frames, rejects } = await run([bytes]);
    expect(texts).toEqual(["0006547886"]);
    // The key-up after Enter is not part of the reading: it has no key going down.
    expect(frames[0]?.raw.equals(bytes.subarray(0, bytes.length - 8))).toBe(true);
    expect(rejects).toEqual([]);
  });

  it('reads "11" as two ones thanks to the key-up between them', async () => {
    const { texts } = await run([typeText("1100")]);
    expect(texts).toEqual(["1100"]);
  });

  it("types a key held over several reports once", async () => {
    const held = report(0, [0x1e]);
    const { texts } = await run([held, held, held, report(0), report(0, [ENTER]), report(0)]);
    expect(texts).toEqual(["1"]);
  });

  it("decodes key-down transitions when a reader rolls from one key to the next without a key-up", async () => {
    // 1 down, then 1+2 (2 goes down), then 2 alone (1 goes up), then Enter.
    const { texts } = await run([
      report(0, [0x1e]),
      report(0, [0x1e, 0x1f]),
      report(0, [0x1f]),
      report(0, [ENTER]),
    ]);
    expect(texts).toEqual(["12"]);
  });

  it("joins reports split anywhere across chunks, one byte at a time", async () => {
    const bytes = Buffer.concat([typeText("123"), typeText("456")]);
    const { texts } = await run([...bytes].map((b) => Buffer.from([b])));
    expect(texts).toEqual(["123", "456"]);
  });

  it("applies Shift (left or right) for upper case and symbols", async () => {
    const { texts } = await run([
      report(SHIFT, [0x04]),
      report(0),
      report(0x20, [0x05]),
      report(0),
      report(0, [0x06]),
      report(0),
      report(SHIFT, [0x30]),
      report(0),
      report(0, [ENTER]),
    ]);
    expect(texts).toEqual(["ABc}"]);
  });

  it("types AIM ids and URLs for QR scanners", async () => {
    const { texts } = await run([typeText("]Q1https://x.cn/p?a=1&b=C_2")]);
    expect(texts).toEqual(["]Q1https://x.cn/p?a=1&b=C_2"]);
  });

  it("reads keypad digits and keypad Enter", async () => {
    const { texts } = await run([
      report(0, [0x62]),
      report(0),
      report(0, [0x59]),
      report(0),
      report(0, [0x58]),
    ]);
    expect(texts).toEqual(["01"]);
  });

  it("skips the report id byte when the device numbers its reports", async () => {
    const { texts, rejects } = await run([typeText("42", { reportId: 1 })], { reportId: true });
    expect(texts).toEqual(["42"]);
    expect(rejects).toEqual([]);
  });

  it("ends a reading at Tab only when told to; otherwise Tab is a character", async () => {
    const tabbed = [report(0, [0x1e]), report(0), report(0, [0x2b]), report(0)];
    expect((await run(tabbed, { tabEnds: true })).texts).toEqual(["1"]);
    expect((await run([...tabbed, report(0, [ENTER])])).texts).toEqual(["1\t"]);
  });

  it("rejects a reading with a key it cannot type, and reads the next one", async () => {
    const f1 = report(0, [0x3a]); // F1
    const bytes = Buffer.concat([report(0, [0x1e]), report(0), f1, report(0), report(0, [ENTER]), report(0)]);
    const { texts, rejects } = await run([bytes, typeText("7")]);
    expect(texts).toEqual(["7"]);
    expect(rejects.map((r) => r.reason)).toEqual(["unknown_key"]);
    expect(rejects[0]?.raw.length).toBe(5 * 8);
  });

  it("treats a key pressed with Ctrl as not text", async () => {
    const { texts, rejects } = await run([report(0x01, [0x04]), report(0), report(0, [ENTER])]);
    expect(texts).toEqual([]);
    expect(rejects.map((r) => r.reason)).toEqual(["unknown_key"]);
  });

  it("counts a report with a non-zero reserved byte as junk and keeps the key state", async () => {
    const junk = Buffer.from([0, 0x55, 0x1e, 0, 0, 0, 0, 0]);
    const { texts, rejects } = await run([report(0, [0x1e]), junk, report(0), report(0, [ENTER])]);
    expect(texts).toEqual(["1"]);
    expect(rejects).toEqual([{ reason: "junk", raw: junk }]);
  });

  it("keeps held keys through an ErrorRollOver report", async () => {
    const rollover = report(0, [1, 1, 1, 1, 1, 1]);
    const { texts } = await run([
      report(0, [0x1e]),
      rollover,
      report(0, [0x1e]),
      report(0),
      report(0, [ENTER]),
    ]);
    expect(texts).toEqual(["1"]);
  });

  it("ignores a bare Enter", async () => {
    const { texts, rejects } = await run([report(0, [ENTER]), report(0), report(0, [0x58]), report(0)]);
    expect(texts).toEqual([]);
    expect(rejects).toEqual([]);
  });

  it("rejects text longer than maxLength once, skips to its Enter, then reads on", async () => {
    const { texts, rejects } = await run([typeText("123456789"), typeText("12")], { maxLength: 4 });
    expect(texts).toEqual(["12"]);
    expect(rejects.map((r) => r.reason)).toEqual(["too_long"]);
  });

  it("bounds a reading that never types more keys but never ends", async () => {
    const noKeys = Array.from({ length: 100 }, () => report(SHIFT));
    const { rejects } = await run([report(0, [0x1e]), ...noKeys], { maxLength: 4 });
    expect(rejects.map((r) => r.reason)).toEqual(["too_long"]);
  });

  it("reports a reading without Enter at the end of the stream as incomplete", async () => {
    const { texts, rejects } = await run([typeText("12"), report(0, [0x1e]), Buffer.from([0, 0, 0])]);
    expect(texts).toEqual(["12"]);
    expect(rejects.map((r) => [r.reason, r.raw.length])).toEqual([["incomplete", 11]]);
  });

  it("passes repeated readings through: debounce is a later stage", async () => {
    const { texts } = await run([typeText("5"), typeText("5"), typeText("5")]);
    expect(texts).toEqual(["5", "5", "5"]);
  });
});
