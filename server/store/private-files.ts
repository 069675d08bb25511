import { chmod, lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { createLogger } from "../../common/log";

const log = createLogger("store");

/**
 * The data folder holds password hashes, phones, health and custody notes and the pass key: only
 * the server's own user may read it. Folders 0700, files 0600, whatever the umask says.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Takes away group and other access from everything in the data folder (installs made before the
 * folder was private). Symlinks are left alone: their targets are not ours to change. Returns how
 * many entries were changed.
 */
export async function makeDataDirPrivate(dataDir: string): Promise<number> {
  if (process.platform === "win32") return 0;
  let changed = 0;
  const visit = async (path: string): Promise<void> => {
    const stat = await lstat(path).catch(() => undefined);
    if (!stat || stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((stat.mode & 0o777) !== wanted && (stat.mode & 0o077) !== 0) {
      await chmod(path, (stat.mode & 0o700) | (stat.isDirectory() ? 0o700 : 0));
      changed++;
    }
    if (stat.isDirectory()) {
      for (const name of await readdir(path)) await visit(join(path, name));
    }
  };
  await visit(dataDir);
  if (changed > 0) log.warn({ dataDir, changed }, "the data folder was readable by others: made private");
  return changed;
}
