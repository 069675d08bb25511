import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Adapter, Low, Memory } from "lowdb";
import type { z } from "zod";
import { isWanfengError, WanfengError } from "../../protocol";
import { createLogger } from "../log";
import { DurableJsonFile } from "./durable-json-file";
import { type Db, DbSchema, type DocumentStore, emptyDb } from "./schema";

const log = createLogger("store");

export const DOCUMENT_FILE = "wanfeng.json";

export function documentPath(dataDir: string): string {
  return join(dataDir, DOCUMENT_FILE);
}

/**
 * True when the data folder has no document yet (missing folder, or a folder without
 * wanfeng.json): start-up uses this to tell a first start, e.g. to offer the demo school.
 */
export async function isFreshDataDir(dataDir: string): Promise<boolean> {
  try {
    await access(documentPath(dataDir));
    return false;
  } catch {
    return true;
  }
}

export interface OpenDocumentStoreOptions {
  /** The document to create when the file does not exist yet (default: emptyDb()). */
  initialDb?: Db;
}

/** Opens (or creates) `<dataDir>/wanfeng.json`, validated against DbSchema. */
export async function openDocumentStore(
  dataDir: string,
  options: OpenDocumentStoreOptions = {},
): Promise<DocumentStore> {
  await mkdir(dataDir, { recursive: true });
  const file = documentPath(dataDir);
  const adapter = new DurableJsonFile<Db>(file);
  const low = new Low<Db>(adapter, emptyDb());
  const loaded = await adapter.read();
  if (loaded === null) {
    const initial = validateOrThrow(options.initialDb ?? emptyDb(), "STORE_CORRUPT", file);
    await adapter.write(initial);
    log.info({ file }, "created a new document");
    low.data = initial;
  } else {
    low.data = validateOrThrow(loaded, "STORE_CORRUPT", file);
  }
  return new SerialisedStore(low, file);
}

/** An in-memory store (lowdb's Memory adapter) with the same validation and queueing, for tests. */
export function createMemoryStore(db?: Db): DocumentStore {
  return createStoreOnAdapter(new Memory<Db>(), db ?? emptyDb(), "memory");
}

/**
 * A store on any lowdb adapter; `initial` is validated and taken as the current document without
 * being written. Exposed so tests can inject an adapter whose writes fail.
 */
export function createStoreOnAdapter(adapter: Adapter<Db>, initial: Db, label: string): DocumentStore {
  const low = new Low<Db>(adapter, validateOrThrow(initial, "STORE_CORRUPT", label));
  return new SerialisedStore(low, label);
}

/**
 * Updates run one at a time, in call order: each change sees the result of the previous one, so
 * two requests can never interleave their read-modify-write. The change runs on a copy; the copy
 * becomes the current document only after it validated and was written.
 */
class SerialisedStore implements DocumentStore {
  readonly #low: Low<Db>;
  readonly #label: string;
  #queue: Promise<void> = Promise.resolve();

  constructor(low: Low<Db>, label: string) {
    this.#low = low;
    this.#label = label;
  }

  read(): Db {
    return this.#low.data;
  }

  update(change: (db: Db) => void): Promise<void> {
    const run = this.#queue.then(() => this.#apply(change));
    // A failed update must not block the ones queued behind it.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(change: (db: Db) => void): Promise<void> {
    const draft = structuredClone(this.#low.data);
    const result: unknown = change(draft);
    // An async change would keep editing the draft after it was validated and written.
    if (result instanceof Promise) {
      result.catch(() => undefined);
      throw new WanfengError("INTERNAL", "store.update() needs a synchronous change function");
    }
    const next = validateOrThrow(draft, "VALIDATION_FAILED", this.#label);
    try {
      // Written through the adapter, not low.write(), so read() keeps returning the old document
      // until the new one is on disk, and stays unchanged if the write fails.
      await this.#low.adapter.write(next);
    } catch (err) {
      if (isWanfengError(err)) throw err;
      log.error({ err, store: this.#label }, "document write failed");
      throw new WanfengError("STORE_WRITE_FAILED", `could not write ${this.#label}: ${String(err)}`);
    }
    this.#low.data = next;
  }
}

function validateOrThrow(value: unknown, code: "STORE_CORRUPT" | "VALIDATION_FAILED", label: string): Db {
  const result = DbSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  const list = issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ");
  const what = code === "STORE_CORRUPT" ? `${label} is invalid` : `update of ${label} rejected`;
  throw new WanfengError(code, `${what}: ${list}`, { file: label, issues });
}

/** `children[3].grade`, the way a person looks for it in the JSON file. */
export function formatPath(path: readonly z.core.$ZodIssue["path"][number][]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
