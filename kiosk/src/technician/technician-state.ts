import type { ConsoleFrame, DeviceStatusView, ReaderStatus } from "../../../protocol/technician";
import { hasKey, t } from "../i18n";

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

/** The reasons a reader's frames were skipped, most frequent first, in words: "checksum wrong ×3". */
export function badFrameReasons(reader: Pick<ReaderStatus, "badFrames">): string[] {
  return Object.entries(reader.badFrames)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${badFrameText(reason)} ×${n}`);
}

/**
 * A skipped frame's reason ("decoding:bad_checksum") in the screen's language; a reason this
 * screen does not know yet is called unreadable data, with the code for the technician's notes.
 */
export function badFrameText(reason: string): string {
  const key = `technician.badFrame.${reason.replace(":", "_")}`;
  return hasKey(key) ? t(key) : t("technician.badFrame.other", { reason });
}

/** What the operating system says about a port, in words; the raw text stays with the technician. */
const PORT_PROBLEMS: readonly [RegExp, string][] = [
  [/EACCES|permission denied/i, "technician.portProblem.permission"],
  [/ENOENT|no such file|not found|cannot find/i, "technician.portProblem.missing"],
  [/EBUSY|resource busy|temporarily unavailable|cannot lock|locked|in use/i, "technician.portProblem.busy"],
  [/PROFILE_/, "technician.portProblem.profile"],
];

export function portProblemText(problem: string): string {
  const key = PORT_PROBLEMS.find(([pattern]) => pattern.test(problem))?.[1] ?? "technician.portProblem.other";
  return t(key);
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
