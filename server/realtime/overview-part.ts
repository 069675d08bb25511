import type { Socket } from "socket.io";
import { createLogger } from "../../common/log";
import {
  type ScreenToServerEvents,
  type ServerToScreenEvents,
  type ViewSnapshot,
  WanfengError,
} from "../../protocol";
import { canOversee } from "../auth/access";
import type { DayService } from "../day/day-service";
import type { DayState } from "../domain/day-state";
import type { DayEvent } from "../domain/events";
import { amendmentView, overviewSnapshot, overviewUpdate } from "../domain/overview/overview-views";
import type { RosterIndex } from "../domain/roster-index";
import { alertView } from "../domain/views";
import type { ScreenNamespace, ScreenSocketData } from "./namespaces";

const log = createLogger("overview");

/** Duty leaders' overview screens: every group's counts, alerts, the day's sign-off. */
export const OVERVIEW_ROOM = "overview";

type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;

export interface OverviewPart {
  /** Joins the overview room (the caller has left the socket's other rooms) and answers the snapshot. */
  join(socket: ScreenSocket): Promise<ViewSnapshot>;
}

/**
 * Keeps overview screens live: after every durable batch of events, the lines of the children it
 * touched and the counts of their groups (a few numbers per group, never the roster); alerts as
 * they are raised. Time-driven changes (a child becoming late at care end) reach the screen when it
 * refreshes its snapshot, which it does every minute.
 */
export function attachOverview(screens: ScreenNamespace, day: DayService, clock: () => Date): OverviewPart {
  day.onEvents((events, roster, state) => {
    if (!hasWatchers(screens)) return;
    try {
      publish(screens, events, roster, state, clock());
    } catch (err) {
      log.error({ err }, "overview update failed");
    }
  });
  return {
    async join(socket) {
      const user = socket.data.user;
      if (!canOversee(user)) {
        log.warn({ user: user.username, role: user.role }, "overview forbidden");
        throw new WanfengError("AUTH_FORBIDDEN", `${user.role} may not open the overview`);
      }
      const overview = await day.inspect((roster, state) => overviewSnapshot(roster, state, clock()));
      await socket.join(OVERVIEW_ROOM);
      const roster = day.currentRoster;
      return {
        day: overview.day,
        schoolName: roster.settings.schoolName,
        children: [],
        alerts: overview.alerts,
        overview,
      };
    },
  };
}

function hasWatchers(screens: ScreenNamespace): boolean {
  return (screens.adapter.rooms.get(OVERVIEW_ROOM)?.size ?? 0) > 0;
}

function publish(
  screens: ScreenNamespace,
  events: readonly DayEvent[],
  roster: RosterIndex,
  state: DayState,
  now: Date,
): void {
  const room = screens.to(OVERVIEW_ROOM);
  const childIds = new Set<string>();
  for (const event of events) {
    if (event.type === "alert:raised") room.emit("alert:raised", alertView(roster, event));
    if (event.type === "day:amended" && event.effect) childIds.add(event.effect.childId);
    // Events of every module that name a child (check-in, leave, pickup, room events…).
    const childId = (event as { childId?: unknown }).childId;
    if (typeof childId === "string") childIds.add(childId);
  }
  const update = overviewUpdate(roster, state, childIds, now);
  const amended = events.find((e) => e.type === "day:amended");
  if (amended?.type === "day:amended") update.amendment = amendmentView(roster, amended);
  room.emit("overview:update", update);
}
