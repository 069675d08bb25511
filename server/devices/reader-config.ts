import { basename } from "node:path";
import {
  type ConfigureReaders,
  MAX_CONFIGURED_READERS,
  type ReaderConfig,
  WanfengError,
} from "../../protocol";
import type { ProfileCatalog } from "./profile-catalog";

/**
 * Checks a technician's reader set-up before it is saved: every profile exists, every port is
 * named, ids are unique. A reader without an id gets the port's name, as `--reader` does.
 */
export async function checkReaderConfig(
  readers: ConfigureReaders["readers"],
  profiles: ProfileCatalog,
): Promise<ReaderConfig[]> {
  if (readers.length > MAX_CONFIGURED_READERS) {
    throw new WanfengError("VALIDATION_FAILED", `at most ${MAX_CONFIGURED_READERS} readers per device`);
  }
  const result: ReaderConfig[] = [];
  const ids = new Set<string>();
  for (const reader of readers) {
    const path = reader.path.trim();
    const profile = reader.profile.trim();
    if (path === "") throw new WanfengError("VALIDATION_FAILED", "a reader needs a port");
    if (!(await profiles.has(profile))) {
      throw new WanfengError("PROFILE_NOT_FOUND", `no hardware profile "${profile}"`, { profile });
    }
    const readerId = (reader.readerId?.trim() || basename(path) || path).slice(0, 64);
    if (ids.has(readerId)) {
      throw new WanfengError("VALIDATION_FAILED", `two readers share the id "${readerId}"`, { readerId });
    }
    ids.add(readerId);
    result.push({ readerId, profile, path });
  }
  return result;
}
