import { type ChildStatus, presenceOf } from "./child-day";
import { type ChildRoomFacts, isUnexplained, type RoomCountsView } from "./room";

/** A group's head count, the one rule of the kiosk's bar, its roll call and the server's room counts. */
export function headCount(
  children: Iterable<ChildRoomFacts & { status: ChildStatus }>,
  now: Date,
): RoomCountsView {
  const counts: RoomCountsView = {
    total: 0,
    present: 0,
    onLeave: 0,
    absent: 0,
    unexplained: 0,
    expected: 0,
    gone: 0,
  };
  for (const child of children) {
    counts.total += 1;
    switch (presenceOf(child.status)) {
      case "present":
        counts.present += 1;
        break;
      case "on_leave":
        counts.onLeave += 1;
        break;
      case "gone":
        counts.gone += 1;
        break;
      case "expected":
        if (child.absenceResolved) counts.absent += 1;
        else if (isUnexplained(child, now)) counts.unexplained += 1;
        else counts.expected += 1;
        break;
    }
  }
  return counts;
}
