import type { Ack } from "./errors";
import type {
  AlertView,
  ChildCommand,
  ChildDayView,
  DeviceConfig,
  PassResult,
  TapOutcome,
  TapReport,
  TapResult,
  ViewRequest,
  ViewSnapshot,
} from "./model";
import type { PassCreate, PassList, PassRedeem, PassRevoke, PassView } from "./passes";

/**
 * The socket.io contract, both directions, for both namespaces. Server, gate agent and kiosk use
 * these maps as the type parameters of their Server / Socket, so a renamed event fails to compile.
 * Commands are answered by acknowledgement: `{ data } | { error: { code, message } }`.
 */

export const DEVICE_NAMESPACE = "/device";
export const SCREEN_NAMESPACE = "/screen";

export interface DeviceToServerEvents {
  "tap:report": (report: TapReport, ack: (answer: Ack<TapOutcome>) => void) => void;
}

export interface ServerToDeviceEvents {
  "device:config": (config: DeviceConfig) => void;
}

export interface ScreenToServerEvents {
  "view:join": (request: ViewRequest, ack: (answer: Ack<ViewSnapshot>) => void) => void;
  "child:checkIn": (command: ChildCommand, ack: (answer: Ack<ChildDayView>) => void) => void;
  "child:release": (command: ChildCommand, ack: (answer: Ack<ChildDayView>) => void) => void;
  "child:collect": (command: ChildCommand, ack: (answer: Ack<ChildDayView>) => void) => void;
  // Delegate passes: teachers (their groups) and admin write them; the guard redeems a short code.
  "pass:create": (command: PassCreate, ack: (answer: Ack<PassView>) => void) => void;
  "pass:list": (command: PassList, ack: (answer: Ack<PassView[]>) => void) => void;
  "pass:revoke": (command: PassRevoke, ack: (answer: Ack<PassView>) => void) => void;
  "pass:redeemShortCode": (command: PassRedeem, ack: (answer: Ack<PassResult>) => void) => void;
}

export interface PickupAnnouncement {
  child: ChildDayView;
}

export interface RoomTapNotice {
  at: string;
  deviceName: string;
  result: TapResult;
}

export interface ServerToScreenEvents {
  /** A child's tile changed (any status change). */
  "child:updated": (child: ChildDayView) => void;
  /** A guardian is at the gate for this child: the kiosk announces it. */
  "pickup:requested": (announcement: PickupAnnouncement) => void;
  "alert:raised": (alert: AlertView) => void;
  /** A tap on the room's own reader that did not change a tile (unknown card, wrong group…). */
  "tap:noticed": (notice: RoomTapNotice) => void;
  /** The day rolled over or the roster changed: screens reload their snapshot. */
  "view:stale": () => void;
}
