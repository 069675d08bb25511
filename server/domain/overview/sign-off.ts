import { type Correction, WanfengError } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import type { DayAmended, DayEvent, DaySignedOff } from "../events";
import type { RosterIndex } from "../roster-index";
import { correctionEffect } from "./corrections";
import { allGroupCounts, totalCounts } from "./overview-views";

/**
 * The day's sign-off (rule 12) and what follows it, as pure decisions: the duty leader signs the
 * day once; from then on its record is closed, ordinary commands are refused with DAY_CLOSED,
 * taps are still recorded but flagged, and corrections are amendments with a reason.
 */

export interface ArchiveUser {
  userId: string;
  name: string;
}

export interface SignOffInput {
  roster: RosterIndex;
  state: DayState;
  now: Date;
  by: ArchiveUser;
  note: string;
  eventId: string;
  /** The day's journal head hash at signing, when the journal keeps a chain. */
  headHash?: string;
}

export function decideSignOff(input: SignOffInput): DaySignedOff {
  const { roster, state, now, by, eventId } = input;
  assertDayOpen(state);
  const note = input.note.trim();
  const groups = allGroupCounts(roster, state, now);
  const totals = totalCounts(groups);
  // Children still in school are not a reason to refuse (the leader may sign while the guard
  // waits with a late child), but the record must say who looks after them.
  if (totals.present > 0 && note === "") {
    throw new WanfengError("DAY_NOTE_REQUIRED", `${totals.present} children are still in school`, {
      present: totals.present,
    });
  }
  return {
    id: eventId,
    day: state.day,
    at: now.toISOString(),
    actor: { kind: "user", id: by.userId },
    type: "day:signedOff",
    byUserId: by.userId,
    byName: by.name,
    note,
    totals,
    groups,
    ...(input.headHash ? { headHash: input.headHash } : {}),
  };
}

export interface AmendmentInput {
  roster: RosterIndex;
  state: DayState;
  now: Date;
  by: ArchiveUser;
  reason: string;
  correction: Correction;
  eventId: string;
}

export function decideAmendment(input: AmendmentInput): DayAmended {
  const { roster, state, now, by, correction, eventId } = input;
  if (!state.signOff) {
    throw new WanfengError("DAY_NOT_CLOSED", `${state.day} is not signed off: use the ordinary screens`);
  }
  const reason = input.reason.trim();
  if (reason === "") throw new WanfengError("VALIDATION_FAILED", "an amendment needs a reason");
  const childId = correction.childId;
  if (childId !== undefined && !roster.children.has(childId)) {
    throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  }
  const effect = correctionEffect(correction, state.day, roster.settings.timezone);
  if (effect) checkEffect(state, effect, correction.kind, now);
  const event: DayAmended = {
    id: eventId,
    day: state.day,
    at: now.toISOString(),
    actor: { kind: "user", id: by.userId },
    type: "day:amended",
    byUserId: by.userId,
    byName: by.name,
    reason,
    correction,
  };
  if (effect) event.effect = effect;
  return event;
}

/** Collected at most once a day; a leave only for a child who never came. */
function checkEffect(
  state: DayState,
  effect: NonNullable<DayAmended["effect"]>,
  kind: Correction["kind"],
  now: Date,
): void {
  const status = childDay(state, effect.childId).status;
  const wrong = (needs: string) =>
    new WanfengError("PICKUP_WRONG_STATE", `${kind} needs ${needs}, child is ${status}`, { status });
  if (kind === "mark_collected") {
    if (status === "collected" || status === "on_leave") throw wrong("a child who was in school");
    if (effect.collectedAt && Date.parse(effect.collectedAt) > now.getTime()) {
      throw new WanfengError("VALIDATION_FAILED", "the collection time is in the future");
    }
  }
  if (kind === "record_leave" && status !== "expected") throw wrong("a child who did not arrive");
}

/** Ordinary commands (release, check-in, leave…) on a signed-off day are refused. */
export function assertDayOpen(state: DayState): void {
  if (state.signOff) {
    throw new WanfengError("DAY_CLOSED", `${state.day} was signed off at ${state.signOff.at}`);
  }
}

/**
 * Events that may follow the sign-off unflagged: the archive's own, staff attendance (考勤),
 * which is the staff's record, not the children's (a teacher signs out after the leader signed),
 * and the office's custody changes.
 */
const OUTSIDE_CARE_RECORD: ReadonlySet<string> = new Set([
  "day:signedOff",
  "day:amended",
  "staff:signedIn",
  "staff:signedOut",
  // Who may collect is the office's roster record, changed any evening (docs/decisions.md).
  "custody:changed",
]);

export function isOutsideCareRecord(event: DayEvent): boolean {
  return OUTSIDE_CARE_RECORD.has(event.type);
}

/** Marks events recorded after the sign-off (taps: the gate never stops) so the archive shows them. */
export function flagAfterSignOff(state: DayState, events: readonly DayEvent[]): DayEvent[] {
  if (!state.signOff) return [...events];
  return events.map((e) => (isOutsideCareRecord(e) ? e : { ...e, afterSignOff: true as const }));
}

/**
 * What a person may still do for a child who is in school when the day is signed off: see the
 * child out. The release, the handover at the gate, a typed pass code, the late child's move to
 * the reception room and each call to the family are recorded as after-sign-off entries, so
 * signing off never strands a child (docs/decisions.md "Sign-off never strands a child").
 */
const HANDOVER_AFTER_SIGN_OFF: ReadonlySet<string> = new Set([
  "child:released",
  "child:collected",
  "child:movedToReception",
  "contact:logged",
  "pickup:requested",
  "pass:used",
  "alert:raised",
]);

/**
 * What may still be recorded once the day is signed off: machines keep recording (taps, the gate
 * clock's late marks and alarms) and people may see a child out (HANDOVER_AFTER_SIGN_OFF), all
 * flagged; any other command about the children (check-in, roll call, leave, an absence, the
 * early-pickup form…) is refused with DAY_CLOSED and becomes an amendment instead.
 */
export function admitAfterSignOff(state: DayState, events: readonly DayEvent[]): DayEvent[] {
  if (!state.signOff) return [...events];
  const byPerson = events.find(
    (e) => e.actor.kind === "user" && !isOutsideCareRecord(e) && !HANDOVER_AFTER_SIGN_OFF.has(e.type),
  );
  if (byPerson) {
    throw new WanfengError("DAY_CLOSED", `${state.day} is signed off: ${byPerson.type} is an amendment now`);
  }
  return flagAfterSignOff(state, events);
}
