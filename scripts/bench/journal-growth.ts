import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * What the server's journal takes per tap: the growth of its day files over the server's first
 * taps, divided by their number. The relay appends a line this long per tap, so its durable work
 * is the server's: the record of a tap (its events with their hash-chain links) is what the server
 * must have on the disk before it answers, and a longer synchronised write costs more.
 */
export class JournalGrowth {
  readonly #dir: string;
  #before: number | undefined;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async start(): Promise<void> {
    this.#before = await journalBytes(this.#dir);
  }

  /** Bytes per tap since start(), or undefined when nothing was measured. */
  async bytesPer(taps: number): Promise<number | undefined> {
    if (this.#before === undefined || taps <= 0) return undefined;
    const grown = (await journalBytes(this.#dir)) - this.#before;
    return grown > 0 ? Math.round(grown / taps) : undefined;
  }
}

async function journalBytes(dir: string): Promise<number> {
  const names = await readdir(dir).catch((): string[] => []);
  let total = 0;
  for (const name of names) if (name.endsWith(".jsonl")) total += (await stat(join(dir, name))).size;
  return total;
}
