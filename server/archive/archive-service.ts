import { createLogger } from "../../common/log";
import type { AmendmentView, AmendRequest, SignOffView } from "../../protocol";
import { WanfengError } from "../../protocol";
import { MAX_DECIDE_ATTEMPTS } from "../day/day-ledger";
import type { DayService } from "../day/day-service";
import { type DayState, replay } from "../domain/day-state";
import type { User } from "../domain/entities";
import { type DayAmended, type DaySignedOff, type EventJournal, isJournalConflict } from "../domain/events";
import { amendmentView, signOffView } from "../domain/overview/overview-views";
import { type ArchiveUser, decideAmendment, decideSignOff } from "../domain/overview/sign-off";
import { buildRosterIndex, type RosterIndex } from "../domain/roster-index";
import { schoolDay } from "../domain/school-day";
import type { RosterReader } from "../ports/roster";

const log = createLogger("archive");

export interface ArchiveDeps {
  store: RosterReader;
  day: DayService;
  journal: EventJournal;
  clock: () => Date;
  newId: () => string;
}

type Decide<E> = (roster: RosterIndex, state: DayState, now: Date) => E;

/**
 * Signs days off and amends closed days (rule 12). Today goes through the day service, so its
 * state, the screens and the journal agree; an earlier day (signed the next morning, corrected a
 * week later) is replayed from its journal, decided by the same pure rules, and appended to its
 * own file. Earlier days are done one at a time, so two leaders cannot both sign one off.
 */
export class ArchiveService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ArchiveDeps) {}

  async signOff(day: string, user: User, note: string): Promise<SignOffView> {
    const by = archiveUser(user);
    // The head of the day's hash chain as the leader signs: the printed record shows it.
    const headHash = await this.deps.journal.headHash?.(day);
    const event = await this.record<DaySignedOff>(day, (roster, state, now) =>
      decideSignOff({
        roster,
        state,
        now,
        by,
        note,
        eventId: this.deps.newId(),
        ...(headHash ? { headHash } : {}),
      }),
    );
    log.info({ day, by: user.username, present: event.totals.present }, "day signed off");
    return signOffView(event);
  }

  async amend(day: string, user: User, request: AmendRequest): Promise<AmendmentView> {
    const by = archiveUser(user);
    const event = await this.record<DayAmended>(day, (roster, state, now) =>
      decideAmendment({ roster, state, now, by, ...request, eventId: this.deps.newId() }),
    );
    log.info({ day, by: user.username, kind: request.correction.kind }, "closed day amended");
    return amendmentView(this.deps.day.currentRoster, event);
  }

  private async record<E extends DaySignedOff | DayAmended>(day: string, decide: Decide<E>): Promise<E> {
    const timezone = this.deps.store.schoolRoster().settings.timezone;
    const today = schoolDay(this.deps.clock(), timezone);
    if (day > today) throw new WanfengError("VALIDATION_FAILED", `${day} has not happened yet`);
    if (day === today) {
      return this.deps.day.recordDecision((roster, state, now) => {
        // Midnight passed between the check and the decision: the caller asks again for that day.
        if (state.day !== day)
          throw new WanfengError("VALIDATION_FAILED", "the school day changed; try again");
        const event = decide(roster, state, now);
        return { result: event, events: [event] };
      });
    }
    const run = this.queue.then(() => this.recordEarlierDay(day, decide));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async recordEarlierDay<E extends DaySignedOff | DayAmended>(
    day: string,
    decide: Decide<E>,
  ): Promise<E> {
    const roster = buildRosterIndex(this.deps.store.schoolRoster(), day);
    // Another node may sign off or amend the same day: append only onto the events decided from.
    for (let attempt = 1; ; attempt++) {
      const events = await this.deps.journal.readDay(day);
      const event = decide(roster, replay(day, events), this.deps.clock());
      try {
        await this.deps.journal.append([event], { expectedSeq: events.length });
        return event;
      } catch (err) {
        if (!isJournalConflict(err)) throw err;
        if (attempt >= MAX_DECIDE_ATTEMPTS)
          throw new WanfengError("STORE_WRITE_FAILED", "the day changed meanwhile; try again");
      }
    }
  }
}

function archiveUser(user: User): ArchiveUser {
  return { userId: user.id, name: user.displayName };
}
