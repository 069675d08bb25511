import { createLogger, type Logger } from "../../common/log";
import { instantAt } from "../domain/schedule/zone-time";
import { schoolDay } from "../domain/school-day";
import type { RetentionStore } from "../ports/retention";
import type { RosterReader } from "../ports/roster";
import { runAs } from "../store/change-actor";
import { newPseudonymiser, type Pseudonymiser } from "./pseudonymise";
import { type PurgeDeps, planPurge, purgeSummary, runAndRememberPurge } from "./purge";

/**
 * The retention purge on a schedule (docs/decisions.md "Retention"): once per school day, at the
 * first check after PURGE_FROM on the school's clock, the server runs what `wanfeng purge` runs.
 * The day of the last run is kept in the data (settings.lastPurge), so a restart, a second check
 * or a `wanfeng purge` by hand the same day does not run it again. A failure is logged and the
 * next check tries again; nothing here throws into the server.
 */

/** Night on the school's clock: the day has rolled over and care is long over. */
export const PURGE_FROM = "02:00";
/** How often the schedule looks whether today's purge is due. */
export const PURGE_CHECK_MS = 10 * 60_000;

/** Who the change record names for a scheduled purge and its settings.lastPurge write. */
const SCHEDULED = { by: "system", action: "scheduled purge" };

export interface PurgeScheduleDeps {
  /** What the purge works on (the file backend's: filePurgeDeps). */
  purge: PurgeDeps;
  /** The school's time zone and the last run; where the run is remembered. */
  store: RosterReader & Pick<RetentionStore, "recordPurgeRun">;
  clock: () => Date;
  newPseudonymiser?: () => Pseudonymiser;
  log?: Logger;
}

/** What one check did. */
export type PurgeCheck = "not_yet" | "done_today" | "busy" | "ran" | "failed";

export class PurgeSchedule {
  #running = false;
  readonly #log: Logger;

  constructor(private readonly deps: PurgeScheduleDeps) {
    this.#log = deps.log ?? createLogger("purge-schedule");
  }

  async check(): Promise<PurgeCheck> {
    // A purge of many old journal days may outlast the interval: never two at once.
    if (this.#running) return "busy";
    this.#running = true;
    let day: string | undefined;
    try {
      const now = this.deps.clock();
      const { timezone, lastPurge } = this.deps.store.schoolRoster().settings;
      day = schoolDay(now, timezone);
      if (lastPurge !== undefined && lastPurge.day >= day) return "done_today";
      if (now < instantAt(day, PURGE_FROM, timezone)) return "not_yet";
      const today = day;
      const { purge } = this.deps;
      const outcome = purge.onlyOnce
        ? await purge.onlyOnce(today, () => this.run(today))
        : await this.run(today);
      return outcome === "skipped" ? "done_today" : "ran";
    } catch (err) {
      this.#log.error({ err, day }, "scheduled purge failed; the next check tries again");
      return "failed";
    } finally {
      this.#running = false;
    }
  }

  private async run(day: string): Promise<void> {
    const plan = await planPurge(this.deps.purge, day);
    const pseudonym = (this.deps.newPseudonymiser ?? newPseudonymiser)();
    const { purge, store, clock } = this.deps;
    const entry = await runAs(SCHEDULED, () => runAndRememberPurge(purge, store, plan, pseudonym, clock));
    this.#log.info(
      { day, changeId: entry?.id ?? null, ...purgeSummary(plan) },
      entry ? "scheduled purge removed personal data past its retention" : "scheduled purge: nothing due",
    );
  }
}

/** Checks every `everyMs` until the returned function is called; the timer keeps no process alive. */
export function startPurgeSchedule(deps: PurgeScheduleDeps, everyMs = PURGE_CHECK_MS): () => void {
  const schedule = new PurgeSchedule(deps);
  const timer = setInterval(() => void schedule.check(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
