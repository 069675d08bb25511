import { Transform, type TransformCallback } from "node:stream";
import type { HidKeyboardOptions } from "../../common/profiles/framing-options";
import {
  charOfUsage,
  ENTER,
  ERROR_ROLL_OVER,
  FIRST_REAL_KEY,
  KEYPAD_ENTER,
  NON_TEXT_MODIFIER_MASK,
  SHIFT_MASK,
  TAB,
} from "./hid-usages";
import type { Frame, FrameRejectReason, RejectListener } from "./types";

const EMPTY = Buffer.alloc(0);
/** Key slots start after the modifier and reserved bytes. */
const FIRST_KEY_SLOT = 2;
/** Usages 0xE0–0xE7 are the modifier keys themselves; some devices also list them as keys. */
const FIRST_MODIFIER_USAGE = 0xe0;
const LAST_MODIFIER_USAGE = 0xe7;
/**
 * A reading spans about two reports per character (key down, key up); a reading with many more
 * reports than that is not a scan, and its raw bytes must not grow without bound.
 */
const REPORTS_PER_KEY_LIMIT = 4;

/**
 * Turns the report stream into readings by key-down transitions: a key counts when it is in this
 * report and was not in the previous one. A reader types "11" as down, up, down, up; comparing
 * reports (rather than reading every report's keys) is what makes that two 1s and makes a report
 * repeated while a key is held type nothing.
 *
 * node-hid hands over one report per read; the framer still cuts the stream into fixed-size
 * reports itself so recorded fixtures and tests may split bytes anywhere.
 */
export class HidKeyboardFramer extends Transform {
  private pending: Buffer = EMPTY;
  private previousKeys: number[] = [];
  private text = "";
  private keyDowns = 0;
  private rawReports: Buffer[] = [];
  /** A key this framer cannot type was pressed: the reading is rejected when it ends. */
  private sawUnknownKey = false;
  /** The reading already went over maxLength and was rejected: skip keys until its Enter. */
  private skippingToEnd = false;

  constructor(
    private readonly options: HidKeyboardOptions,
    private readonly onReject: RejectListener = () => {},
  ) {
    super({ readableObjectMode: true });
  }

  private get wireReportLength(): number {
    return this.options.reportLength + (this.options.reportId ? 1 : 0);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let buf = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const size = this.wireReportLength;
    while (buf.length >= size) {
      this.onReport(buf.subarray(0, size));
      buf = buf.subarray(size);
    }
    // Copy so a kept partial report does not pin a large chunk in memory.
    this.pending = buf.length === 0 ? EMPTY : Buffer.from(buf);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    // A reading already rejected as too_long is not reported twice.
    const unfinished = (this.keyDowns > 0 && !this.skippingToEnd) || this.pending.length > 0;
    if (unfinished) this.reject("incomplete", Buffer.concat([...this.rawReports, this.pending]));
    this.pending = EMPTY;
    this.resetReading();
    callback();
  }

  private onReport(wire: Buffer): void {
    const report = this.options.reportId ? wire.subarray(1) : wire;
    // Byte 1 is reserved (always 0) in a boot keyboard report: anything else means a misaligned
    // stream or another kind of report. Skipped as junk, and the key state is left as it was.
    if (report[1] !== 0) {
      this.reject("junk", wire);
      return;
    }
    const modifiers = report[0] ?? 0;
    const keys = pressedKeys(report);
    // Too many keys at once: the report says "rollover" instead of keys; the held keys are unknown,
    // so keep the last known state rather than see every held key go down again afterwards.
    if (keys === undefined) return;
    const downs = keys.filter((k) => !this.previousKeys.includes(k));
    this.previousKeys = keys;

    let recorded = false;
    const record = () => {
      if (recorded || this.skippingToEnd) return;
      this.rawReports.push(Buffer.from(wire));
      recorded = true;
    };
    if (this.inReading()) record();
    for (const usage of downs) {
      record();
      this.onKeyDown(usage, modifiers);
      // A key after the terminator in the same report starts the next reading with this report.
      if (!this.inReading()) recorded = false;
    }
    if (this.inReading() && this.rawReports.length > this.options.maxLength * REPORTS_PER_KEY_LIMIT) {
      this.giveUpTooLong();
    }
  }

  private onKeyDown(usage: number, modifiers: number): void {
    if (usage === ENTER || usage === KEYPAD_ENTER || (usage === TAB && this.options.tabEnds)) {
      this.endReading();
      return;
    }
    if (this.skippingToEnd) return;
    this.keyDowns++;
    if (this.keyDowns > this.options.maxLength) {
      this.giveUpTooLong();
      return;
    }
    const char =
      (modifiers & NON_TEXT_MODIFIER_MASK) === 0
        ? charOfUsage(usage, (modifiers & SHIFT_MASK) !== 0)
        : undefined;
    if (char === undefined) this.sawUnknownKey = true;
    else this.text += char;
  }

  private endReading(): void {
    const raw = Buffer.concat(this.rawReports);
    if (this.skippingToEnd) {
      // Already rejected as too_long when it went over.
    } else if (this.sawUnknownKey) {
      this.reject("unknown_key", raw);
    } else if (this.text.length > 0) {
      const frame: Frame = { raw, payload: Buffer.from(this.text, "latin1") };
      this.push(frame);
    }
    // A bare Enter (no text) is not a reading and not an error: nothing to report.
    this.resetReading();
  }

  private giveUpTooLong(): void {
    this.reject("too_long", Buffer.concat(this.rawReports));
    this.text = "";
    this.rawReports = [];
    this.sawUnknownKey = false;
    this.skippingToEnd = true;
  }

  private inReading(): boolean {
    return this.keyDowns > 0 || this.skippingToEnd;
  }

  private resetReading(): void {
    this.text = "";
    this.keyDowns = 0;
    this.rawReports = [];
    this.sawUnknownKey = false;
    this.skippingToEnd = false;
  }

  private reject(reason: FrameRejectReason, bytes: Buffer): void {
    this.onReject({ reason, raw: Buffer.from(bytes) });
  }
}

/**
 * Keys down in a report, in slot order, without empty slots and modifier usages; undefined when
 * the report is an ErrorRollOver state.
 */
function pressedKeys(report: Buffer): number[] | undefined {
  const keys: number[] = [];
  for (let i = FIRST_KEY_SLOT; i < report.length; i++) {
    const usage = report[i] ?? 0;
    if (usage === ERROR_ROLL_OVER) return undefined;
    if (usage < FIRST_REAL_KEY) continue;
    if (usage >= FIRST_MODIFIER_USAGE && usage <= LAST_MODIFIER_USAGE) continue;
    if (!keys.includes(usage)) keys.push(usage);
  }
  return keys;
}
