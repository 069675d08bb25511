import type { OverviewFlag } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import { lateChildren } from "../gate/gate-views";
import { unexplainedAbsences } from "../room/absences";
import type { RosterIndex } from "../roster-index";
import { dismissalWindow } from "../schedule";

/**
 * Which of the overview's lists a child belongs in. Unexplained absences come from the care
 * room's rule (domain/room/absences.ts: after care starts, not arrived, no leave, not resolved by
 * the teacher), late children from the gate's (domain/gate/gate-views.ts: still in care after the
 * band's care end); released-not-collected is every released child, since the release (the
 * gate's alarm after some minutes is an alert of its own). Pure: the time is passed in.
 */
export interface ChildFlags {
  flags: OverviewFlag[];
  since?: string;
}

/** What every child's flags need, computed once per snapshot or update. */
export interface FlagContext {
  now: Date;
  /** childId → since when the child is missing. */
  unexplained: ReadonlyMap<string, string>;
  /** childId → when care ended for a child still in care. */
  late: ReadonlyMap<string, string>;
}

export function flagContext(roster: RosterIndex, state: DayState, now: Date): FlagContext {
  const unexplained = new Map(unexplainedAbsences(roster, state, now).map((a) => [a.childId, a.since]));
  const late = new Map(
    lateChildren(roster, state, now)
      .filter((l) => l.collectedAt === undefined)
      .map((l) => [l.child.childId, l.careEndsAt]),
  );
  return { now, unexplained, late };
}

/** When care ends for a grade on a day ("HH:MM" and the instant), or undefined without care. */
export function careEndOf(
  roster: RosterIndex,
  day: string,
  grade: number,
): { careEnds: string; careEndsAt: string } | undefined {
  const window = dismissalWindow(roster.schedule, roster.settings.timezone, day, grade);
  if (!window) return undefined;
  return { careEnds: window.times.careEnds, careEndsAt: window.careEndsAt };
}

export const IN_SCHOOL: ReadonlySet<string> = new Set(["checked_in", "pickup_requested", "released"]);

/** The flags of one child at the context's time. */
export function childFlags(
  roster: RosterIndex,
  state: DayState,
  context: FlagContext,
  childId: string,
): ChildFlags {
  const child = roster.children.get(childId);
  if (!child) return { flags: [] };
  const day = childDay(state, childId);
  const flags: OverviewFlag[] = [];
  let since: string | undefined;
  const missingSince = context.unexplained.get(childId);
  if (missingSince !== undefined) {
    flags.push("unexplained");
    since = missingSince;
  }
  const lateSince = context.late.get(childId);
  if (lateSince !== undefined) {
    flags.push("late");
    since = lateSince;
  }
  if (day.status === "released") {
    flags.push("released_not_collected");
    since ??= day.releasedAt;
  }
  return since === undefined ? { flags } : { flags, since };
}
