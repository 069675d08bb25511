import type { ChildDayView } from "../../../protocol";
import type { DayState } from "../day-state";
import { lookAlikesOf, lookAlikeView } from "../look-alike/look-alike-index";
import type { RosterIndex } from "../roster-index";
import { registeredEarlyAsk } from "./gate-state";

const LOOK_ALIKES_SHOWN = 3;

/** Photos, custody notes, look-alike names, the early-pickup reason and the reception room on a child's view; called by childView for every screen. */
export function addGateDetails(roster: RosterIndex, state: DayState, view: ChildDayView): void {
  const photo = roster.children.get(view.childId)?.photo;
  if (photo) view.photo = photo;
  const adult = view.requestedBy;
  if (adult && !adult.passId) {
    const adultPhoto = roster.guardians.get(adult.guardianId)?.photo;
    if (adultPhoto) adult.photo = adultPhoto;
  }
  if (view.status === "pickup_requested" || view.status === "released") {
    // The guard sees who may not take the child, beside the child (issue 10, custody on screen).
    const barred = roster.children.get(view.childId)?.notAuthorised ?? [];
    if (barred.length > 0)
      view.custody = barred.map(({ name, relation, note, idLast4, photo }) => ({
        name,
        relation,
        note,
        ...(idLast4 ? { idLast4 } : {}),
        ...(photo ? { photo } : {}),
      }));
    // The guard and the teacher must not hand over the wrong 王子涵 (issue 10, look-alike names).
    // The closest few (same name first): a row a guard reads at a glance; the office's list has all.
    const lookAlikes = lookAlikesOf(roster, view.childId, LOOK_ALIKES_SHOWN)
      .map((m) => lookAlikeView(roster, m))
      .filter((v) => v !== undefined);
    if (lookAlikes.length > 0) view.lookAlikes = lookAlikes;
  }
  const reception = state.gate.reception.get(view.childId);
  if (reception && (view.status === "checked_in" || view.status === "pickup_requested")) {
    view.receptionRoom = reception.roomName;
  }
  if (view.status === "pickup_requested" || view.status === "released" || view.status === "collected") {
    const early = registeredEarlyAsk(state.gate, view.childId);
    if (early?.reason) view.earlyReason = early.reason;
  }
}
