import { open } from "node:fs/promises";

/**
 * fsync helpers. A rename or a new file is only durable once its directory entry is on disk, and
 * file data only once the file itself is synced: without both, a power cut can leave an empty or
 * missing file even though the write "succeeded".
 */

export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (err) {
    // Some file systems (and Windows) refuse to open or sync a directory; the data file itself is
    // synced already, so this is the best that can be done there.
    if (!isIgnorableDirSyncError(err)) throw err;
  } finally {
    await handle?.close();
  }
}

function isIgnorableDirSyncError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === "EISDIR" || code === "EPERM" || code === "EINVAL" || code === "ENOTSUP";
}
