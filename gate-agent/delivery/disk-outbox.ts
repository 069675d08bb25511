import { type FileHandle, mkdir, open, readFile, rename, truncate } from "node:fs/promises";
import { join } from "node:path";
import { createLogger } from "../../common/log";
import { type TapReport, TapReportSchema } from "../../protocol/devices";
import { WanfengError } from "../../protocol/errors";
import type { TapQueue } from "./queue";

const log = createLogger("gate-agent/outbox");

export const OUTBOX_FILE = "outbox.jsonl";
export const DEFAULT_OUTBOX_LIMIT = 10_000;
/** Above this share of the limit the technician screen shows an alarm. */
export const OUTBOX_NEAR_FULL = 0.8;

export type OutboxProblem =
  | { kind: "torn_line"; bytes: number }
  | { kind: "bad_line"; line: number }
  | { kind: "near_full"; size: number; limit: number }
  | { kind: "full"; limit: number }
  | { kind: "disk_error"; message: string };

export interface DiskOutboxOptions {
  dir: string;
  limit?: number;
  /** Rewrite the file once this many acknowledgements sit in it (and whenever it empties). */
  compactAfter?: number;
  onProblem?: (problem: OutboxProblem) => void;
}

/**
 * The agent's taps on disk, one JSON line each, appended and fsynced before enqueue() resolves:
 * whatever the agent logged as queued or answered at the reader survives a kill or a power cut.
 * An acknowledgement appends an `acked` line (not synced: a lost one only means the server sees
 * that id again and answers it as a duplicate). A torn last line, left by a crash in mid-write, is
 * cut off at start-up and reported; it never was acknowledged to anyone.
 */
export class DiskOutbox implements TapQueue {
  private readonly pending: TapReport[] = [];
  private readonly path: string;
  private readonly limit: number;
  private readonly compactAfter: number;
  private handle: FileHandle | undefined;
  private ackedInFile = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private nearFullReported = false;

  private constructor(private readonly options: DiskOutboxOptions) {
    this.path = join(options.dir, OUTBOX_FILE);
    this.limit = options.limit ?? DEFAULT_OUTBOX_LIMIT;
    this.compactAfter = options.compactAfter ?? 1000;
  }

  /** Reads what a previous run left; never throws for the disk (the reader then refuses taps). */
  static async open(options: DiskOutboxOptions): Promise<DiskOutbox> {
    const outbox = new DiskOutbox(options);
    try {
      await mkdir(options.dir, { recursive: true });
      await outbox.replay();
    } catch (err) {
      outbox.diskError(err);
    }
    return outbox;
  }

  size(): number {
    return this.pending.length;
  }

  /** When the oldest undelivered tap was read, for the technician's health view. */
  oldestAt(): string | undefined {
    return this.pending[0]?.at;
  }

  async peek(): Promise<TapReport | undefined> {
    return this.pending[0];
  }

  enqueue(report: TapReport): Promise<void> {
    return this.serially(async () => {
      if (this.pending.length >= this.limit) {
        this.problem({ kind: "full", limit: this.limit });
        throw new WanfengError("STORE_WRITE_FAILED", `outbox full (${this.limit} taps not delivered)`);
      }
      try {
        const handle = await this.appendHandle();
        await handle.write(`${JSON.stringify({ tap: report })}\n`);
        await handle.datasync();
      } catch (err) {
        await this.dropHandle();
        this.diskError(err);
        throw new WanfengError("STORE_WRITE_FAILED", `outbox not written: ${messageOf(err)}`);
      }
      this.pending.push(report);
      this.checkNearFull();
    });
  }

  remove(id: string): Promise<void> {
    return this.serially(async () => {
      const at = this.pending.findIndex((r) => r.id === id);
      if (at < 0) return;
      this.pending.splice(at, 1);
      try {
        const handle = await this.appendHandle();
        await handle.write(`${JSON.stringify({ acked: id })}\n`);
        this.ackedInFile++;
        if (this.pending.length === 0 || this.ackedInFile >= this.compactAfter) await this.compact();
      } catch (err) {
        // The tap was delivered; if its acked line is missing, a restart resends it as a duplicate.
        await this.dropHandle();
        this.diskError(err);
      }
      if (this.pending.length < this.limit * OUTBOX_NEAR_FULL) this.nearFullReported = false;
    });
  }

  async close(): Promise<void> {
    await this.serially(() => this.dropHandle());
  }

  private async replay(): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end < bytes.length) {
      const torn = bytes.length - end;
      log.error({ path: this.path, bytes: torn }, "outbox ends in a torn line (crash in mid-write), cut off");
      this.problem({ kind: "torn_line", bytes: torn });
      await truncate(this.path, end);
    }
    const acked = new Set<string>();
    const taps: TapReport[] = [];
    const lines = bytes.subarray(0, end).toString("utf8").split("\n");
    lines.forEach((line, index) => {
      if (line === "") return;
      const entry = parseLine(line);
      if (entry === undefined) {
        log.error({ path: this.path, line: index + 1 }, "unreadable outbox line skipped");
        this.problem({ kind: "bad_line", line: index + 1 });
      } else if ("acked" in entry) acked.add(entry.acked);
      else taps.push(entry.tap);
    });
    const seen = new Set<string>();
    for (const tap of taps) {
      if (acked.has(tap.id) || seen.has(tap.id)) continue;
      seen.add(tap.id);
      this.pending.push(tap);
    }
    this.ackedInFile = acked.size;
    if (this.pending.length > 0)
      log.info({ taps: this.pending.length }, "outbox replayed: taps from before the restart");
    if (acked.size > 0) await this.compact();
    this.checkNearFull();
  }

  /** Writes the pending taps to a new file and renames it over the old one, synced both ways. */
  private async compact(): Promise<void> {
    await this.dropHandle();
    const temporary = `${this.path}.tmp`;
    const handle = await open(temporary, "w");
    try {
      await handle.write(this.pending.map((tap) => `${JSON.stringify({ tap })}\n`).join(""));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
    await fsyncDirectory(this.options.dir);
    this.ackedInFile = 0;
  }

  private async appendHandle(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    const created = await open(this.path, "a");
    this.handle = created;
    await fsyncDirectory(this.options.dir);
    return created;
  }

  private async dropHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => {});
  }

  private checkNearFull(): void {
    if (this.nearFullReported || this.pending.length < this.limit * OUTBOX_NEAR_FULL) return;
    this.nearFullReported = true;
    log.warn({ size: this.pending.length, limit: this.limit }, "outbox nearly full");
    this.problem({ kind: "near_full", size: this.pending.length, limit: this.limit });
  }

  private diskError(err: unknown): void {
    log.error({ path: this.path, err }, "outbox disk error: taps are refused until it is writable");
    this.problem({ kind: "disk_error", message: messageOf(err) });
  }

  private problem(problem: OutboxProblem): void {
    this.options.onProblem?.(problem);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => {});
    return next;
  }
}

function parseLine(line: string): { tap: TapReport } | { acked: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if ("acked" in value && typeof value.acked === "string") return { acked: value.acked };
  if ("tap" in value) {
    const tap = TapReportSchema.safeParse(value.tap);
    if (tap.success) return { tap: tap.data };
  }
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A new or renamed file is durable only once its directory entry is synced too. */
async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => undefined);
  // Some file systems refuse to open or sync a directory; the file itself is synced already.
  await handle?.sync().catch(() => {});
  await handle?.close();
}
