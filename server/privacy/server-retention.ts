import type { Router } from "express";
import { createLogger } from "../../common/log";
import { retentionRoutes } from "../http/retention-routes";
import type { Storage } from "../ports/storage";
import type { PurgeDeps } from "./purge";
import { startPurgeSchedule } from "./purge-schedule";

const log = createLogger("retention");

/** What the server's wiring hands over (a subset of its ServerOptions). */
export interface RetentionOptions {
  store: Storage;
  /** What the purge works on (the file backend's: `filePurgeDeps`); without it no nightly purge. */
  purge?: PurgeDeps | undefined;
}

/**
 * The retention settings' routes and the nightly purge, for startServer: one call there, one
 * `stop` at close. Without purge deps (a backend whose purge is not wired) the settings still
 * work and the purge stays with `wanfeng purge`.
 */
export function startRetention(
  options: RetentionOptions,
  clock: () => Date,
): { routes: Router; stop(): void } {
  const purge = options.purge;
  const routes = retentionRoutes(options.store, clock, purge);
  if (!purge) {
    log.warn(
      "this storage backend has no purge wired: personal data past its retention is not purged nightly",
    );
    return { routes, stop: () => {} };
  }
  return { routes, stop: startPurgeSchedule({ purge, store: options.store, clock }) };
}
