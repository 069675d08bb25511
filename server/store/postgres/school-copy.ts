import { randomUUID } from "node:crypto";
import type pg from "pg";
import { createLogger, type Logger } from "../../../common/log";
import type { StoreChange, StoreChangeKind } from "../../ports/changes";
import { applyChange } from "../apply-change";
import { type ChangeActor, currentActor } from "../change-actor";
import { changedKinds } from "../change-announcer";
import type { Db, DocumentStore } from "../schema";
import { notifyChange } from "./change-feed";
import { recordWrite } from "./change-record";
import { storeError } from "./db-errors";
import { loadSchool, reloadKinds, schoolLabel } from "./load";
import { subscribeToStore } from "./shared-listener";
import { bumpVersions, type KindVersions, lockSchool, readVersions, staleKinds } from "./versions";
import { writeChangedRows } from "./write-rows";

const defaultLog = createLogger("store/postgres");

/**
 * One school's data held in memory as the document the ports work on (server/store/document/),
 * so reads stay synchronous; the tables are the truth. A write locks the school, catches up with
 * what other processes committed, runs the change on a copy, writes the rows that differ, appends
 * to the change record (who, when, what kinds) and notifies the others, all in one transaction.
 * Writes and reloads of this process run one at a time, in call order.
 */
export class PostgresSchoolCopy implements DocumentStore {
  /** Tells this process's notifications from other processes'. */
  readonly #origin = randomUUID();
  readonly #label: string;
  #unsubscribe: () => Promise<void> = async () => undefined;
  readonly #changes = new Set<(change: StoreChange) => void>();
  readonly #external = new Set<() => void>();
  #db: Db | undefined;
  #versions: KindVersions = new Map();
  #queue: Promise<unknown> = Promise.resolve();
  #refreshQueued = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schoolId: string,
    private readonly log: Logger,
  ) {
    this.#label = schoolLabel(schoolId);
  }

  /** `log`: where the copy reports (default the "store/postgres" module logger). */
  static async open(pool: pg.Pool, schoolId: string, log = defaultLog): Promise<PostgresSchoolCopy> {
    const copy = new PostgresSchoolCopy(pool, schoolId, log.child({ schoolId }));
    // Listening before the first load, so no write committed in between goes unheard.
    copy.#unsubscribe = await subscribeToStore(
      pool,
      {
        notified: (n) => {
          if (n.schoolId === schoolId && n.origin !== copy.#origin) copy.#queueRefresh(false);
        },
        reconnected: () => {
          copy.log.info("reloading the school: notifications may have been missed");
          copy.#queueRefresh(true);
        },
      },
      log,
    );
    try {
      // Through the queue, so a notification heard meanwhile reloads after this load, not beside it.
      await copy.#enqueue(() => copy.#refresh(true));
    } catch (err) {
      await copy.#unsubscribe();
      throw err;
    }
    return copy;
  }

  read(): Db {
    if (!this.#db) throw new Error("school not loaded");
    return this.#db;
  }

  update(change: (db: Db) => void): Promise<void> {
    // Taken now: the queued write may run after the caller's context has moved on.
    const actor = currentActor();
    return this.#enqueue(() => this.#write(change, actor));
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.#changes.add(listener);
    return () => this.#changes.delete(listener);
  }

  onExternalChange(listener: () => void): () => void {
    this.#external.add(listener);
    return () => this.#external.delete(listener);
  }

  /** Stops listening and waits for the writes under way; the pool stays the caller's. */
  async close(): Promise<void> {
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = async () => undefined;
    await unsubscribe();
    await this.#queue;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    // A failed task must not block the ones queued behind it.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #queueRefresh(all: boolean): void {
    // One queued refresh reads whatever was committed before it runs: a burst needs only one.
    if (this.#refreshQueued && !all) return;
    this.#refreshQueued = true;
    this.#enqueue(async () => {
      this.#refreshQueued = false;
      await this.#refresh(all);
    }).catch((err) => this.log.error({ err }, "could not reload the school"));
  }

  /** Reads again the kinds other processes changed (`all`: everything), in one snapshot. */
  async #refresh(all: boolean): Promise<void> {
    const client = await this.pool.connect();
    let failed = false;
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const now = await readVersions(client, this.schoolId);
      const before = this.#db;
      let next = before;
      if (!before || all) next = await loadSchool(client, this.schoolId);
      else {
        const stale = staleKinds(this.#versions, now);
        if (stale.size > 0) next = await reloadKinds(client, this.schoolId, before, stale);
      }
      await client.query("COMMIT");
      // Taken in and announced together, so a reader never sees data not yet announced.
      this.#db = next;
      this.#versions = now;
      if (before && next) this.#announce(changedKinds(before, next), true);
    } catch (err) {
      failed = true;
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release(failed);
    }
  }

  async #write(change: (db: Db) => void, actor: ChangeActor): Promise<void> {
    const client = await this.pool.connect();
    // The change's own error (a refused step, a bad import row) reaches the caller as it is.
    let changeFailed = false;
    try {
      await client.query("BEGIN");
      await lockSchool(client, this.schoolId);
      await this.#catchUp(client);
      const current = this.read();
      changeFailed = true;
      const next = applyChange(current, change, this.#label);
      changeFailed = false;
      const kinds = await writeChangedRows(client, this.schoolId, current, next);
      // In the change's own transaction: the record holds exactly the changes that committed.
      await recordWrite(client, this.schoolId, actor, current, next);
      let versions = this.#versions;
      if (kinds.size > 0) {
        versions = await bumpVersions(client, this.schoolId, versions, kinds);
        await notifyChange(client, this.schoolId, this.#origin, kinds);
      }
      await client.query("COMMIT");
      this.#db = next;
      this.#versions = versions;
      this.#announce(kinds, false);
      client.release();
    } catch (err) {
      const rolledBack = await client.query("ROLLBACK").then(
        () => true,
        () => false,
      );
      client.release(!rolledBack);
      throw changeFailed ? err : storeError(err, this.#label, this.log);
    }
  }

  /**
   * Under the school's lock no other process can commit for it: reads what they committed since
   * this copy was loaded (committed data, so it is taken in and announced even if the change
   * then fails), and the change runs on current data.
   */
  async #catchUp(client: pg.ClientBase): Promise<void> {
    const now = await readVersions(client, this.schoolId);
    const stale = staleKinds(this.#versions, now);
    if (stale.size === 0) return;
    const before = this.read();
    this.#db = await reloadKinds(client, this.schoolId, before, stale);
    this.#versions = now;
    this.#announce(changedKinds(before, this.#db), true);
  }

  #announce(kinds: ReadonlySet<StoreChangeKind>, external: boolean): void {
    if (kinds.size === 0) return;
    for (const listener of this.#changes) {
      try {
        listener({ kinds, external });
      } catch (err) {
        this.log.error({ err }, "store change listener failed");
      }
    }
    if (external) for (const listener of this.#external) listener();
  }
}
