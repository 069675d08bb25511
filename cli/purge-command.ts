import { schoolDay } from "../server/domain/school-day";
import { newPseudonymiser } from "../server/privacy/pseudonymise";
import { describePlan, isEmptyPlan, planPurge, runAndRememberPurge } from "../server/privacy/purge";
import { filePurgeDeps } from "../server/store/file-purge";
import { openDocumentStore } from "../server/store/lowdb-store";
import { dataDirFrom } from "./paths";

/**
 * `wanfeng purge [--dry-run]`: removes what the retention settings say is due (photos and
 * contact data of children withdrawn long enough, names in old journals); `--dry-run` lists it.
 */
export async function runPurgeCommand(options: { dataDir?: string; dryRun?: boolean }): Promise<void> {
  const dataDir = dataDirFrom(options.dataDir);
  const storage = await openDocumentStore(dataDir);
  const deps = filePurgeDeps(dataDir, storage);
  const today = schoolDay(new Date(), storage.schoolRoster().settings.timezone);
  const plan = await planPurge(deps, today);
  for (const line of describePlan(plan)) console.log(line);
  if (options.dryRun) {
    if (!isEmptyPlan(plan)) console.log("\ndry run: nothing was changed");
    return;
  }
  // Remembered as the day's run: the server's nightly schedule does not run it again today.
  const entry = await runAndRememberPurge(deps, storage, plan, newPseudonymiser(), () => new Date());
  if (entry) console.log(`\npurged; recorded in the change record as ${entry.id}`);
}
