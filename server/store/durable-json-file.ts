import { open, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { WanfengError } from "../../protocol";
import { fsyncDirectory } from "./fs-durable";

/**
 * A lowdb adapter that writes like steno (temp file + rename, so a reader never sees half a
 * document) but also fsyncs the temp file before the rename and the directory after it. lowdb's
 * own JSONFile (steno) does not sync, and the spec says nothing acknowledged may be lost on a
 * power cut: a rename that is not yet on disk can leave a zero-length wanfeng.json behind.
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
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new WanfengError("STORE_CORRUPT", `${this.filename} is not valid JSON: ${reason}`, {
        file: this.filename,
      });
    }
  }

  async write(data: T): Promise<void> {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    try {
      await writeFile(this.#tempFilename, text, "utf-8");
      const handle = await open(this.#tempFilename, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(this.#tempFilename, this.filename);
      await fsyncDirectory(dirname(this.filename));
    } catch (err) {
      await unlink(this.#tempFilename).catch(() => undefined);
      throw err;
    }
  }
}
