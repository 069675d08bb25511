import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { createLogger, type Logger } from "../../common/log";
import { isWanfengError } from "../../protocol";
import type { StoreChange } from "../ports/changes";
import { applyChange, validateOrThrow, writeFailure } from "./apply-change";
import { type ChangeActor, currentActor } from "./change-actor";
import { ChangeAnnouncer } from "./change-announcer";
import { appendChange, newChangeEntry, recordedKinds } from "./change-record";
import { withDocumentLock } from "./document-lock";
import { type DocumentWatcher, watchDocument } from "./document-watcher";
import { type DurableJsonFile, type FileSnapshot, parseJsonText } from "./durable-json-file";
import { jsonChunks } from "./json-chunks";
import { PRIVATE_FILE_MODE } from "./private-files";
import type { Db, DocumentStore } from "./schema";

const defaultLog = createLogger("store");

/** The version of the file this process last read or wrote. */
interface Known {
  stamp: string;
  hash: string;
}

type Refresh = "unchanged" | "adopted" | "invalid";

export interface FileDocumentStoreOptions {
  /** How long the folder must be quiet before a change by another process is read. */
  debounceMs: number;
  log?: Logger;
  /** Where each change is recorded, chained, with who made it (change-record.ts); none: not recorded. */
  changeRecordDir?: string;
}

/**
 * The roster document shared by the running server and CLI commands run beside it. Every update
 * is a read-modify-write under the document lock: re-read the file if another process replaced
 * it, apply the change, write, release. Within one process updates still run one at a time, in
 * call order, so the lock is never contended by the process itself.
 */
export class FileDocumentStore implements DocumentStore {
  readonly #file: DurableJsonFile<Db>;
  readonly #debounceMs: number;
  readonly #log: Logger;
  #doc: Db;
  #known: Known;
  /** Hash of the invalid version last reported, so one bad edit is logged once. */
  #rejected: string | undefined;
  #queue: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<() => void>();
  readonly #changes: ChangeAnnouncer;
  #watcher: DocumentWatcher | undefined;
  readonly #changeRecordDir: string | undefined;

  constructor(file: DurableJsonFile<Db>, doc: Db, snapshot: FileSnapshot, options: FileDocumentStoreOptions) {
    this.#file = file;
    this.#doc = doc;
    this.#known = { stamp: snapshot.stamp, hash: hashOf(snapshot.text) };
    this.#debounceMs = options.debounceMs;
    this.#log = options.log ?? defaultLog;
    this.#changes = new ChangeAnnouncer(this.#log);
    this.#changeRecordDir = options.changeRecordDir;
  }

  read(): Db {
    return this.#doc;
  }

  update(change: (db: Db) => void): Promise<void> {
    // Taken now: the queued work may run after the caller's context has moved on.
    const actor = currentActor();
    return this.#enqueue(() => this.#apply(change, actor));
  }

  /** The folder is watched only while someone listens, so CLI commands start no watcher. */
  onExternalChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return this.#watchWhile(() => this.#listeners.delete(listener));
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    return this.#watchWhile(this.#changes.add(listener));
  }

  /** Starts the folder watcher if needed; the returned function unsubscribes and stops it when idle. */
  #watchWhile(unsubscribe: () => void): () => void {
    this.#watcher ??= watchDocument(this.#file.filename, this.#debounceMs, () => this.#onDiskEvent());
    return () => {
      unsubscribe();
      if (this.#listeners.size === 0 && this.#changes.size === 0) {
        this.#watcher?.close();
        this.#watcher = undefined;
      }
    };
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(work);
    // A failed step must not block the ones queued behind it.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #onDiskEvent(): void {
    this.#enqueue(async () => {
      const before = this.#doc;
      if ((await this.#refresh()) === "adopted") this.#notify(before, this.#doc);
    }).catch((err: unknown) =>
      this.#log.error({ err, file: this.#file.filename }, "re-reading the document failed"),
    );
  }

  async #apply(change: (db: Db) => void, actor: ChangeActor): Promise<void> {
    const file = this.#file.filename;
    const before = this.#doc;
    let adopted: Db | undefined;
    let written: Db | undefined;
    try {
      await withDocumentLock(file, async () => {
        const refreshed = await this.#refresh();
        if (refreshed === "adopted") adopted = this.#doc;
        const next = applyChange(this.#doc, change, file);
        if (refreshed === "invalid") await this.#keepRejected();
        try {
          // Written piece by piece: the whole text of a large school's document is never held.
          const hash = await this.#file.writePieces(jsonChunks(next));
          // Under the lock nobody else replaces the file, so this stamp is our own write's.
          this.#known = { stamp: (await this.#file.readStamp()) ?? "", hash };
        } catch (err) {
          throw writeFailure(err, file, this.#log);
        }
        this.#doc = next;
        written = next;
        await this.#record(actor, adopted ?? before, next);
      });
    } finally {
      // Listeners learn of another process's change even when this update itself failed.
      if (adopted) this.#notify(before, adopted);
      if (written) this.#changes.announce(adopted ?? before, written, false);
    }
  }

  /**
   * Appends the change to the change record, still under the lock. Logins (sessions) are not
   * roster or configuration. A failure is logged, not thrown: the document is written already,
   * and refusing the office's change now would only make the screen lie.
   */
  async #record(actor: ChangeActor, before: Db, after: Db): Promise<void> {
    if (!this.#changeRecordDir) return;
    const kinds = recordedKinds(before, after);
    if (kinds.size === 0) return;
    try {
      await appendChange(this.#changeRecordDir, newChangeEntry(actor, new Date(), kinds));
    } catch (err) {
      this.#log.error({ err, actor }, "could not append to the change record");
    }
  }

  /** Takes in the file when another process replaced it with a valid document. */
  async #refresh(): Promise<Refresh> {
    // Nearly always the file is the one this process last wrote: a stat says so without reading it.
    if ((await this.#file.readStamp()) === this.#known.stamp) return "unchanged";
    const snapshot = await this.#file.readSnapshot();
    // A deleted file keeps the document in memory; the next update writes it back.
    if (!snapshot || snapshot.stamp === this.#known.stamp) return "unchanged";
    const hash = hashOf(snapshot.text);
    if (hash === this.#known.hash) {
      this.#known = { stamp: snapshot.stamp, hash };
      return "unchanged";
    }
    let next: Db;
    try {
      next = validateOrThrow(
        parseJsonText(snapshot.text, this.#file.filename),
        "STORE_CORRUPT",
        this.#file.filename,
      );
    } catch (err) {
      if (!isWanfengError(err)) throw err;
      if (this.#rejected !== hash) {
        this.#rejected = hash;
        this.#log.error(
          { file: this.#file.filename, issues: err.details?.issues, reason: err.message },
          "ignored an invalid change to the document made outside this process; keeping the previous one",
        );
      }
      return "invalid";
    }
    this.#doc = next;
    this.#known = { stamp: snapshot.stamp, hash };
    this.#rejected = undefined;
    this.#log.info({ file: this.#file.filename }, "took in the document as changed by another process");
    return "adopted";
  }

  /** About to write over an invalid hand edit: keep a copy so the person can fix and redo it. */
  async #keepRejected(): Promise<void> {
    const snapshot = await this.#file.readSnapshot();
    if (!snapshot) return;
    const copy = `${this.#file.filename}.rejected-${Date.now()}`;
    await writeFile(copy, snapshot.text, { encoding: "utf-8", mode: PRIVATE_FILE_MODE });
    this.#log.error(
      { file: this.#file.filename, copy },
      "wrote over an invalid document; the invalid one is kept",
    );
  }

  /** Another process's change was taken in: from `before`, the document this process had, to `after`. */
  #notify(before: Db, after: Db): void {
    this.#changes.announce(before, after, true);
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch (err) {
        this.#log.error({ err }, "external-change listener failed");
      }
    }
  }
}

function hashOf(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
