import type { DayState } from "../day-state";
import { DEFAULT_RELEASED_ALARM_MINUTES } from "../entities";
import type { AlertRaised, DayEvent } from "../events";
import type { RosterIndex } from "../roster-index";
import { dismissalWindow } from "../schedule/windows";
import type { ChildMarkedLate } from "./gate-events";

/**
 * What the passing of time alone makes due at the gate (nothing was tapped): a released child not
 * collected within `settings.releasedAlarmMinutes` raises an alarm, and a child still in care when
 * their band's care ends is marked late. Pure; the day service's gate clock calls it every few
 * seconds and records what it returns. Each fact is due once: the ids derive from what they are
 * about, and the state says what was recorded already.
 */
export function dueGateEvents(roster: RosterIndex, state: DayState, now: Date): DayEvent[] {
  const events: DayEvent[] = [];
  const at = now.toISOString();
  const base = { day: state.day, at, actor: { kind: "system" } as const };
  const alarmMs = (roster.settings.releasedAlarmMinutes ?? DEFAULT_RELEASED_ALARM_MINUTES) * 60_000;
  for (const [childId, day] of state.children) {
    const child = roster.children.get(childId);
    if (!child) continue;
    if (
      day.status === "released" &&
      day.releasedAt &&
      now.getTime() - Date.parse(day.releasedAt) >= alarmMs
    ) {
      const releasedAt = day.releasedAt;
      const raised = state.alerts.some(
        (a) => a.kind === "released_not_collected" && a.childId === childId && a.releasedAt === releasedAt,
      );
      if (!raised) {
        const alarm: AlertRaised = {
          ...base,
          id: `released-alarm:${childId}@${releasedAt}`,
          type: "alert:raised",
          kind: "released_not_collected",
          severity: "danger",
          deviceId: day.requestDeviceId ?? "",
          childId,
          childName: child.name,
          releasedAt,
        };
        events.push(alarm);
      }
    }
    const inCare =
      day.status === "checked_in" || day.status === "pickup_requested" || day.status === "released";
    if (!inCare || state.gate.lateMarked.has(childId)) continue;
    const window = dismissalWindow(roster.schedule, roster.settings.timezone, state.day, child.grade);
    if (!window || now.getTime() < Date.parse(window.careEndsAt)) continue;
    const late: ChildMarkedLate = {
      ...base,
      id: `late:${state.day}:${childId}`,
      type: "child:markedLate",
      childId,
      careEndsAt: window.careEndsAt,
    };
    events.push(late);
  }
  return events;
}
