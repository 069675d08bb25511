import { photoStem } from "../photos/photo-names";
import type { PhotoFiles } from "../ports/photos";
import type { RetentionStore } from "../ports/retention";
import type { RosterReader, RosterWriter } from "../ports/roster";
import type { ChangeEntry, PurgeNote } from "../store/change-record";
import type { DayToPseudonymise } from "../store/journal-pseudonyms";
import type { Pseudonymiser } from "./pseudonymise";
import {
  applyRosterPurge,
  journalCutoff,
  planRosterPurge,
  type Retention,
  type RosterPurgePlan,
  retentionOf,
} from "./retention-plan";

/**
 * `wanfeng purge [--dry-run]`: the retention rules applied (docs/decisions.md "Retention"). The
 * plan is what the dry run prints; the purge first records itself in the change record (so the
 * pseudonymised lines it leaves are accounted for even if it stops half-way), then pseudonymises
 * the old journal days, then removes the withdrawn children's photos and contact data.
 */

export interface PurgeJournal {
  daysBefore(cutoff: string): Promise<DayToPseudonymise[]>;
  pseudonymiseDay(day: string, purgeId: string, pseudonym: Pseudonymiser): Promise<void>;
}

export interface PurgeDeps {
  roster: RosterReader & RosterWriter;
  photos: PhotoFiles;
  journal: PurgeJournal;
  /** Appends the purge's own entry to the change record. */
  record(note: PurgeNote): Promise<ChangeEntry>;
  /**
   * Where several processes serve the school (nodes on one database), runs the nightly purge of
   * `day` in one of them only: `run` is not called (and "skipped" returned) when another holds it
   * or has already purged that day. Absent: this process is the only one.
   */
  onlyOnce?<T>(day: string, run: () => Promise<T>): Promise<T | "skipped">;
}

export interface PurgePlan extends RosterPurgePlan {
  today: string;
  retention: Retention;
  /** Journal days before this keep only pseudonyms. */
  journalCutoff: string;
  journalDays: DayToPseudonymise[];
}

export async function planPurge(
  deps: Pick<PurgeDeps, "roster" | "journal">,
  today: string,
): Promise<PurgePlan> {
  const roster = deps.roster.schoolRoster();
  const retention = retentionOf(roster);
  const cutoff = journalCutoff(today, retention.journalYears);
  return {
    today,
    retention,
    journalCutoff: cutoff,
    ...planRosterPurge(roster, today, retention),
    journalDays: await deps.journal.daysBefore(cutoff),
  };
}

export function isEmptyPlan(plan: PurgePlan): boolean {
  return plan.children.length === 0 && plan.guardians.length === 0 && plan.journalDays.length === 0;
}

/** Carries out the plan; returns the change record's purge entry, or undefined when nothing was due. */
export async function runPurge(
  deps: PurgeDeps,
  plan: PurgePlan,
  pseudonym: Pseudonymiser,
): Promise<ChangeEntry | undefined> {
  if (isEmptyPlan(plan)) return undefined;
  const photoFiles = [
    ...plan.children.filter((c) => c.removes.includes("photo")).map((c) => photoStem("child", c.childId)),
    ...plan.guardians
      .filter((g) => g.removes.includes("photo"))
      .map((g) => photoStem("guardian", g.guardianId)),
    ...plan.children.flatMap((c) => c.custodyPhotoStems ?? []),
  ];
  const entry = await deps.record({
    journalDays: plan.journalDays.map((d) => d.day),
    children: plan.children.map((c) => c.childId),
    photoFiles: photoFiles.length,
  });
  for (const { day } of plan.journalDays) await deps.journal.pseudonymiseDay(day, entry.id, pseudonym);
  await deps.roster.mergeRoster((parts) => applyRosterPurge(parts, plan));
  for (const stem of photoFiles) await deps.photos.removePhotos(stem);
  return entry;
}

/**
 * Runs the plan, then remembers the run (settings.lastPurge) even when nothing was due: the
 * nightly schedule does not run again that day, and the office's screen shows it.
 */
export async function runAndRememberPurge(
  deps: PurgeDeps,
  runs: Pick<RetentionStore, "recordPurgeRun">,
  plan: PurgePlan,
  pseudonym: Pseudonymiser,
  clock: () => Date,
): Promise<ChangeEntry | undefined> {
  const entry = await runPurge(deps, plan, pseudonym);
  await runs.recordPurgeRun({
    day: plan.today,
    at: clock().toISOString(),
    ...(entry ? { changeId: entry.id } : {}),
  });
  return entry;
}

/** What a purge removed, by ids only (a log line must not hold the names it removed). */
export function purgeSummary(plan: PurgePlan): {
  children: string[];
  guardians: string[];
  journalDays: string[];
} {
  return {
    children: plan.children.map((c) => c.childId),
    guardians: plan.guardians.map((g) => g.guardianId),
    journalDays: plan.journalDays.map((d) => d.day),
  };
}

/** The dry run's listing, one line per item, for a person. */
export function describePlan(plan: PurgePlan): string[] {
  const r = plan.retention;
  const lines = [
    `retention: photos and contact data ${r.withdrawnDataDays} days after withdrawal; journals ${r.journalYears} years (names before ${plan.journalCutoff} become pseudonyms)`,
  ];
  for (const c of plan.children) {
    lines.push(`child ${c.childId} ${c.name} (withdrawn from ${c.withdrawnFrom}): ${c.removes.join(", ")}`);
  }
  for (const g of plan.guardians) lines.push(`guardian ${g.guardianId} ${g.name}: ${g.removes.join(", ")}`);
  for (const d of plan.journalDays)
    lines.push(`journal ${d.day}: names in ${d.entries} entries → pseudonyms`);
  if (isEmptyPlan(plan)) lines.push("nothing is due");
  return lines;
}
