import { constants } from "node:fs";
import { type FileHandle, mkdir, open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLogger, type Logger } from "../../common/log";
import { isCalendarDay, WanfengError } from "../../protocol";
import {
  type AppendOptions,
  type DayEvent,
  type EventJournal,
  JournalConflictError,
  type SequencedEvent,
} from "../domain/events";
import { fsyncDirectory } from "./fs-durable";
import { chainedLine, GENESIS, headOf, withoutLink } from "./journal-chain";
import { parseJournalLines, repairTornTail } from "./journal-file";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./private-files";

/**
 * Day files are opened for synchronised appends (O_DSYNC): a write returns once its bytes are
 * durable, which is what write + fdatasync gave, in one trip to the thread pool instead of two (a
 * tap waited for the event loop between them). Where the platform has no O_DSYNC, fdatasync.
 */
const WRITES_ARE_SYNCED = constants.O_DSYNC !== undefined;
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | (constants.O_DSYNC ?? 0);

/**
 * The append-only journal: one JSON-lines file per school day, `<dir>/YYYY-MM-DD.jsonl`.
 *
 * Group commit: while one batch is being written and synced, new appends wait in a queue; the next
 * batch takes all of them and pays for one fsync. Every append resolves only after the fsync that
 * covers its events, so nothing is acknowledged before it is on disk, and a busy gate costs a few
 * fsyncs per second instead of one per tap.
 *
 * One process writes the folder (server.lock), so an append's `expectedSeq` is checked here, in
 * write order: an append whose day has moved on is refused alone, the rest of its batch is written.
 * Nobody else appends, so `onAppended` never fires.
 */

export interface FileJournalOptions {
  /** Called after each fsync of a day file; tests count batches with it. */
  onSync?: (info: { file: string; events: number }) => void;
  log?: Logger;
}

export async function openFileJournal(dir: string, options: FileJournalOptions = {}): Promise<EventJournal> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return new FileJournal(dir, options);
}

interface Pending {
  events: readonly DayEvent[];
  expectedSeq?: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface DayFile {
  day: string;
  path: string;
  /** Bytes known to be synced: readers never see a batch that is still being written. */
  size: number;
  handle?: FileHandle;
  /** The hash of the last synced line, read from the file on first use. */
  head?: string;
  /** How many events the synced part holds (what readDay returns), counted on first use. */
  seq?: number;
}

/** A day file open for appending, its head known: a batch can be written to it at once. */
type WritableDayFile = DayFile & { handle: FileHandle; head: string };

function isWritable(file: DayFile | undefined): file is WritableDayFile {
  return file?.handle !== undefined && file.head !== undefined;
}

async function readHead(file: DayFile): Promise<string> {
  try {
    const bytes = await readFile(file.path);
    return headOf(bytes.subarray(0, file.size).toString("utf-8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return GENESIS;
    throw err;
  }
}

class FileJournal implements EventJournal {
  readonly #dir: string;
  readonly #options: FileJournalOptions;
  readonly #log: Logger;
  readonly #days = new Map<string, Promise<DayFile>>();
  /** The day files of #days once read: an append to one of them needs no await before writing. */
  readonly #open = new Map<string, DayFile>();
  #pending: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(dir: string, options: FileJournalOptions) {
    this.#dir = dir;
    this.#options = options;
    this.#log = options.log ?? createLogger("journal");
  }

  async readDay(day: string): Promise<DayEvent[]> {
    checkDay(day);
    const file = await this.#dayFile(day);
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    const text = bytes.subarray(0, file.size).toString("utf-8");
    return parseJournalLines<DayEvent>(text, file.path, this.#log).map(withoutLink);
  }

  async readDaySince(day: string, seq: number): Promise<SequencedEvent[]> {
    const events = await this.readDay(day);
    return events.slice(seq).map((event, index) => ({ seq: seq + index + 1, event }));
  }

  onAppended(): () => void {
    return () => {};
  }

  async days(): Promise<string[]> {
    const names = await readdir(this.#dir);
    return names
      .map((name) => /^(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name)?.[1])
      .filter((day): day is string => day !== undefined)
      .sort();
  }

  /** The hash of the day's last entry (what the sign-off records), GENESIS for an empty day. */
  async headHash(day: string): Promise<string> {
    checkDay(day);
    await this.#flushing;
    const file = await this.#dayFile(day);
    file.head ??= await readHead(file);
    return file.head;
  }

  append(events: readonly DayEvent[], options: AppendOptions = {}): Promise<void> {
    if (this.#closed) return Promise.reject(new WanfengError("STORE_WRITE_FAILED", "journal is closed"));
    if (events.length === 0) return Promise.resolve();
    try {
      for (const event of events) checkDay(event.day);
      if (options.expectedSeq !== undefined) checkOneDay(events);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ events, expectedSeq: options.expectedSeq, resolve, reject });
      this.#flushing ??= this.#flushLoop();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#flushing;
    const files = await Promise.allSettled(this.#days.values());
    this.#days.clear();
    this.#open.clear();
    for (const result of files) {
      if (result.status === "fulfilled") await result.value.handle?.close();
    }
  }

  async #flushLoop(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const waiting = this.#pending.splice(0);
        // Once a day file is open, counted and its head known (every append after the first), the
        // batch is admitted and its write started in this turn: an await here would queue it behind
        // the microtasks already waiting, such as the last round's screen messages.
        const batch = this.#seqsKnown(waiting) ? this.#admitKnown(waiting) : await this.#admit(waiting);
        const events = batch.flatMap((p) => p.events);
        try {
          const ready = this.#readyFile(events);
          await (ready ? this.#appendLines(ready, events) : this.#writeBatch(events));
          for (const p of batch) p.resolve();
        } catch (err) {
          this.#log.error({ err }, "journal write failed");
          const wrapped = new WanfengError("STORE_WRITE_FAILED", `journal write failed: ${String(err)}`);
          for (const p of batch) p.reject(wrapped);
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  /** Counts the days a batch touches (reading the file where not yet known), then admits it. */
  async #admit(batch: Pending[]): Promise<Pending[]> {
    const unreadable = new Map<string, unknown>();
    for (const day of new Set(batch.flatMap((p) => p.events.map((e) => e.day)))) {
      try {
        await this.#seqOf(day);
      } catch (err) {
        unreadable.set(day, err);
      }
    }
    const readable = batch.filter((pending) => {
      const day = pending.events.find((e) => unreadable.has(e.day))?.day;
      if (day === undefined) return true;
      pending.reject(
        new WanfengError("STORE_WRITE_FAILED", `journal read failed: ${String(unreadable.get(day))}`),
      );
      return false;
    });
    return this.#admitKnown(readable);
  }

  #seqsKnown(batch: readonly Pending[]): boolean {
    return batch.every((p) => p.events.every((e) => this.#open.get(e.day)?.seq !== undefined));
  }

  /** Refuses the appends whose day has moved on past their expectation; the others go on, in order. */
  #admitKnown(batch: readonly Pending[]): Pending[] {
    const admitted: Pending[] = [];
    const seqs = new Map<string, number>();
    const seqOf = (day: string): number => {
      const seq = seqs.get(day) ?? this.#open.get(day)?.seq;
      if (seq === undefined) throw new Error(`journal: ${day} is not counted yet`);
      return seq;
    };
    for (const pending of batch) {
      const counts = new Map<string, number>();
      for (const event of pending.events)
        counts.set(event.day, (counts.get(event.day) ?? seqOf(event.day)) + 1);
      const day = pending.events[0]?.day ?? "";
      if (pending.expectedSeq !== undefined && pending.expectedSeq !== seqOf(day)) {
        pending.reject(new JournalConflictError(day, pending.expectedSeq));
        continue;
      }
      for (const [d, count] of counts) seqs.set(d, count);
      admitted.push(pending);
    }
    return admitted;
  }

  async #seqOf(day: string): Promise<number> {
    const file = await this.#dayFile(day);
    file.seq ??= (await this.readDay(day)).length;
    return file.seq;
  }

  /** The open file all of `events` go to, when its head is known: nothing to wait for before writing. */
  #readyFile(events: readonly DayEvent[]): WritableDayFile | undefined {
    const day = events[0]?.day;
    if (day === undefined || events.some((e) => e.day !== day)) return undefined;
    const file = this.#open.get(day);
    return isWritable(file) ? file : undefined;
  }

  async #writeBatch(events: readonly DayEvent[]): Promise<void> {
    const byDay = new Map<string, DayEvent[]>();
    for (const event of events) byDay.set(event.day, [...(byDay.get(event.day) ?? []), event]);
    for (const [day, dayEvents] of byDay) {
      const file = await this.#openForAppend(day);
      file.head ??= await readHead(file);
      if (!isWritable(file)) throw new Error(`journal: ${day} is not open for appending`);
      await this.#appendLines(file, dayEvents);
    }
  }

  /** Writes one day's events to its open file; the write starts before the first await. */
  async #appendLines(file: WritableDayFile, events: readonly DayEvent[]): Promise<void> {
    // Each line carries the hash of the one before it (journal-chain.ts).
    let head = file.head;
    const lines = events.map((event) => {
      const chained = chainedLine(head, event);
      head = chained.hash;
      return chained.line;
    });
    const data = Buffer.from(lines.join(""), "utf-8");
    try {
      // appendFile on a handle loops until every byte is written; each write returns once its
      // bytes are on the disk (APPEND_FLAGS), or the datasync after it waits for that.
      await file.handle.appendFile(data);
      if (!WRITES_ARE_SYNCED) await file.handle.datasync();
    } catch (err) {
      // Forget the file: the next use repairs whatever part of this batch reached the disk.
      this.#forget(file.day);
      await file.handle.close().catch(() => undefined);
      throw err;
    }
    file.size += data.length;
    file.head = head;
    if (file.seq !== undefined) file.seq += lines.length;
    this.#options.onSync?.({ file: file.path, events: lines.length });
  }

  async #openForAppend(day: string): Promise<DayFile> {
    const file = await this.#dayFile(day);
    if (file.handle !== undefined) return file;
    try {
      file.handle = await open(
        file.path,
        APPEND_FLAGS | constants.O_CREAT | constants.O_EXCL,
        PRIVATE_FILE_MODE,
      );
      // A new file's directory entry must reach the disk too, or a power cut can lose the file.
      await fsyncDirectory(this.#dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      file.handle = await open(file.path, APPEND_FLAGS, PRIVATE_FILE_MODE);
    }
    return file;
  }

  #forget(day: string): void {
    this.#days.delete(day);
    this.#open.delete(day);
  }

  /** The day's file, its torn tail repaired once per process before anything reads or appends. */
  #dayFile(day: string): Promise<DayFile> {
    let file = this.#days.get(day);
    if (file === undefined) {
      const path = join(this.#dir, `${day}.jsonl`);
      file = repairTornTail(path, this.#log).then((size) => {
        const opened: DayFile = { day, path, size };
        this.#open.set(day, opened);
        return opened;
      });
      file.catch(() => this.#days.delete(day));
      this.#days.set(day, file);
    }
    return file;
  }
}

function checkOneDay(events: readonly DayEvent[]): void {
  const day = events[0]?.day;
  if (events.some((e) => e.day !== day)) {
    throw new WanfengError("VALIDATION_FAILED", "an append with an expected seq holds one day's events");
  }
}

/** The day names a file: anything but YYYY-MM-DD could escape the journal folder. */
function checkDay(day: string): void {
  if (!isCalendarDay(day)) {
    throw new WanfengError("VALIDATION_FAILED", `event day must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
}
