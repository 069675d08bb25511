import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoreChangeKind } from "../ports/changes";
import type { ChangeActor } from "./change-actor";
import { changedKinds } from "./change-announcer";
import { chainedLine, headOf } from "./journal-chain";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./private-files";
import type { Db } from "./schema";

/**
 * The file backend's record of roster and configuration changes (issue 10 item 6):
 * `<dataDir>/changes/YYYY-MM.jsonl`, one line per change, chained exactly like the day journal
 * (journal-chain.ts; each month file is its own chain from GENESIS). An entry says who, when, what
 * action and which kinds of data changed, never the data itself: personal data in an append-only
 * record could not be purged. Writers hold the document lock, so the server and CLI commands
 * never interleave their appends.
 */

export const CHANGES_FOLDER = "changes";
export const CHANGE_FILE = /^(\d{4}-\d{2})\.jsonl$/;

export interface PurgeNote {
  /** Journal days whose names were replaced by pseudonyms. */
  journalDays: string[];
  /** Children whose photos and contact data were removed. */
  children: string[];
  photoFiles: number;
}

export interface ChangeEntry extends ChangeActor {
  id: string;
  /** ISO time of the change. */
  at: string;
  kinds: StoreChangeKind[];
  /** Set on the entry a purge writes (docs/decisions.md "Retention"). */
  purge?: PurgeNote;
}

export function newChangeEntry(
  actor: ChangeActor,
  at: Date,
  kinds: Iterable<StoreChangeKind>,
  purge?: PurgeNote,
): ChangeEntry {
  return {
    id: randomUUID(),
    at: at.toISOString(),
    by: actor.by,
    action: actor.action,
    kinds: [...kinds].sort(),
    ...(purge ? { purge } : {}),
  };
}

/**
 * The kinds a write between two versions of the document records: every kind that changed but a
 * login's session, which is neither roster nor configuration. None: the write is not recorded.
 * Both backends ask this (file-document-store.ts, postgres/school-copy.ts).
 */
export function recordedKinds(before: Db, after: Db): Set<StoreChangeKind> {
  const kinds = changedKinds(before, after);
  kinds.delete("sessions");
  return kinds;
}

/** The month an entry belongs to (`YYYY-MM`, by UTC): each month is its own chain, on either backend. */
export function changeMonth(entry: Pick<ChangeEntry, "at">): string {
  return entry.at.slice(0, 7);
}

/** Appends one entry to its month's file and syncs it. The caller holds the document lock. */
export async function appendChange(dir: string, entry: ChangeEntry): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = join(dir, `${changeMonth(entry)}.jsonl`);
  const text = await readFile(file, "utf-8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return "";
    throw err;
  });
  const handle = await open(file, "a", PRIVATE_FILE_MODE);
  try {
    // A torn last line (crash mid-append) is left for `audit verify` to report; start a fresh line.
    const lead = text !== "" && !text.endsWith("\n") ? "\n" : "";
    await handle.appendFile(lead + chainedLine(headOf(text), entry).line, "utf-8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The month files of the record, oldest first; none when the folder does not exist. */
export async function changeFiles(dir: string): Promise<{ month: string; file: string }[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [] as string[];
    throw err;
  });
  return names
    .map((name) => CHANGE_FILE.exec(name)?.[1])
    .filter((m): m is string => m !== undefined)
    .sort()
    .map((month) => ({ month, file: join(dir, `${month}.jsonl`) }));
}

/** Every readable entry, oldest first (the audit checks the chain; this is for reading). */
export async function readChanges(dir: string): Promise<ChangeEntry[]> {
  const entries: ChangeEntry[] = [];
  for (const { file } of await changeFiles(dir)) {
    for (const line of (await readFile(file, "utf-8")).split("\n")) {
      if (line.trim() === "") continue;
      try {
        entries.push(JSON.parse(line) as ChangeEntry);
      } catch {
        // `audit verify` names it.
      }
    }
  }
  return entries;
}
