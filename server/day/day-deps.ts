import type { TapReport, TapResult } from "../../protocol";
import { type DayState, replay } from "../domain/day-state";
import type { Device } from "../domain/entities";
import type { DayEvent, EventJournal } from "../domain/events";
import type { RosterIndex } from "../domain/roster-index";
import { seedEarlierPassUses } from "../passes/earlier-uses";
import type { LeaveStore, PassStore } from "../ports/care";
import type { ChangeFeed } from "../ports/changes";
import type { RosterReader } from "../ports/roster";

/** What the day service is built from and hands out: kept apart so day-service.ts stays readable. */

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

/** The day's state from its journal, with the passes used on earlier days of their range. */
export async function rebuildDay(
  deps: DayServiceDeps,
  day: string,
  events: readonly DayEvent[],
): Promise<DayState> {
  const state = replay(day, events);
  await seedEarlierPassUses(state, deps.journal, deps.store.passBook());
  return state;
}
