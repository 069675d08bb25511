import { createLogger } from "../../../common/log";
import { isEmptyChange } from "../../../protocol";
import type { DayService } from "../../day/day-service";
import type { DayState } from "../../domain/day-state";
import type { RosterLeave } from "../../domain/entities";
import type { DayEvent } from "../../domain/events";
import { isGateAlert } from "../../domain/gate/gate-alerts";
import { gateBoardChange } from "../../domain/gate/gate-views";
import { prepareLookAlikes } from "../../domain/look-alike/look-alike-index";
import { amendmentView, overviewUpdate } from "../../domain/overview/overview-views";
import { roomDayView } from "../../domain/room/room-view";
import type { RosterIndex } from "../../domain/roster-index";
import { alertView, childView, isAtGateStage } from "../../domain/views";
import { GATE_ROOM, groupRoom, OVERVIEW_ROOM } from "../rooms";
import { childOf, EVENT_TOUCHES, groupOf } from "./event-touches";
import type { ScreenStreams } from "./screen-streams";

const log = createLogger("publisher");

export interface PublisherDeps {
  day: DayService;
  streams: ScreenStreams;
  clock: () => Date;
  /** The leave register, for the room views. */
  leaves: () => readonly RosterLeave[];
}

/**
 * The one way screen updates leave the server: every durable batch of day events, whoever caused
 * it (a tap, a screen command, an HTTP request, the CLI, the gate clock, midnight), becomes the
 * updates its audiences need, by the table in event-touches.ts. A new school day or a changed
 * roster tells every screen to reload its snapshot.
 */
export function attachDayPublisher(deps: PublisherDeps): void {
  deps.day.onEvents((events, roster, state) => {
    try {
      publish(deps, events, roster, state);
    } catch (err) {
      log.error({ err }, "screen update failed");
    }
  });
  // Guard rows and tiles name look-alike children: find them before the first request needs them
  // (once the server serves: a school of 5,000 takes a few hundred milliseconds).
  setImmediate(() => prepareLookAlikes(deps.day.currentRoster));
  deps.day.onViewsStale(() => {
    deps.streams.allStale();
    prepareLookAlikes(deps.day.currentRoster);
  });
}

interface Touched {
  tiles: Set<string>;
  gateRows: Set<string>;
  leftGate: Set<string>;
  rooms: Set<string>;
  pickups: string[];
  closing: boolean;
}

function publish(
  deps: PublisherDeps,
  events: readonly DayEvent[],
  roster: RosterIndex,
  state: DayState,
): void {
  const { streams } = deps;
  const touched: Touched = {
    tiles: new Set(),
    gateRows: new Set(),
    leftGate: new Set(),
    rooms: new Set(),
    pickups: [],
    closing: false,
  };
  const groupOfChild = (childId: string) => roster.children.get(childId)?.groupId;
  for (const event of events) {
    const childId = childOf(event);
    for (const touch of EVENT_TOUCHES[event.type]) {
      if (touch === "alert" && event.type === "alert:raised") {
        const alert = alertView(roster, event);
        if (isGateAlert(roster, event)) streams.send(GATE_ROOM, "alert:raised", alert);
        streams.send(OVERVIEW_ROOM, "alert:raised", alert);
      } else if (touch === "alertAck" && event.type === "alert:acknowledged") {
        publishAck(streams, roster, state, event.alertId);
      } else if (touch === "roomTap" && event.type === "tap:received") {
        noticeRoomTap(streams, event, roster);
      } else if (touch === "room") {
        const groupId = groupOf(event, groupOfChild);
        if (groupId) touched.rooms.add(groupId);
      } else if (touch === "closing") {
        touched.closing = true;
      } else if (childId) {
        if (touch === "tile") touched.tiles.add(childId);
        if (touch === "gate") touched.gateRows.add(childId);
        if (touch === "leftGate") touched.leftGate.add(childId);
        if (touch === "pickup") touched.pickups.push(childId);
      }
    }
  }
  publishTiles(streams, touched, roster, state);
  for (const groupId of touched.rooms) {
    streams.send(groupRoom(groupId), "room:updated", roomDayView(roster, state, groupId, deps.leaves()));
  }
  for (const childId of touched.pickups) {
    const child = childView(roster, state, childId);
    if (!child) continue;
    streams.send(groupRoom(child.groupId), "pickup:requested", { child });
    streams.send(GATE_ROOM, "pickup:requested", { child });
  }
  const now = deps.clock();
  if (touched.gateRows.size > 0 && streams.watched(GATE_ROOM)) {
    const change = gateBoardChange(roster, state, touched.gateRows, now);
    if (!isEmptyChange(change)) streams.send(GATE_ROOM, "gate:changed", change);
  }
  // Records made after the sign-off are counted on the overview even when they touch no child.
  const overviewChanged =
    touched.tiles.size > 0 || touched.closing || events.some((e) => "afterSignOff" in e);
  if (overviewChanged && streams.watched(OVERVIEW_ROOM)) {
    const update = overviewUpdate(roster, state, touched.tiles, now);
    const amended = events.find((e) => e.type === "day:amended");
    if (amended?.type === "day:amended") update.amendment = amendmentView(roster, amended);
    streams.send(OVERVIEW_ROOM, "overview:update", update);
  }
}

/**
 * A changed tile goes to its group's kiosks, and to the gate while the child is at a gate stage.
 * A pickup announcement goes to both anyway (publish), with the tile.
 */
function publishTiles(streams: ScreenStreams, touched: Touched, roster: RosterIndex, state: DayState): void {
  // The pickup announcement carries the tile too (both screens apply it): no second copy.
  const announced = new Set(touched.pickups);
  for (const childId of touched.tiles) {
    if (announced.has(childId)) continue;
    const view = childView(roster, state, childId);
    if (!view) continue;
    streams.send(groupRoom(view.groupId), "child:updated", view);
    if (isAtGateStage(view.status) || touched.leftGate.has(childId)) {
      streams.send(GATE_ROOM, "child:updated", view);
    }
  }
}

/** The acknowledged alert, as the gate and the overview now show it. */
function publishAck(streams: ScreenStreams, roster: RosterIndex, state: DayState, alertId: string): void {
  const raised = state.alerts.find((a) => a.id === alertId);
  if (!raised) return;
  const alert = alertView(roster, raised, state.alertAcks.get(alertId));
  streams.send(GATE_ROOM, "alert:acknowledged", alert);
  streams.send(OVERVIEW_ROOM, "alert:acknowledged", alert);
}

/** A tap on a room's own reader that changed no tile still deserves a word on that kiosk. */
function noticeRoomTap(
  streams: ScreenStreams,
  event: Extract<DayEvent, { type: "tap:received" }>,
  roster: RosterIndex,
): void {
  const device = roster.devices.get(event.deviceId);
  if (device?.kind !== "room" || !device.groupId) return;
  const { result } = event;
  if (result.kind === "debounced") return;
  if (result.kind === "check_in" && result.outcome === "checked_in") return;
  streams.send(groupRoom(device.groupId), "tap:noticed", { at: event.at, deviceName: device.name, result });
}
