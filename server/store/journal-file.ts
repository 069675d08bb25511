import { createReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { Logger } from "../../common/log";

/**
 * Reading and repairing one day's JSON-lines file. Kept apart from the group-commit logic in
 * file-journal.ts so each can be read on its own.
 */

/**
 * Cuts a torn last line (the process died mid-write, so the file does not end with "\n") so the
 * next append starts on a fresh line instead of gluing onto the fragment. Returns the file size
 * afterwards, 0 when the file does not exist.
 */
export async function repairTornTail(path: string, log: Logger): Promise<number> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r+");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return 0;
    const keep = await lengthThroughLastNewline(handle, size);
    if (keep === size) return size;
    await handle.truncate(keep);
    await handle.sync();
    log.warn(
      { file: path, bytesCut: size - keep },
      "journal ended in a torn line (crash mid-write): cut it off",
    );
    return keep;
  } finally {
    await handle.close();
  }
}

/** Bytes up to and including the last "\n", scanning backwards in chunks. */
async function lengthThroughLastNewline(handle: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
}

/**
 * Parses complete lines. A line that is not a JSON object with a string id and type is logged
 * with file:line and skipped: one bad line must never stop the server from starting the day.
 */
export function parseJournalLines<T>(text: string, path: string, log: Logger): T[] {
  const events: T[] = [];
  const lines = text.split("\n");
  // The part after the last "\n" is empty for a well-formed file.
  lines.pop();
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${path}:${index + 1}`;
    try {
      const value: unknown = JSON.parse(line);
      if (!looksLikeEvent(value)) {
        log.error({ where }, "journal line is not an event: skipped");
        return;
      }
      events.push(value as T);
    } catch (err) {
      log.error({ where, err: String(err) }, "journal line is not valid JSON: skipped");
    }
  });
  return events;
}

function looksLikeEvent(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === "string" && typeof record.type === "string" && typeof record.day === "string";
}

/**
 * Calls `visit` with each complete line of the file (without its newline), reading it in pieces
 * of 1 MiB rather than whole (a school day is ~10 MB of text). Text after the last newline is a
 * torn line and is not visited, as the journal's readers leave it.
 */
export async function forEachCompleteLine(path: string, visit: (line: string) => void): Promise<void> {
  let rest = "";
  for await (const piece of createReadStream(path, { encoding: "utf-8", highWaterMark: 1 << 20 })) {
    const text = rest + (piece as string);
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      visit(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
}
