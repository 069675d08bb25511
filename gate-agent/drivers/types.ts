import type { Reading } from "../../protocol/devices";

/**
 * A reader protocol: bytes from the device in, readings out. Passive readers (RDM6300, wedge
 * readers, scanners) only listen; active ones (PN532, OSDP) also write commands, poll and give
 * feedback. The pipeline around a driver adds debounce, counters and timestamps, the reader
 * around that keeps the port open, so a driver only knows its protocol.
 */
export interface DriverContext {
  readerId: string;
  /** Sends bytes to the device; rejects when the port is gone. */
  write(bytes: Buffer): Promise<void>;
  /** A decoded reading, before debounce; rawHex is the frame as the device sent it. */
  read(reading: Reading, rawHex: string): void;
  /** Bytes that could not be used: counted under `reason` (e.g. `framing:truncated`), never thrown. */
  reject(reason: string, rawHex: string, why: string): void;
  /** Junk between frames: counted, not a bad frame. */
  junk(byteCount: number): void;
  /** Epoch milliseconds; injected so tests need no sleeps. */
  now(): number;
}

/**
 * "wait": the tap is kept but nobody can decide it now (server unreachable, no fresh offline
 * cache): the person should neither walk on as accepted nor tap again as refused, but ask the guard.
 */
export type Feedback = "accept" | "refuse" | "wait";

export interface ReaderDriver {
  /** Bytes from the device. */
  onData(chunk: Buffer): void;
  /** The port is open: an active driver starts its set-up and poll loop here. */
  start(): void;
  /** The port closed or the reader stops: drop partial frames, stop timers. start() may follow. */
  stop(): void;
  /** Resolves once every byte written so far has been handled (tests, shutdown). */
  flush(): Promise<void>;
  /** Accept/refuse/wait signal (LED, buzzer) on readers that have one. */
  feedback?(kind: Feedback): Promise<void>;
}
