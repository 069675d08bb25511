import { lock } from "proper-lockfile";
import { createLogger } from "../../common/log";
import { WanfengError } from "../../protocol";

const log = createLogger("store");

/**
 * A lock older than this is taken to be left by a killed process and is recovered. An update
 * holds the lock for milliseconds; proper-lockfile refreshes its mtime while it is held, so a
 * slow disk does not make a live holder look stale.
 */
const STALE_MS = 5_000;

/** Waits well past STALE_MS, so a stale lock is recovered rather than reported as busy. */
const RETRIES = { retries: 80, factor: 1.3, minTimeout: 10, maxTimeout: 200, randomize: true };

/**
 * Runs `work` holding `<file>.lock`, the exclusive lock every process (server and CLI) takes to
 * read-modify-write the document. A directory made with mkdir, so it works on any local disk;
 * proper-lockfile also removes it when the process exits and recovers it after kill -9.
 */
export async function withDocumentLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lock(file, {
      realpath: false,
      stale: STALE_MS,
      retries: RETRIES,
      onCompromised: (err) => log.error({ err, file }, "document lock taken over while held"),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new WanfengError("STORE_WRITE_FAILED", `${file} stays locked by another process`, { file });
    }
    throw new WanfengError("STORE_WRITE_FAILED", `could not lock ${file}: ${String(err)}`, { file });
  }
  try {
    return await work();
  } finally {
    // The work is done (or failed) either way; a lock that cannot be removed recovers as stale.
    await release().catch((err: unknown) => log.error({ err, file }, "could not release the document lock"));
  }
}
