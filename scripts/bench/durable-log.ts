import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";

/**
 * The relay's durable work, the same as the server's journal does per event batch: a synchronised
 * append (O_DSYNC: the write returns once the bytes are on the disk, as write + fdatasync),
 * group-committed (lines that arrive while a sync runs are written together
 * and share the next sync). `append` resolves only once its line is on disk.
 */
export class DurableLog {
  #pending: { line: string; resolve: () => void; reject: (err: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;
  #syncs = 0;
  #lines = 0;
  #bytes = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<DurableLog> {
    // As the server's journal opens its day files (server/store/file-journal.ts).
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_DSYNC ?? 0);
    return new DurableLog(await open(path, flags, 0o600));
  }

  get syncs(): number {
    return this.#syncs;
  }

  get lines(): number {
    return this.#lines;
  }

  get bytes(): number {
    return this.#bytes;
  }

  append(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ line: `${line}\n`, resolve, reject });
      this.#flushing ??= this.#flushLoop();
    });
  }

  async close(): Promise<void> {
    await this.#flushing;
    await this.handle.close();
  }

  async #flushLoop(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0);
        try {
          const data = Buffer.from(batch.map((p) => p.line).join(""), "utf-8");
          await this.handle.appendFile(data);
          if (constants.O_DSYNC === undefined) await this.handle.datasync();
          this.#syncs++;
          this.#lines += batch.length;
          this.#bytes += data.length;
          for (const p of batch) p.resolve();
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }
}
