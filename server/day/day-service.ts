import { createLogger } from "../../common/log";
import type { ChildDayView, TapOutcome, TapReport, TapResult, ViewSnapshot } from "../../protocol";
import { WanfengError } from "../../protocol";
import { type ChildCommandKind, decideChildCommand } from "../domain/child-commands";
import { applyEvent, type DayState, replay } from "../domain/day-state";
import type { Device } from "../domain/entities";
import type { Actor, DayEvent, EventJournal } from "../domain/events";
import { isGateAlert } from "../domain/gate/gate-alerts";
import { gateBoard } from "../domain/gate/gate-views";
import { admitAfterSignOff } from "../domain/overview/sign-off";
import { plannedLeaveEvents } from "../domain/room/leaves";
import { roomDayView } from "../domain/room/room-view";
import { buildRosterIndex, type RosterIndex } from "../domain/roster-index";
import { rosterScheduleView } from "../domain/schedule/view";
import { schoolDay } from "../domain/school-day";
import { decideTap } from "../domain/tap-decision";
import { alertViews, childView, gateChildViews, groupChildViews, groupSummary } from "../domain/views";
import { seedEarlierPassUses } from "../passes/earlier-uses";
import type { LeaveStore, PassStore } from "../ports/care";
import type { ChangeFeed, StoreChange, StoreChangeKind } from "../ports/changes";
import type { RosterReader } from "../ports/roster";

const log = createLogger("day-service");

/** The stored data buildRosterIndex reads: a change to any of it rebuilds the index. */
const ROSTER_INDEX_KINDS: ReadonlySet<StoreChangeKind> = new Set([
  "settings",
  "roster",
  "cards",
  "users",
  "devices",
  "schedule",
  "enrolments",
  "duties",
]);

export interface DayServiceDeps {
  store: RosterReader & PassStore & LeaveStore & ChangeFeed;
  journal: EventJournal;
  clock: () => Date;
  newId: () => string;
}

/** Told about events once they are durable, with the roster and state they produced. */
export type DayListener = (events: readonly DayEvent[], roster: RosterIndex, state: DayState) => void;

/**
 * Lets something other than the gate rules take a tap (a technician enrolling a card on that
 * device). Returns undefined to leave the tap to the rules, or the work that records it: given the
 * school day, it yields the result and the events (the tap:received first).
 */
export type TapClaim = (
  device: Device,
  report: TapReport,
  now: Date,
) => ((day: string) => Promise<{ result: TapResult; events: DayEvent[] }>) | undefined;

/**
 * Owns today's state. Each call decides and folds in synchronously (so the next decision sees
 * it), then waits for the journal's fsync; only after that is anything acknowledged or shown.
 */
export class DayService {
  private roster: RosterIndex;
  private state: DayState;
  private loading: Promise<void> | undefined;
  /** Taps decided but not yet durable: a retry of one waits for it instead of answering early. */
  private readonly pendingTaps = new Map<string, Promise<void>>();
  private readonly listeners = new Set<DayListener>();
  private readonly dayStartListeners = new Set<() => void>();
  private tapClaim: TapClaim | undefined;
  private stopWatchingStore: (() => void) | undefined;

  private constructor(
    private readonly deps: DayServiceDeps,
    state: DayState,
  ) {
    // Who is expected depends on the day (enrolment dates, special care): see domain/enrolment.ts.
    this.roster = buildRosterIndex(deps.store.schoolRoster(), state.day);
    this.state = state;
  }

  static async open(deps: DayServiceDeps): Promise<DayService> {
    const timezone = deps.store.schoolRoster().settings.timezone;
    const day = schoolDay(deps.clock(), timezone);
    const state = await rebuildDay(deps, day);
    log.info({ day, taps: state.taps.size, children: state.children.size }, "day state rebuilt from journal");
    const service = new DayService(deps, state);
    // Admin pages, the technician screen and CLI commands beside the server all change the roster.
    service.stopWatchingStore = deps.store.onChange((change) => service.storeChanged(change));
    await service.recordPlannedLeaves();
    return service;
  }

  close(): void {
    this.stopWatchingStore?.();
  }

  onEvents(listener: DayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told when a new school day starts or the roster changed: screens reload. */
  onViewsStale(listener: () => void): () => void {
    this.dayStartListeners.add(listener);
    return () => this.dayStartListeners.delete(listener);
  }

  private storeChanged(change: StoreChange): void {
    if (![...change.kinds].some((kind) => ROSTER_INDEX_KINDS.has(kind))) return;
    this.roster = buildRosterIndex(this.deps.store.schoolRoster(), this.state.day);
    for (const l of this.dayStartListeners) l();
  }

  /** See TapClaim; one claimant (the enrolment service). */
  setTapClaim(claim: TapClaim | undefined): void {
    this.tapClaim = claim;
  }

  get currentRoster(): RosterIndex {
    return this.roster;
  }

  get currentDay(): string {
    return this.state.day;
  }

  /** When a member of staff signed in today, if they are signed in now (考勤). */
  async staffSignedInAt(userId: string): Promise<string | undefined> {
    await this.ensureToday();
    return this.state.staffOnDuty.get(userId);
  }

  /** The server's clock, for answers that tell a device the time (its clock offset). */
  now(): Date {
    return this.deps.clock();
  }

  /** `clockOffsetMs`: server minus that device's clock, to date the tap when the card was read. */
  async handleTap(device: Device, report: TapReport, clockOffsetMs = 0): Promise<TapOutcome> {
    await this.ensureToday();
    // A claimed tap is not in the state until its card is bound: a retry waits for that first.
    const inFlight = this.pendingTaps.get(report.id);
    if (inFlight && !this.state.taps.has(report.id)) await inFlight.catch(() => {});
    const known = this.state.taps.get(report.id);
    if (known) {
      await this.pendingTaps.get(report.id);
      return { tapId: report.id, duplicate: true, result: known };
    }
    const claimed = this.tapClaim?.(device, report, this.deps.clock());
    if (claimed) return this.commitClaimedTap(report, claimed);
    const decision = decideTap({
      roster: this.roster,
      state: this.state,
      device,
      report,
      now: this.deps.clock(),
      clockOffsetMs,
      passes: this.deps.store.passBook(),
    });
    const durable = this.commit(decision.events);
    this.pendingTaps.set(report.id, durable);
    try {
      await durable;
    } finally {
      this.pendingTaps.delete(report.id);
    }
    return { tapId: report.id, duplicate: false, result: decision.result };
  }

  private async commitClaimedTap(
    report: TapReport,
    claimed: (day: string) => Promise<{ result: TapResult; events: DayEvent[] }>,
  ): Promise<TapOutcome> {
    const work = claimed(this.state.day).then(async ({ result, events }) => {
      await this.commit(events);
      return result;
    });
    const settled = work.then(() => {});
    // A retry awaits `settled`; the failure itself reaches this caller through `work`.
    settled.catch(() => {});
    this.pendingTaps.set(report.id, settled);
    try {
      return { tapId: report.id, duplicate: false, result: await work };
    } finally {
      if (this.pendingTaps.get(report.id) === settled) this.pendingTaps.delete(report.id);
    }
  }

  async runChildCommand(kind: ChildCommandKind, childId: string, actor: Actor): Promise<ChildDayView> {
    await this.ensureToday();
    // After the sign-off a child still in school may be released and collected, flagged; a
    // check-in is refused (commit → admitAfterSignOff).
    const event = decideChildCommand({
      kind,
      childId,
      roster: this.roster,
      state: this.state,
      actor,
      eventId: this.deps.newId(),
      now: this.deps.clock(),
    });
    await this.commit([event]);
    const view = childView(this.roster, this.state, childId);
    if (!view) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
    return view;
  }

  /**
   * Decides against today's state and records what was decided, for commands that are not taps
   * (a pass's short code typed by the guard, a sign-off, a staff sign-in). `decide` must be pure,
   * like the tap rules, and makes its own checks.
   */
  async recordDecision<T>(
    decide: (roster: RosterIndex, state: DayState, now: Date) => { result: T; events: DayEvent[] },
  ): Promise<T> {
    await this.ensureToday();
    const { result, events } = decide(this.roster, this.state, this.deps.clock());
    if (events.length > 0) await this.commit(events);
    return result;
  }

  /** Reads today's state without changing it (e.g. which passes are used). */
  async inspect<T>(read: (roster: RosterIndex, state: DayState) => T): Promise<T> {
    await this.ensureToday();
    return read(this.roster, this.state);
  }

  /** `version` is read together with the state: the update stream's position the snapshot includes. */
  async groupSnapshot(groupId: string, version: () => number): Promise<ViewSnapshot> {
    await this.ensureToday();
    const group = groupSummary(this.roster, groupId);
    if (!group) throw new WanfengError("NOT_FOUND", `no group ${groupId}`);
    return {
      ...this.snapshotBase(),
      version: version(),
      group,
      children: groupChildViews(this.roster, this.state, groupId),
      alerts: [],
      schedule: rosterScheduleView(this.roster, this.state.day, groupId),
      room: roomDayView(this.roster, this.state, groupId, this.deps.store.leaves()),
    };
  }

  async gateSnapshot(version: () => number): Promise<ViewSnapshot> {
    await this.ensureToday();
    const gateAlertIds = new Set(
      this.state.alerts.filter((a) => isGateAlert(this.roster, a)).map((a) => a.id),
    );
    return {
      ...this.snapshotBase(),
      version: version(),
      children: gateChildViews(this.roster, this.state),
      alerts: alertViews(this.roster, this.state).filter((a) => gateAlertIds.has(a.id)),
      schedule: rosterScheduleView(this.roster, this.state.day),
      gate: gateBoard(this.roster, this.state, this.deps.clock()),
    };
  }

  childGroupId(childId: string): string | undefined {
    return this.roster.children.get(childId)?.groupId;
  }

  /** Starts the new school day when the clock has crossed midnight in the school's zone. */
  async ensureToday(): Promise<void> {
    while (this.loading) await this.loading;
    const today = schoolDay(this.deps.clock(), this.roster.settings.timezone);
    if (today === this.state.day) return;
    this.loading = this.loadDay(today).finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  private snapshotBase() {
    return { day: this.state.day, schoolName: this.roster.settings.schoolName };
  }

  /**
   * Leaves in the register (roster document) that cover the day and are not in its journal yet
   * are recorded when the day's state is built: at start-up and at midnight (docs/decisions.md).
   */
  private async recordPlannedLeaves(): Promise<void> {
    const leaves = this.deps.store.leaves();
    const events = plannedLeaveEvents(this.roster, this.state, leaves, this.deps.clock());
    if (events.length > 0) await this.commit(events);
  }

  private async loadDay(day: string): Promise<void> {
    this.state = await rebuildDay(this.deps, day);
    this.roster = buildRosterIndex(this.deps.store.schoolRoster(), day);
    await this.recordPlannedLeaves();
    log.info({ day }, "school day started");
    for (const l of this.dayStartListeners) l();
  }

  private async commit(decided: readonly DayEvent[]): Promise<void> {
    // After the sign-off, machines keep recording (flagged) and people's commands are refused.
    const events = admitAfterSignOff(this.state, decided);
    for (const e of events) applyEvent(this.state, e);
    try {
      await this.deps.journal.append(events);
    } catch (err) {
      // The state now holds events the disk does not: rebuild it from what is durable.
      log.error({ err, ids: events.map((e) => e.id) }, "journal append failed; rebuilding day state");
      await this.reloadAfterFailure();
      throw new WanfengError("STORE_WRITE_FAILED", "could not record the event");
    }
    for (const listener of this.listeners) {
      try {
        listener(events, this.roster, this.state);
      } catch (err) {
        log.error({ err }, "day listener failed");
      }
    }
  }

  private async reloadAfterFailure(): Promise<void> {
    try {
      this.state = await rebuildDay(this.deps, this.state.day);
    } catch (err) {
      log.fatal({ err }, "cannot read the journal back; stopping so a supervisor restarts from disk");
      process.exitCode = 1;
      setImmediate(() => process.exit(1));
    }
  }
}

/** The day's state from its journal, with the passes used on earlier days of their range. */
async function rebuildDay(deps: DayServiceDeps, day: string): Promise<DayState> {
  const state = replay(day, await deps.journal.readDay(day));
  await seedEarlierPassUses(state, deps.journal, deps.store.passBook());
  return state;
}
