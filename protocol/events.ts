import type { Ack } from "./errors";
import type { GateBoardChange } from "./gate-board";
import type { AlertView, ChildDayView, DeviceConfig, TapOutcome, TapReport, TapResult } from "./model";
import type { SignedOfflineCache } from "./offline-cache";
import type { OverviewUpdate } from "./overview";
import type { RoomDayView } from "./room";
import type {
  ConsoleFrame,
  ConsoleWatch,
  DeviceStatusView,
  EnrolmentDone,
  ReaderFrame,
  ReaderStatusReport,
} from "./technician";

/**
 * The socket.io contract, both directions, for both namespaces. Server, gate agent and kiosk use
 * these maps as the type parameters of their Server / Socket, so a renamed event fails to compile.
 * Commands are answered by acknowledgement: `{ data } | { error: { code, message } }`.
 */

export type { ScreenToServerEvents } from "./commands";

export const DEVICE_NAMESPACE = "/device";
export const SCREEN_NAMESPACE = "/screen";

export interface DeviceToServerEvents {
  /** The answer carries the server's clock (ISO) beside it: the agent measures its offset from it. */
  "tap:report": (report: TapReport, ack: (answer: Ack<TapOutcome> & { serverAt?: string }) => void) => void;
  /** Every reader's state: on connect, on each open/close, and every few seconds while counters move. */
  "reader:status": (report: ReaderStatusReport) => void;
  /** A decoded or bad frame, only while a technician's console watches that reader. */
  "reader:frame": (frame: ReaderFrame) => void;
}

export interface ServerToDeviceEvents {
  "device:config": (config: DeviceConfig) => void;
  /** Stream `reader:frame` for these readers; an empty list stops it. */
  "console:watch": (watch: ConsoleWatch) => void;
  /** Gate devices: what to answer taps with while the server is unreachable (on connect, on changes). */
  "device:cache": (signed: SignedOfflineCache) => void;
}

export interface PickupAnnouncement {
  child: ChildDayView;
}

export interface RoomTapNotice {
  at: string;
  deviceName: string;
  result: TapResult;
}

/**
 * The position of an update in its screen stream (a group's kiosks, the gate, the overview, the
 * technician page): each update sent to a stream is one more than the last, and a snapshot
 * carries the version it was taken at. A screen that sees a gap asks for a new snapshot.
 */
export type StreamVersion = number;

/** The updates of a view's stream, by name: what a screen applies to the view it holds. */
export interface ScreenUpdates {
  /** A child's tile changed (any status change). */
  "child:updated": ChildDayView;
  /** The room's roll call, holder, leaves, doses or settings changed (to the group's kiosks). */
  "room:updated": RoomDayView;
  /** A guardian is at the gate for this child: the kiosk announces it (and updates the tile). */
  "pickup:requested": PickupAnnouncement;
  "alert:raised": AlertView;
  /** An alert was acknowledged (who, when, note): screens fold it away. */
  "alert:acknowledged": AlertView;
  /** A tap on the room's own reader that did not change a tile (unknown card, wrong group…). */
  "tap:noticed": RoomTapNotice;
  /** Technician view: a device came online, went offline, or its readers changed. */
  "device:status": DeviceStatusView;
  /** Gate view: the rows of the early pickups, late list and gate register that changed. */
  "gate:changed": GateBoardChange;
  /** Overview screens (duty leader): recomputed counts of the groups that changed. */
  "overview:update": OverviewUpdate;
}

/** The name of an update of a view's stream. */
export type VersionedScreenEvent = keyof ScreenUpdates;

export type ScreenUpdate<E extends VersionedScreenEvent> = ScreenUpdates[E];

/** One update inside an `updates` message. */
export type ScreenUpdateItem = {
  [E in VersionedScreenEvent]: { event: E; update: ScreenUpdates[E] };
}[VersionedScreenEvent];

export interface ServerToScreenEvents {
  /**
   * One step of the view's stream: everything one change of the day means for this view, in the
   * order to apply it, as one message (one socket write per screen, whatever the change touched).
   */
  updates: (items: ScreenUpdateItem[], version: StreamVersion) => void;
  /** The day rolled over or the roster changed: screens reload their snapshot. */
  "view:stale": () => void;
  /** Only to the technician socket that opened the console for this reader. */
  "console:frame": (frame: ConsoleFrame) => void;
  /** Only to the technician who started the enrolment. */
  "enrolment:done": (done: EnrolmentDone) => void;
}
