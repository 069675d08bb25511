import { spawnSync } from "node:child_process";
import { chmod } from "node:fs/promises";

/**
 * Makes a folder nobody may write to; resolves with the undo. The tests run as root on the build
 * machine, where mode bits do not stop a write: the immutable attribute does (chattr, ext4/xfs);
 * as another user, mode 0555 does.
 */
export async function makeReadOnly(path: string): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) {
    await chmod(path, 0o555);
    return () => chmod(path, 0o755);
  }
  const set = spawnSync("chattr", ["+i", path]);
  if (set.status !== 0) throw new Error(`chattr +i failed: ${set.stderr.toString()}`);
  return async () => {
    spawnSync("chattr", ["-i", path]);
  };
}
