import { type FSWatcher, watch } from "node:fs";
import { basename, dirname } from "node:path";
import { createLogger } from "../../common/log";

const log = createLogger("store");

export interface DocumentWatcher {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when `file` may have changed. Watches the folder, not the file:
 * writers replace the file by rename, and a watch on the old inode would go quiet after the
 * first write. Events for other files in the folder (journal, locks, temp file) are ignored; a
 * platform that gives no file name counts as a possible change, the caller compares contents.
 */
export function watchDocument(file: string, debounceMs: number, onChange: () => void): DocumentWatcher {
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const close = () => {
    clearTimeout(timer);
    watcher?.close();
    watcher = undefined;
  };
  // Not persistent: a CLI command that reads the store must still exit when it is done.
  watcher = watch(dirname(file), { persistent: false }, (_event, filename) => {
    if (filename !== null && filename !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  });
  watcher.on("error", (err) => {
    log.error({ err, file }, "cannot watch the data folder; changes by other processes are not seen");
    close();
  });
  return { close };
}
