import { createLogger } from "../../common/log";
import type { ChildDayView, TapOutcome, TapReport, TapResult, ViewSnapshot } from "../../protocol";
import { WanfengError } from "../../protocol";
import { type ChildCommandKind, decideChildCommand } from "../domain/child-commands";
import type { DayState } from "../domain/day-state";
import type { Device } from "../domain/entities";
import type { Actor, DayEvent } from "../domain/events";
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
import type { StoreChange, StoreChangeKind } from "../ports/changes";
import { type DayListener, type DayServiceDeps, rebuildDay, type TapClaim } from "./day-deps";
import { DayLedger, type Decide } from "./day-ledger";

export type { DayListener, DayServiceDeps, TapClaim };

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

/**
 * Owns today's state, through its DayLedger: every decision is made on the state and only counts
 * once its events are durable in the journal at the seq it was decided from (another node may
 * share the journal); only then is anything acknowledged or shown.
 */
export class DayService {
  private roster: RosterIndex;
  private ledger!: DayLedger;
  private loading: Promise<void> | undefined;
  /** Claimed taps not yet recorded: a retry of one waits for it instead of claiming it again. */
  private readonly pendingTaps = new Map<string, Promise<void>>();
  private readonly listeners = new Set<DayListener>();
  private readonly dayStartListeners = new Set<() => void>();
  private tapClaim: TapClaim | undefined;
  private stopWatchingStore: (() => void) | undefined;
  private stopWatchingJournal: (() => void) | undefined;

  private constructor(
    private readonly deps: DayServiceDeps,
    day: string,
  ) {
    // Who is expected depends on the day (enrolment dates, special care): see domain/enrolment.ts.
    this.roster = buildRosterIndex(deps.store.schoolRoster(), day);
  }

  static async open(deps: DayServiceDeps): Promise<DayService> {
    const timezone = deps.store.schoolRoster().settings.timezone;
    const day = schoolDay(deps.clock(), timezone);
    const service = new DayService(deps, day);
    service.ledger = await DayLedger.open(
      {
        journal: deps.journal,
        rebuild: (d, events) => rebuildDay(deps, d, events),
        publish: (events) => service.publish(events),
      },
      day,
    );
    const { state } = service.ledger;
    log.info({ day, taps: state.taps.size, children: state.children.size }, "day state rebuilt from journal");
    // Admin pages, the technician screen and CLI commands beside the server all change the roster.
    service.stopWatchingStore = deps.store.onChange((change) => service.storeChanged(change));
    // Other nodes on the same journal: their events are folded in and shown here too.
    service.stopWatchingJournal = deps.journal.onAppended?.(({ day: appendedDay, seq }) => {
      if (appendedDay !== service.ledger.state.day || seq <= service.ledger.seq) return;
      service.ledger.catchUp().catch((err) => log.error({ err }, "catching up with the journal failed"));
    });
    await service.recordPlannedLeaves();
    return service;
  }

  close(): void {
    this.stopWatchingStore?.();
    this.stopWatchingJournal?.();
  }

  private get state(): DayState {
    return this.ledger.state;
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
    await this.pendingTaps.get(report.id)?.catch(() => {});
    // Seen in the state, it may still be being written: the answer waits until it is durable.
    if (this.state.taps.has(report.id)) await this.ledger.settled();
    const known = this.state.taps.get(report.id);
    if (known) return { tapId: report.id, duplicate: true, result: known };
    const claimed = this.tapClaim?.(device, report, this.deps.clock());
    if (claimed) return this.commitClaimedTap(report, claimed);
    return this.decide<TapOutcome>(
      (roster, state, now) => {
        // Decided again after another node's events: the tap may be among them.
        const recorded = state.taps.get(report.id);
        if (recorded) return { result: { tapId: report.id, duplicate: true, result: recorded }, events: [] };
        const passes = this.deps.store.passBook();
        const decision = decideTap({ roster, state, device, report, now, clockOffsetMs, passes });
        return {
          result: { tapId: report.id, duplicate: false, result: decision.result },
          events: decision.events,
        };
      },
      // Its id is recorded on an earlier school day (a retry from before midnight): it was applied there.
      (outcome) => ({ ...outcome, duplicate: true }),
    );
  }

  private async commitClaimedTap(
    report: TapReport,
    claimed: (day: string) => Promise<{ result: TapResult; events: DayEvent[] }>,
  ): Promise<TapOutcome> {
    const work = claimed(this.state.day).then(({ result, events }) =>
      this.decide<TapOutcome>((_roster, state) => {
        const recorded = state.taps.get(report.id);
        if (recorded) return { result: { tapId: report.id, duplicate: true, result: recorded }, events: [] };
        return { result: { tapId: report.id, duplicate: false, result }, events };
      }),
    );
    const settled = work.then(() => {});
    // A retry awaits `settled`; the failure itself reaches this caller through `work`.
    settled.catch(() => {});
    this.pendingTaps.set(report.id, settled);
    try {
      return await work;
    } finally {
      if (this.pendingTaps.get(report.id) === settled) this.pendingTaps.delete(report.id);
    }
  }

  async runChildCommand(kind: ChildCommandKind, childId: string, actor: Actor): Promise<ChildDayView> {
    await this.ensureToday();
    // After the sign-off a child still in school may be released and collected, flagged; a
    // check-in is refused (commit → admitAfterSignOff).
    const eventId = this.deps.newId();
    await this.decide((roster, state, now) => ({
      result: undefined,
      events: [decideChildCommand({ kind, childId, roster, state, actor, eventId, now })],
    }));
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
    return this.decide(decide);
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
    return {
      day: this.state.day,
      serverAt: this.deps.clock().toISOString(),
      schoolName: this.roster.settings.schoolName,
    };
  }

  /**
   * Leaves in the register (roster document) that cover the day and are not in its journal yet
   * are recorded when the day's state is built: at start-up and at midnight (docs/decisions.md).
   */
  private async recordPlannedLeaves(): Promise<void> {
    const leaves = this.deps.store.leaves();
    await this.decide((roster, state, now) => ({
      result: undefined,
      events: plannedLeaveEvents(roster, state, leaves, now),
    }));
  }

  private async loadDay(day: string): Promise<void> {
    await this.ledger.switchDay(day);
    this.roster = buildRosterIndex(this.deps.store.schoolRoster(), day);
    await this.recordPlannedLeaves();
    log.info({ day }, "school day started");
    for (const l of this.dayStartListeners) l();
  }

  /**
   * Records a pure decision (day-ledger.ts). It may be made again, on a newer state, when another
   * node appended first; it sees the roster and clock of each attempt.
   */
  private decide<T>(
    decide: (roster: RosterIndex, state: DayState, now: Date) => { result: T; events: readonly DayEvent[] },
    recordedElsewhere?: (result: T) => T,
  ): Promise<T> {
    const onState: Decide<T> = (state) => {
      const { result, events } = decide(this.roster, state, this.deps.clock());
      // After the sign-off, machines keep recording (flagged) and people's commands are refused.
      return { result, events: events.length > 0 ? admitAfterSignOff(state, events) : events };
    };
    return this.ledger.submit(onState, recordedElsewhere ? { recordedElsewhere } : {});
  }

  private publish(events: readonly DayEvent[]): void {
    for (const listener of this.listeners) {
      try {
        listener(events, this.roster, this.state);
      } catch (err) {
        log.error({ err }, "day listener failed");
      }
    }
  }
}
