import { randomUUID } from "node:crypto";
import type pg from "pg";
import { createLogger } from "../../../common/log";
import type { AttemptStore } from "../../auth/attempt-store";

const log = createLogger("store/postgres/attempts");

/** How often a node removes attempts past their window (each node does; deleting twice is harmless). */
const PRUNE_EVERY_MS = 5 * 60_000;

/**
 * Password attempts in the table `auth_attempts`, shared by every school and node of the
 * database. An attempt is counted and checked in one transaction holding an advisory lock per
 * key, so 200 parallel guesses spread over two nodes still meet the limit one by one. Only the
 * pruning deletes old rows (a reservation reads just the rows inside its window): readers and the
 * pruner never wait on each other's rows.
 */
export class PostgresAttemptStore implements AttemptStore {
  private lastPrune = 0;
  private longestWindowMs = 0;

  constructor(private readonly pool: pg.Pool) {}

  async add(
    counter: string,
    keys: readonly string[],
    at: number,
    windowMs: number,
    admit: (recent: number[][]) => void,
  ): Promise<string> {
    this.longestWindowMs = Math.max(this.longestWindowMs, windowMs);
    const id = randomUUID();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // Sorted, so two reservations of the same keys never lock them in opposite orders.
      for (const key of [...new Set(keys)].sort())
        await client.query("SELECT pg_advisory_xact_lock(hashtext('wanfeng attempts'), hashtext($1))", [
          `${counter}|${key}`,
        ]);
      const found = await client.query<{ key: string; at: Date }>(
        "SELECT key, at FROM auth_attempts WHERE counter = $1 AND key = ANY($2) AND at > $3",
        [counter, keys, new Date(at - windowMs)],
      );
      admit(keys.map((key) => found.rows.filter((r) => r.key === key).map((r) => r.at.getTime())));
      await client.query(
        "INSERT INTO auth_attempts (counter, key, attempt_id, at) SELECT $1, unnest($2::text[]), $3, $4",
        [counter, keys, id, new Date(at)],
      );
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    this.pruneNowAndThen(at);
    return id;
  }

  async remove(counter: string, keys: readonly string[], attemptId: string): Promise<void> {
    await this.pool.query(
      "DELETE FROM auth_attempts WHERE counter = $1 AND key = ANY($2) AND attempt_id = $3",
      [counter, keys, attemptId],
    );
  }

  private pruneNowAndThen(at: number): void {
    if (at - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = at;
    this.pool
      .query("DELETE FROM auth_attempts WHERE at <= $1", [new Date(at - this.longestWindowMs)])
      .catch((err: unknown) => log.warn({ err }, "pruning old password attempts failed"));
  }
}
