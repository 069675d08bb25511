import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Pseudonymiser, pseudonymiseValue } from "../privacy/pseudonymise";
import { fsyncDirectory } from "./fs-durable";
import type { ChainLink } from "./journal-chain";
import { PRIVATE_FILE_MODE } from "./private-files";

/**
 * The file journal's side of a retention purge: which old day files still hold names, and
 * rewriting one with pseudonyms. Each line keeps its `chain` link as it was and is marked
 * `pseudonymised: <purge id>` (journal-chain.ts explains why the chain still verifies).
 */

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

export interface DayToPseudonymise {
  day: string;
  /** Lines not yet pseudonymised. */
  entries: number;
}

/** Day files before `cutoff` with lines not yet pseudonymised, oldest first. */
export async function daysToPseudonymise(dir: string, cutoff: string): Promise<DayToPseudonymise[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [] as string[];
    throw err;
  });
  const days = names
    .map((name) => DAY_FILE.exec(name)?.[1])
    .filter((d): d is string => d !== undefined && d < cutoff)
    .sort();
  const out: DayToPseudonymise[] = [];
  for (const day of days) {
    const lines = (await readFile(join(dir, `${day}.jsonl`), "utf-8")).split("\n").filter((l) => l.trim());
    const entries = lines.filter((line) => !isPseudonymised(line)).length;
    if (entries > 0) out.push({ day, entries });
  }
  return out;
}

function isPseudonymised(line: string): boolean {
  try {
    return typeof (JSON.parse(line) as { chain?: ChainLink }).chain?.pseudonymised === "string";
  } catch {
    return false;
  }
}

/**
 * Rewrites one day file (temp file, fsync, rename, fsync the folder). An unreadable line is kept
 * as it is: `audit verify` already names it, and a purge must not hide it.
 */
export async function pseudonymiseDay(
  dir: string,
  day: string,
  purgeId: string,
  pseudonym: Pseudonymiser,
): Promise<void> {
  const file = join(dir, `${day}.jsonl`);
  const lines = (await readFile(file, "utf-8")).split("\n");
  const rewritten = lines.map((line) =>
    line.trim() === "" ? line : pseudonymiseLine(line, purgeId, pseudonym),
  );
  const temp = `${file}.purge-${process.pid}`;
  await writeFile(temp, rewritten.join("\n"), { encoding: "utf-8", mode: PRIVATE_FILE_MODE, flush: true });
  await rename(temp, file);
  await fsyncDirectory(dirname(file));
}

function pseudonymiseLine(line: string, purgeId: string, pseudonym: Pseudonymiser): string {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { chain, ...event } = value as { chain?: ChainLink };
  if (chain?.pseudonymised) return line;
  // A line from before the chain gets the mark too, so the next purge passes it by.
  const link = { ...(chain ?? {}), pseudonymised: purgeId };
  return JSON.stringify({ ...(pseudonymiseValue(event, pseudonym) as object), chain: link });
}
