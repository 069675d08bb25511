import type { RetentionStore } from "../server/ports/retention";
import type { PurgeDeps } from "../server/privacy/purge";
import { photoFolder } from "../server/store/photo-folder";
import { redactedUrl } from "../server/store/postgres/pool";
import { postgresPurgeDeps } from "../server/store/postgres/purge";
import { openPostgresStorage } from "../server/store/postgres/storage";
import { onDatabase, openSchoolOnDatabase } from "./database-backend";
import { schoolPhotosDir } from "./paths";

/** A school on a database, as a purge works on it. */
export interface PurgeTarget {
  deps: PurgeDeps;
  /** Where the run is remembered (the nightly purge does not run again that day). */
  runs: Pick<RetentionStore, "recordPurgeRun">;
  timezone: string;
  /** The school and the database, without the URL's password. */
  where: string;
}

/**
 * Runs `work` on the school `--school` names (or the only one) of the database; the photo files
 * are this machine's, in `<dataDir>/photos/<school id>`. A dry run reads only; a purge migrates first.
 */
export async function onDatabaseSchool(
  options: { database: string; school?: string; dataDir: string; dryRun?: boolean },
  work: (target: PurgeTarget) => Promise<void>,
): Promise<void> {
  const url = options.database;
  await onDatabase(url, async () => {
    const opened = await openSchoolOnDatabase(url, options.school, "purge", { writes: !options.dryRun });
    const { pool, school } = opened;
    try {
      const storage = await openPostgresStorage(pool, school.id);
      try {
        // The school's photos on this node, as `wanfeng start --database` keeps them.
        const photos = photoFolder(schoolPhotosDir(options.dataDir, school.id));
        await work({
          deps: postgresPurgeDeps(pool, school.id, storage, photos),
          runs: storage,
          timezone: storage.schoolRoster().settings.timezone,
          where: `${school.name} on ${redactedUrl(url)}`,
        });
      } finally {
        await storage.close();
      }
    } finally {
      await pool.end();
    }
  });
}
