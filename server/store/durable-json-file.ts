import { createHash, type Hash } from "node:crypto";
import type { BigIntStats } from "node:fs";
import { type FileHandle, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { WanfengError } from "../../protocol";
import { fsyncDirectory } from "./fs-durable";
import { PRIVATE_FILE_MODE } from "./private-files";

/** The file's text with a stamp (inode, size, mtime in ns) that changes whenever it is replaced. */
export interface FileSnapshot {
  text: string;
  stamp: string;
}

/**
 * A lowdb adapter that writes like steno (temp file + rename, so a reader never sees half a
 * document) but also fsyncs the temp file before the rename and the directory after it. lowdb's
 * own JSONFile (steno) does not sync, and the spec says nothing acknowledged may be lost on a
 * power cut: a rename that is not yet on disk can leave a zero-length wanfeng.json behind.
 *
 * Writers in several processes share one temp file name: they must hold the document lock.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly filename: string;
  readonly #tempFilename: string;

  constructor(filename: string) {
    this.filename = filename;
    this.#tempFilename = join(dirname(filename), `.${basename(filename)}.tmp`);
  }

  /** The parsed JSON, or null when the file does not exist. Not validated: the caller does that. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.filename, "utf-8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    return parseJsonText<T>(text, this.filename);
  }

  /**
   * Text and stamp of one and the same version of the file (stat and read on one open handle, so
   * a rename in between cannot pair the stamp of one version with the text of another).
   */
  async readSnapshot(): Promise<FileSnapshot | null> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.filename, "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    try {
      const stats = await handle.stat({ bigint: true });
      const text = await handle.readFile("utf-8");
      return { text, stamp: stampOf(stats) };
    } finally {
      await handle.close();
    }
  }

  /**
   * The stamp alone (a stat, no read), or null when the file does not exist: enough to see that
   * the file is still the version last read or written, without reading megabytes to find out.
   */
  async readStamp(): Promise<string | null> {
    try {
      return stampOf(await stat(this.filename, { bigint: true }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async write(data: T): Promise<void> {
    await this.writeText(toJsonText(data));
  }

  /** One write path: a whole text is a single piece (its hash is not needed here). */
  async writeText(text: string): Promise<void> {
    await this.writePieces([text]);
  }

  /**
   * As writeText(pieces joined), written as the pieces come (gathered to ~64 KB per write), so
   * the whole text is never in memory; returns the sha256 (hex) of the text, as a hash of the
   * joined text would be.
   */
  async writePieces(pieces: Iterable<string>): Promise<string> {
    const hash = createHash("sha256");
    try {
      const handle = await open(this.#tempFilename, "w", PRIVATE_FILE_MODE);
      try {
        let pending = "";
        for (const piece of pieces) {
          pending += piece;
          if (pending.length < WRITE_CHARS) continue;
          await writeAndHash(handle, pending, hash);
          pending = "";
        }
        await writeAndHash(handle, pending, hash);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.#replace();
    } catch (err) {
      await unlink(this.#tempFilename).catch(() => undefined);
      throw err;
    }
    return hash.digest("hex");
  }

  async #replace(): Promise<void> {
    await rename(this.#tempFilename, this.filename);
    await fsyncDirectory(dirname(this.filename));
  }
}

const WRITE_CHARS = 64 * 1024;

async function writeAndHash(handle: FileHandle, text: string, hash: Hash): Promise<void> {
  if (text === "") return;
  const bytes = Buffer.from(text, "utf-8");
  hash.update(bytes);
  let written = 0;
  while (written < bytes.length) {
    written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
  }
}

function stampOf(stats: BigIntStats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

export function toJsonText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** JSON.parse whose failure is STORE_CORRUPT naming the file. */
export function parseJsonText<T>(text: string, filename: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new WanfengError("STORE_CORRUPT", `${filename} is not valid JSON: ${reason}`, {
      file: filename,
    });
  }
}
