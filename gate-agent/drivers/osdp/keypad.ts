import { OneTimer, type Timers } from "./timers";

export interface KeypadOptions {
  /** An entry left without a key for this long ends. */
  timeoutMs: number;
  /** What a timed-out entry does: dropped (default: a half-typed PIN is not sent) or sent. */
  onTimeout: "discard" | "submit";
}

/** Longest entry kept; beyond it the keys are nonsense (a stuck key) and the entry is dropped. */
const MAX_DIGITS = 32;

// OSDP sends digits as ASCII; '#' (Enter) as 0x0D and '*' (Clear) as 0x7F. Some readers send
// the ASCII '#' and '*' instead, so both are accepted.
const ENTER = new Set([0x0d, 0x23]);
const CLEAR = new Set([0x7f, 0x2a]);

/**
 * Collects osdp_KEYPAD digits into one code: Enter ends it, Clear starts over, a pause ends it
 * as the options say. The raw packets are kept so the code's report shows what the reader sent.
 */
export class KeypadEntry {
  private digits = "";
  private raw: string[] = [];
  private readonly timer: OneTimer;

  constructor(
    private readonly options: KeypadOptions,
    timers: Timers,
    private readonly onCode: (text: string, rawHex: string) => void,
  ) {
    this.timer = new OneTimer(timers);
  }

  keys(keys: Buffer, rawHex: string): void {
    this.raw.push(rawHex);
    for (const key of keys) {
      if (ENTER.has(key)) {
        this.finish();
      } else if (CLEAR.has(key)) {
        this.clear();
      } else if (key >= 0x30 && key <= 0x39) {
        this.digits += String.fromCharCode(key);
        if (this.digits.length > MAX_DIGITS) this.clear();
      }
    }
    if (this.digits === "") {
      this.timer.clear();
      this.raw = [];
    } else {
      // Enter in the middle of a packet started a new entry: it begins with this packet.
      if (this.raw.length === 0) this.raw.push(rawHex);
      this.timer.set(
        () => (this.options.onTimeout === "submit" ? this.finish() : this.clear()),
        this.options.timeoutMs,
      );
    }
  }

  clear(): void {
    this.digits = "";
    this.raw = [];
    this.timer.clear();
  }

  private finish(): void {
    const text = this.digits;
    const rawHex = this.raw.join("").slice(-4096);
    this.clear();
    if (text !== "") this.onCode(text, rawHex);
  }
}
