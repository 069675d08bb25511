import type pg from "pg";
import type { Logger } from "../../../common/log";
import { type ListenerEvents, StoreListener } from "./change-feed";

interface Shared {
  subscribers: Set<ListenerEvents>;
  started: Promise<StoreListener>;
}

/** One LISTEN connection per pool, however many schools a process opens on it. */
const sharedByPool = new WeakMap<pg.Pool, Shared>();

/**
 * Subscribes `events` to the pool's store notifications, opening the listening connection with
 * the first subscriber. Resolves to the unsubscribe function, which closes the connection with
 * the last one.
 */
export async function subscribeToStore(
  pool: pg.Pool,
  events: ListenerEvents,
  log: Logger,
): Promise<() => Promise<void>> {
  let shared = sharedByPool.get(pool);
  if (!shared) {
    const subscribers = new Set<ListenerEvents>();
    const listener = new StoreListener(
      { ...pool.options },
      {
        notified: (n) => {
          for (const s of subscribers) s.notified(n);
        },
        reconnected: () => {
          for (const s of subscribers) s.reconnected();
        },
      },
      log,
    );
    const created: Shared = { subscribers, started: listener.start().then(() => listener) };
    shared = created;
    sharedByPool.set(pool, created);
    created.started.catch(() => {
      if (sharedByPool.get(pool) === created) sharedByPool.delete(pool);
    });
  }
  const { subscribers, started } = shared;
  // Counted before waiting, so a last subscriber leaving meanwhile does not close the connection.
  subscribers.add(events);
  let listener: StoreListener;
  try {
    listener = await started;
  } catch (err) {
    subscribers.delete(events);
    throw err;
  }
  return async () => {
    subscribers.delete(events);
    if (subscribers.size > 0) return;
    if (sharedByPool.get(pool)?.started === started) sharedByPool.delete(pool);
    await listener.close();
  };
}
