import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { Router } from "express";
import { createLogger } from "../../common/log";
import { retentionRoutes } from "../http/retention-routes";
import type { Storage } from "../ports/storage";
import type { DocumentStorage } from "../store/document/storage";
import { filePurgeDeps } from "../store/file-purge";
import { documentPath } from "../store/lowdb-store";
import type { PurgeDeps } from "./purge";
import { startPurgeSchedule } from "./purge-schedule";

const log = createLogger("retention");

/** What the server's wiring hands over (a subset of its ServerOptions). */
export interface RetentionOptions {
  store: Storage;
  photosDir?: string | undefined;
  /** The purge's storage (e.g. PostgreSQL's); default: the file backend's when `store` is one. */
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
  const purge = options.purge ?? filePurgeDepsOf(options.store, options.photosDir);
  const routes = retentionRoutes(options.store, clock, purge);
  if (!purge) {
    log.warn(
      "this storage backend has no purge wired: personal data past its retention is not purged nightly",
    );
    return { routes, stop: () => {} };
  }
  return { routes, stop: startPurgeSchedule({ purge, store: options.store, clock }) };
}

/**
 * The file backend keeps its photos in `<dataDir>/photos` beside the document
 * (cli/start-command.ts), so the photos folder names the data folder the purge works on.
 */
function filePurgeDepsOf(store: Storage, photosDir: string | undefined): PurgeDeps | undefined {
  if (photosDir === undefined || !isDocumentStorage(store)) return undefined;
  const dataDir = dirname(photosDir);
  if (!existsSync(documentPath(dataDir))) return undefined;
  return filePurgeDeps(dataDir, store);
}

function isDocumentStorage(store: Storage): store is DocumentStorage {
  const doc = store as Partial<DocumentStorage>;
  return typeof doc.read === "function" && typeof doc.update === "function";
}
