import type { ConsoleFrame, DeviceStatusView, ReaderStatus } from "../../../protocol/technician";

/** Pure helpers for the technician screen; no DOM, no socket, so tests can call them directly. */

export const MAX_CONSOLE_LINES = 200;

export interface ConsoleLine {
  /** Increasing, for lit's repeat() keys (two frames may share a timestamp). */
  seq: number;
  frame: ConsoleFrame;
}

/** Newest first, at most MAX_CONSOLE_LINES. */
export function addConsoleLine(
  lines: readonly ConsoleLine[],
  frame: ConsoleFrame,
  seq: number,
): ConsoleLine[] {
  return [{ seq, frame }, ...lines].slice(0, MAX_CONSOLE_LINES);
}

/** Replaces the device with the same id in place, or appends it. */
export function upsertDevice(
  devices: readonly DeviceStatusView[],
  device: DeviceStatusView,
): DeviceStatusView[] {
  const index = devices.findIndex((d) => d.deviceId === device.deviceId);
  if (index < 0) return [...devices, device];
  const next = devices.slice();
  next[index] = device;
  return next;
}

/** "0230310d" → "02 30 31 0D": bytes as a datasheet prints them. */
export function spacedHex(rawHex: string): string {
  return (rawHex.toUpperCase().match(/../g) ?? []).join(" ");
}

export function badFrameTotal(reader: Pick<ReaderStatus, "badFrames">): number {
  return Object.values(reader.badFrames).reduce((sum, n) => sum + n, 0);
}

/** The reasons a reader's frames were skipped, most frequent first: "decoding:bad_checksum ×3". */
export function badFrameReasons(reader: Pick<ReaderStatus, "badFrames">): string[] {
  return Object.entries(reader.badFrames)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${reason} ×${n}`);
}

/** One row of the reader form; readerId stays empty for "the port's name". */
export interface ReaderDraft {
  readerId: string;
  profile: string;
  path: string;
}

/** The form starts from the server's configuration, or from what the agent reports running. */
export function readerDrafts(device: DeviceStatusView): ReaderDraft[] {
  const from = device.configuredReaders.length > 0 ? device.configuredReaders : device.readers;
  return from.map((r) => ({ readerId: r.readerId, profile: r.profile, path: r.path }));
}
