import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Adapter, Low, Memory } from "lowdb";
import { createLogger, type Logger } from "../../common/log";
import { WanfengError } from "../../protocol";
import type { StoreChange } from "../ports/changes";
import { applyChange, validateOrThrow, writeFailure } from "./apply-change";
import { ChangeAnnouncer } from "./change-announcer";
import { CHANGES_FOLDER } from "./change-record";
import { type DocumentStorage, documentStorage } from "./document/storage";
import { withDocumentLock } from "./document-lock";
import { DurableJsonFile, parseJsonText } from "./durable-json-file";
import { FileDocumentStore } from "./file-document-store";
import { openPassKeyFile } from "./pass-key-file";
import { PRIVATE_DIR_MODE } from "./private-files";
import { type Db, type DocumentStore, emptyDb } from "./schema";

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
  /** How long the folder must be quiet before a change by another process is read (default 50 ms). */
  watchDebounceMs?: number;
  /** Where the store reports, e.g. an ignored invalid edit (default: the "store" module logger). */
  log?: Logger;
}

/**
 * Opens (or creates) `<dataDir>/wanfeng.json`, validated against DbSchema, with every storage
 * port (server/ports) on it. The store is safe to
 * share with other processes opening the same folder (the server and CLI commands): see
 * FileDocumentStore.
 */
export async function openDocumentStore(
  dataDir: string,
  options: OpenDocumentStoreOptions = {},
): Promise<DocumentStorage> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = documentPath(dataDir);
  const adapter = new DurableJsonFile<Db>(file);
  let snapshot = await adapter.readSnapshot();
  if (snapshot === null) {
    snapshot = await withDocumentLock(file, async () => {
      // Another process may have created it while this one waited for the lock.
      const existing = await adapter.readSnapshot();
      if (existing) return existing;
      const initial = validateOrThrow(options.initialDb ?? emptyDb(), "STORE_CORRUPT", file);
      await adapter.write(initial);
      log.info({ file }, "created a new document");
      return adapter.readSnapshot();
    });
    if (snapshot === null)
      throw new WanfengError("STORE_WRITE_FAILED", `${file} vanished after it was created`);
  }
  const db = validateOrThrow(parseJsonText(snapshot.text, file), "STORE_CORRUPT", file);
  const store = new FileDocumentStore(adapter, db, snapshot, {
    debounceMs: options.watchDebounceMs ?? 50,
    changeRecordDir: join(dataDir, CHANGES_FOLDER),
    ...(options.log ? { log: options.log } : {}),
  });
  return documentStorage(store, await openPassKeyFile(dataDir, store));
}

/** An in-memory store (lowdb's Memory adapter) with the same validation and queueing, for tests. */
export function createMemoryStore(db?: Db): DocumentStorage {
  return createStoreOnAdapter(new Memory<Db>(), db ?? emptyDb(), "memory");
}

/**
 * A store on any lowdb adapter; `initial` is validated and taken as the current document without
 * being written. Exposed so tests can inject an adapter whose writes fail. Nobody else writes
 * behind its back, so it never reports an external change.
 */
export function createStoreOnAdapter(adapter: Adapter<Db>, initial: Db, label: string): DocumentStorage {
  const low = new Low<Db>(adapter, validateOrThrow(initial, "STORE_CORRUPT", label));
  return documentStorage(new SerialisedStore(low, label));
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
  readonly #changes = new ChangeAnnouncer(log);

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

  onExternalChange(): () => void {
    return () => undefined;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    return this.#changes.add(listener);
  }

  async #apply(change: (db: Db) => void): Promise<void> {
    const next = applyChange(this.#low.data, change, this.#label);
    try {
      // Written through the adapter, not low.write(), so read() keeps returning the old document
      // until the new one is on disk, and stays unchanged if the write fails.
      await this.#low.adapter.write(next);
    } catch (err) {
      throw writeFailure(err, this.#label, log);
    }
    const before = this.#low.data;
    this.#low.data = next;
    this.#changes.announce(before, next, false);
  }
}

export { formatPath } from "./apply-change";
