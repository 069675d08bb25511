import { isDoseDue, type MedicationDoseView, WanfengError } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import type { Actor } from "../events";
import type { RosterIndex } from "../roster-index";
import { instantAt, isoInZone } from "../schedule";
import type { MedicationGiven } from "./room-events";
import { doseKey } from "./room-state";

/**
 * Medication (SPEC rule 11, 家长给孩子带的药…说明服用的具体时间、药量和方法): each dose of a
 * child's medication is due at its time on the days of its course; the kiosk reminds the teacher
 * and `medication:given` records who gave it when.
 */

/** Today's doses of the group's children, earliest first, with the ones already given. */
export function medicationDoses(roster: RosterIndex, state: DayState, groupId: string): MedicationDoseView[] {
  const timezone = roster.settings.timezone;
  const doses: MedicationDoseView[] = [];
  for (const child of roster.childrenByGroup.get(groupId) ?? []) {
    for (const med of child.health?.medications ?? []) {
      if ((med.from && state.day < med.from) || (med.to && state.day > med.to)) continue;
      for (const time of med.times) {
        const dose: MedicationDoseView = {
          childId: child.id,
          childName: child.name,
          medicationId: med.id,
          name: med.name,
          dose: med.dose,
          time,
          dueAt: isoInZone(instantAt(state.day, time, timezone), timezone),
        };
        const given = state.room.dosesGiven.get(doseKey(child.id, med.id, time));
        if (given) dose.given = { at: given.at, byName: given.byName };
        doses.push(dose);
      }
    }
  }
  return doses.sort((a, b) => a.time.localeCompare(b.time) || a.childName.localeCompare(b.childName));
}

/** The doses to remind now: due, not given, the child in the room. */
export function medicationReminders(
  roster: RosterIndex,
  state: DayState,
  groupId: string,
  now: Date,
): MedicationDoseView[] {
  return medicationDoses(roster, state, groupId).filter((d) =>
    isDoseDue(d, childDay(state, d.childId).status, now),
  );
}

export interface MedicationGivenInput {
  roster: RosterIndex;
  state: DayState;
  childId: string;
  medicationId: string;
  time: string;
  actor: Actor;
  byName: string;
  eventId: string;
  now: Date;
}

/** The teacher gave a dose: it must be one of today's doses and not given yet. */
export function decideMedicationGiven(input: MedicationGivenInput): MedicationGiven {
  const { roster, state, childId, medicationId, time, actor, byName, eventId, now } = input;
  const child = roster.children.get(childId);
  if (!child) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  const dose = medicationDoses(roster, state, child.groupId).find(
    (d) => d.childId === childId && d.medicationId === medicationId && d.time === time,
  );
  if (!dose) throw new WanfengError("NOT_FOUND", `no dose ${medicationId} at ${time} today for ${childId}`);
  if (dose.given) throw new WanfengError("ROOM_WRONG_STATE", `dose ${medicationId} ${time} already given`);
  return {
    id: eventId,
    type: "medication:given",
    day: state.day,
    at: now.toISOString(),
    actor,
    childId,
    medicationId,
    medicationName: dose.name,
    dose: dose.dose,
    time,
    byName,
  };
}
