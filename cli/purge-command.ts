import { schoolDay } from "../server/domain/school-day";
import type { RetentionStore } from "../server/ports/retention";
import { newPseudonymiser } from "../server/privacy/pseudonymise";
import {
  describePlan,
  isEmptyPlan,
  type PurgeDeps,
  planPurge,
  runAndRememberPurge,
} from "../server/privacy/purge";
import { filePurgeDeps } from "../server/store/file-purge";
import { openDocumentStore } from "../server/store/lowdb-store";
import { type BackendOptions, checkFileSchool } from "./backend";
import { dataDirFrom } from "./paths";

/**
 * `wanfeng purge [--dry-run]`: removes what the retention settings say is due (photos and
 * contact data of children withdrawn long enough, names in old journals); `--dry-run` lists it.
 * The same plan and rules on a data folder and on a database (`--database`, `--school`).
 */
export async function runPurgeCommand(options: BackendOptions & { dryRun?: boolean }): Promise<void> {
  const dataDir = dataDirFrom(options.dataDir);
  if (options.database) {
    const { onDatabaseSchool } = await import("./database-purge");
    const { database, school, dryRun } = options;
    await onDatabaseSchool(
      { database, dataDir, ...(school !== undefined ? { school } : {}), ...(dryRun ? { dryRun } : {}) },
      async ({ deps, runs, timezone, where }) => {
        console.log(`school ${where}`);
        await purge(deps, runs, timezone, options.dryRun);
      },
    );
    return;
  }
  const storage = await openDocumentStore(dataDir);
  const { schoolName, timezone } = storage.schoolRoster().settings;
  checkFileSchool(schoolName, options.school);
  await purge(filePurgeDeps(dataDir, storage), storage, timezone, options.dryRun);
}

async function purge(
  deps: PurgeDeps,
  runs: Pick<RetentionStore, "recordPurgeRun">,
  timezone: string,
  dryRun: boolean | undefined,
): Promise<void> {
  const today = schoolDay(new Date(), timezone);
  const plan = await planPurge(deps, today);
  for (const line of describePlan(plan)) console.log(line);
  if (dryRun) {
    if (!isEmptyPlan(plan)) console.log("\ndry run: nothing was changed");
    return;
  }
  // Remembered as the day's run: the server's nightly schedule does not run it again today.
  const entry = await runAndRememberPurge(deps, runs, plan, newPseudonymiser(), () => new Date());
  if (entry) console.log(`\npurged; recorded in the change record as ${entry.id}`);
}
