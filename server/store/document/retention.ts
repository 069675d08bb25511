import type { RetentionStore } from "../../ports/retention";
import type { DocumentStore } from "../schema";

/** The retention settings and the last purge run, in the document's settings. */
export function documentRetention(store: DocumentStore): RetentionStore {
  return {
    setRetention: (retention) =>
      store.update((db) => {
        db.settings.retention = { ...retention };
      }),
    recordPurgeRun: (run) =>
      store.update((db) => {
        const last = db.settings.lastPurge;
        // Two runs finishing out of order (the CLI beside the server) keep the later day.
        if (last && last.day > run.day) return;
        db.settings.lastPurge = { ...run };
      }),
  };
}
