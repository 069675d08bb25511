import pg from "pg";
import type { Logger } from "../../../common/log";
import { STORE_CHANGE_KINDS, type StoreChangeKind } from "../../ports/changes";

/** The channel every process writing a school's data notifies after a commit. */
export const STORE_CHANNEL = "wanfeng_store";

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

/** What a notification says: which school, which process (its origin id), which kinds. */
export interface StoreNotification {
  schoolId: string;
  origin: string;
  kinds: Set<StoreChangeKind>;
}

/** Sent inside the write's transaction, so PostgreSQL delivers it only if the write commits. */
export async function notifyChange(
  client: pg.ClientBase,
  schoolId: string,
  origin: string,
  kinds: ReadonlySet<StoreChangeKind>,
): Promise<void> {
  await client.query("SELECT pg_notify($1, $2)", [
    STORE_CHANNEL,
    `${schoolId}:${origin}:${[...kinds].join(",")}`,
  ]);
}

export function parseNotification(payload: string): StoreNotification | undefined {
  const [schoolId, origin, list] = payload.split(":");
  if (!schoolId || !origin || list === undefined) return undefined;
  const known = new Set<string>(STORE_CHANGE_KINDS);
  const kinds = list.split(",").filter((k): k is StoreChangeKind => known.has(k));
  return { schoolId, origin, kinds: new Set(kinds) };
}

export interface ListenerEvents {
  notified(notification: StoreNotification): void;
  /** The connection was lost and is back: notifications may have been missed meanwhile. */
  reconnected(): void;
}

/**
 * LISTENs on a connection of its own (a pooled one would be handed to queries). A lost connection
 * is logged and reopened, retrying with a growing pause, until close().
 */
export class StoreListener {
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly events: ListenerEvents,
    private readonly log: Logger,
  ) {}

  /** The first connection; its failure is the caller's (opening the storage fails). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ ...this.config, application_name: "wanfeng store listen" });
    const lost = (err?: Error) => this.#lost(client, err);
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (message) => {
      const notification = message.payload ? parseNotification(message.payload) : undefined;
      if (notification) this.events.notified(notification);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${STORE_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
  }

  #lost(client: pg.Client, err?: Error): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    this.log.warn(
      { err: err ? { message: err.message } : undefined, channel: STORE_CHANNEL },
      "store notifications lost; reconnecting",
    );
    client.end().catch(() => undefined);
    this.#scheduleReconnect(RETRY_FIRST_MS);
  }

  #scheduleReconnect(delayMs: number): void {
    this.#retry = setTimeout(async () => {
      if (this.#closed) return;
      try {
        await this.#connect();
      } catch (err) {
        this.log.warn(
          { err: { message: (err as Error).message }, retryInMs: delayMs },
          "store listen reconnect failed",
        );
        this.#scheduleReconnect(Math.min(delayMs * 2, RETRY_MAX_MS));
        return;
      }
      if (this.#closed) return;
      this.log.info({ channel: STORE_CHANNEL }, "store notifications back");
      this.events.reconnected();
    }, delayMs);
  }
}
