import pg from "pg";
import { createLogger } from "../../../common/log";

const log = createLogger("store/postgres/listen");

/** The channel every journal append notifies, in its transaction (so only committed appends are heard). */
export const EVENTS_CHANNEL = "wanfeng_events";

export interface AppendNotice {
  school: string;
  day: string;
  seq: number;
}

export interface AppendListenerOptions {
  /** First wait before reconnecting; doubles up to 10 s. */
  retryMs?: number;
}

/**
 * One connection that LISTENs on EVENTS_CHANNEL and hands each notice on. A pooled client cannot
 * listen (it goes back to the pool), so this is a client of its own. When the connection is lost
 * it reconnects with a growing wait and then calls `onReconnected`, so the journal can ask what it
 * missed: notices sent while nobody listened are gone.
 */
export class AppendListener {
  readonly #config: pg.ClientConfig;
  readonly #onNotice: (notice: AppendNotice) => void;
  readonly #onReconnected: () => void;
  readonly #retryMs: number;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  constructor(
    config: pg.ClientConfig,
    handlers: { onNotice: (notice: AppendNotice) => void; onReconnected: () => void },
    options: AppendListenerOptions = {},
  ) {
    this.#config = { ...config, application_name: "wanfeng journal listener" };
    this.#onNotice = handlers.onNotice;
    this.#onReconnected = handlers.onReconnected;
    this.#retryMs = options.retryMs ?? 500;
  }

  /** Resolves once listening (or after the first failure, which is retried in the background). */
  async start(): Promise<void> {
    await this.#connect(false);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(reconnecting: boolean): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client(this.#config);
    client.on("notification", (message) => {
      if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
      const notice = parseNotice(message.payload);
      if (notice) this.#onNotice(notice);
    });
    client.on("error", (err) => this.#lost(client, err));
    client.on("end", () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      this.#lost(client, err);
      return;
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#failures = 0;
    if (reconnecting) {
      log.info("journal listener reconnected; catching up");
      this.#onReconnected();
    }
  }

  #lost(client: pg.Client, err?: unknown): void {
    if (this.#closed || client.listenerCount("notification") === 0) return;
    // Both "error" and "end" may come for one loss: react once.
    client.removeAllListeners("notification");
    client.removeAllListeners("end");
    client.on("error", () => {});
    client.end().catch(() => undefined);
    if (this.#client === client) this.#client = undefined;
    const wait = Math.min(10_000, this.#retryMs * 2 ** this.#failures);
    this.#failures += 1;
    log.warn({ err: err ? { message: String(err) } : undefined, retryInMs: wait }, "journal listener lost");
    this.#retry = setTimeout(() => void this.#connect(true), wait);
    this.#retry.unref();
  }
}

function parseNotice(payload: string): AppendNotice | undefined {
  try {
    const value = JSON.parse(payload) as Partial<AppendNotice>;
    if (typeof value.school === "string" && typeof value.day === "string" && typeof value.seq === "number")
      return { school: value.school, day: value.day, seq: value.seq };
  } catch {
    // Someone else's NOTIFY on our channel: not ours to read.
  }
  log.warn({ payload }, "unreadable notice on the events channel: ignored");
  return undefined;
}

export interface AppendSubscriber {
  onNotice: (notice: AppendNotice) => void;
  onReconnected: () => void;
}

interface SharedListener {
  subscribers: Set<AppendSubscriber>;
  listener: AppendListener;
  started: Promise<void>;
}

/** One listening connection per pool, however many schools' journals a process opens on it. */
const sharedByPool = new WeakMap<pg.Pool, SharedListener>();

/**
 * Subscribes to every append notice heard on the pool's database (each journal keeps its own
 * school's). `started` resolves once listening; `unsubscribe` closes the connection with the last
 * subscriber.
 */
export function subscribeToAppends(
  pool: pg.Pool,
  subscriber: AppendSubscriber,
): { started: Promise<void>; unsubscribe: () => Promise<void> } {
  let shared = sharedByPool.get(pool);
  if (!shared) {
    const subscribers = new Set<AppendSubscriber>();
    const listener = new AppendListener(pool.options, {
      onNotice: (notice) => {
        for (const s of subscribers) s.onNotice(notice);
      },
      onReconnected: () => {
        for (const s of subscribers) s.onReconnected();
      },
    });
    shared = { subscribers, listener, started: listener.start() };
    sharedByPool.set(pool, shared);
  }
  const current = shared;
  current.subscribers.add(subscriber);
  return {
    started: current.started,
    async unsubscribe() {
      current.subscribers.delete(subscriber);
      if (current.subscribers.size > 0) return;
      if (sharedByPool.get(pool) === current) sharedByPool.delete(pool);
      await current.listener.close();
    },
  };
}
