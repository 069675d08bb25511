import type { ChildDayView } from "../../../protocol";
import type { DayState } from "../day-state";
import type { RosterIndex } from "../roster-index";
import { registeredEarlyAsk } from "./gate-state";

/** Photos, the early-pickup reason and the reception room on a child's view; called by childView for every screen. */
export function addGateDetails(roster: RosterIndex, state: DayState, view: ChildDayView): void {
  const photo = roster.children.get(view.childId)?.photo;
  if (photo) view.photo = photo;
  const adult = view.requestedBy;
  if (adult && !adult.passId) {
    const adultPhoto = roster.guardians.get(adult.guardianId)?.photo;
    if (adultPhoto) adult.photo = adultPhoto;
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
