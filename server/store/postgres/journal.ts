import type pg from "pg";
import { createLogger } from "../../../common/log";
import { isCalendarDay, WanfengError } from "../../../protocol";
import {
  type AppendedListener,
  type AppendOptions,
  type DayEvent,
  type EventJournal,
  JournalConflictError,
  type SequencedEvent,
} from "../../domain/events";
import { EVENTS_CHANNEL, subscribeToAppends } from "./append-listener";
import { type ChainHead, EMPTY_CHAIN, linkAfter } from "./chain-rows";

const log = createLogger("store/postgres/journal");

/** Appends without an expectation that lost a race for the next seq try again this often. */
const UNEXPECTED_APPEND_TRIES = 5;
/** Days a listener is told about after a reconnection: the ones read or written lately. */
const WATCHED_DAYS = 7;

/**
 * The event journal of one school in the `events` table (migrations/0003_events.sql). Each append
 * is one transaction: it reads the day's head (last seq and hash), refuses a stale expectation,
 * inserts its rows at the next seqs with their chain hashes, and NOTIFYs the other nodes. Two
 * nodes that read the same head both insert the same (school, day, seq): the primary key lets one
 * commit and the other gets JournalConflictError, like Emmett's expected stream version.
 */
export async function openPostgresJournal(pool: pg.Pool, schoolId: string): Promise<PostgresJournal> {
  return new PostgresJournalImpl(pool, schoolId);
}

export interface PostgresJournal extends EventJournal {
  days(): Promise<string[]>;
  headHash(day: string): Promise<string>;
  readDaySince(day: string, seq: number): Promise<SequencedEvent[]>;
  onAppended(listener: AppendedListener): () => void;
  /** Resolves once the first subscription's LISTEN is in place (a notice before it would be missed). */
  listening(): Promise<void>;
}

class PostgresJournalImpl implements PostgresJournal {
  readonly #pool: pg.Pool;
  readonly #school: string;
  readonly #listeners = new Set<AppendedListener>();
  /** Day → the highest seq this journal has seen, for the catch-up after a lost connection. */
  readonly #watched = new Map<string, number>();
  #subscription: { started: Promise<void>; unsubscribe: () => Promise<void> } | undefined;
  #closed = false;

  constructor(pool: pg.Pool, schoolId: string) {
    this.#pool = pool;
    this.#school = schoolId;
  }

  async readDay(day: string): Promise<DayEvent[]> {
    return (await this.readDaySince(day, 0)).map((row) => row.event);
  }

  async readDaySince(day: string, seq: number): Promise<SequencedEvent[]> {
    checkDay(day);
    const result = await this.#pool.query<{ seq: number; payload: DayEvent }>(
      "SELECT seq, payload FROM events WHERE school_id = $1 AND day = $2 AND seq > $3 ORDER BY seq",
      [this.#school, day, seq],
    );
    const rows = result.rows.map((row) => ({ seq: row.seq, event: row.payload }));
    this.#watch(day, rows.at(-1)?.seq ?? seq);
    return rows;
  }

  async days(): Promise<string[]> {
    const result = await this.#pool.query<{ day: string }>(
      "SELECT DISTINCT day::text AS day FROM events WHERE school_id = $1 ORDER BY day",
      [this.#school],
    );
    return result.rows.map((row) => row.day);
  }

  async headHash(day: string): Promise<string> {
    checkDay(day);
    return (await readHead(this.#pool, this.#school, day)).hash;
  }

  async append(events: readonly DayEvent[], options: AppendOptions = {}): Promise<void> {
    if (this.#closed) throw new WanfengError("STORE_WRITE_FAILED", "journal is closed");
    if (events.length === 0) return;
    for (const event of events) checkDay(event.day);
    const byDay = groupByDay(events);
    if (options.expectedSeq !== undefined && byDay.size > 1)
      throw new WanfengError("VALIDATION_FAILED", "an append with an expected seq holds one day's events");
    for (let attempt = 1; ; attempt++) {
      try {
        const heads = await this.#appendOnce(byDay, options.expectedSeq);
        for (const [day, seq] of heads) this.#watch(day, seq);
        return;
      } catch (err) {
        const conflict = await this.#asConflict(err, events, options.expectedSeq);
        if (!conflict) {
          log.error({ err }, "journal append failed");
          throw new WanfengError("STORE_WRITE_FAILED", `journal write failed: ${String(err)}`);
        }
        // Without an expectation the events go wherever the end is now; a taken id never goes.
        const retry = options.expectedSeq === undefined && conflict.recordedIds.length === 0;
        if (!retry || attempt >= UNEXPECTED_APPEND_TRIES) throw conflict;
      }
    }
  }

  onAppended(listener: AppendedListener): () => void {
    this.#listeners.add(listener);
    if (!this.#subscription && !this.#closed) {
      this.#subscription = subscribeToAppends(this.#pool, {
        onNotice: (notice) => {
          if (notice.school === this.#school) this.#tell(notice.day, notice.seq);
        },
        onReconnected: () => void this.#catchUpWatched(),
      });
    }
    return () => this.#listeners.delete(listener);
  }

  async listening(): Promise<void> {
    await this.#subscription?.started;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    await this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }

  async #appendOnce(
    byDay: Map<string, DayEvent[]>,
    expectedSeq: number | undefined,
  ): Promise<Map<string, number>> {
    const client = await this.#pool.connect();
    const heads = new Map<string, number>();
    try {
      await client.query("BEGIN");
      for (const [day, dayEvents] of byDay) {
        const head = await readHead(client, this.#school, day);
        if (expectedSeq !== undefined && head.seq !== expectedSeq)
          throw new JournalConflictError(day, expectedSeq);
        const rows = linkAfter(head, dayEvents);
        await client.query(
          `INSERT INTO events (school_id, day, seq, event_id, type, payload, time, prev_hash, hash)
           SELECT $1, $2, r.seq, r.event_id, r.type, r.payload, r.time, r.prev_hash, r.hash
           FROM unnest($3::int[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[], $8::text[], $9::text[])
             AS r(seq, event_id, type, payload, time, prev_hash, hash)`,
          [
            this.#school,
            day,
            rows.map((r) => r.seq),
            rows.map((r) => r.entry.id),
            rows.map((r) => r.entry.type),
            rows.map((r) => JSON.stringify(r.entry)),
            rows.map((r) => r.entry.at),
            rows.map((r) => r.prev),
            rows.map((r) => r.hash),
          ],
        );
        const seq = head.seq + rows.length;
        heads.set(day, seq);
        await client.query("SELECT pg_notify($1, $2)", [
          EVENTS_CHANNEL,
          JSON.stringify({ school: this.#school, day, seq }),
        ]);
      }
      await client.query("COMMIT");
      return heads;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** A lost race for a seq or an id taken already, as JournalConflictError; anything else undefined. */
  async #asConflict(
    err: unknown,
    events: readonly DayEvent[],
    expectedSeq: number | undefined,
  ): Promise<JournalConflictError | undefined> {
    if (err instanceof JournalConflictError) return err;
    const { code, constraint } = err as { code?: string; constraint?: string };
    if (code !== "23505") return undefined;
    const day = events[0]?.day ?? "";
    if (constraint !== "events_event_id_key") return new JournalConflictError(day, expectedSeq);
    const taken = await this.#pool.query<{ event_id: string }>(
      "SELECT event_id FROM events WHERE school_id = $1 AND event_id = ANY($2::text[])",
      [this.#school, events.map((e) => e.id)],
    );
    return new JournalConflictError(
      day,
      expectedSeq,
      taken.rows.map((row) => row.event_id),
    );
  }

  #watch(day: string, seq: number): void {
    this.#watched.set(day, Math.max(seq, this.#watched.get(day) ?? 0));
    while (this.#watched.size > WATCHED_DAYS) {
      const oldest = [...this.#watched.keys()].sort()[0];
      if (oldest !== undefined) this.#watched.delete(oldest);
    }
  }

  #tell(day: string, seq: number): void {
    this.#watch(day, seq);
    for (const listener of this.#listeners) {
      try {
        listener({ day, seq });
      } catch (err) {
        log.error({ err }, "append listener failed");
      }
    }
  }

  /** After a lost connection: each watched day's head now, which the listeners compare with theirs. */
  async #catchUpWatched(): Promise<void> {
    for (const day of [...this.#watched.keys()]) {
      try {
        this.#tell(day, (await readHead(this.#pool, this.#school, day)).seq);
      } catch (err) {
        log.warn({ err, day }, "catching up after reconnection failed");
      }
    }
  }
}

async function readHead(db: pg.Pool | pg.PoolClient, school: string, day: string): Promise<ChainHead> {
  const result = await db.query<ChainHead>(
    "SELECT seq, hash FROM events WHERE school_id = $1 AND day = $2 ORDER BY seq DESC LIMIT 1",
    [school, day],
  );
  return result.rows[0] ?? EMPTY_CHAIN;
}

function groupByDay(events: readonly DayEvent[]): Map<string, DayEvent[]> {
  const byDay = new Map<string, DayEvent[]>();
  for (const event of events) byDay.set(event.day, [...(byDay.get(event.day) ?? []), event]);
  return byDay;
}

function checkDay(day: string): void {
  if (!isCalendarDay(day))
    throw new WanfengError("VALIDATION_FAILED", `event day must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
}
