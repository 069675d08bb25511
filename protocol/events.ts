import type { Ack } from "./errors";
import type { ContactLog, EarlyCancel, EarlyRegister, GateBoard, ReceptionMove, Reentry } from "./gate";
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
import type { OverviewUpdate } from "./overview";
import type { PassCreate, PassList, PassRedeem, PassRevoke, PassView } from "./passes";
import type {
  AbsenceResolve,
  Handover,
  HealthUpdate,
  LeaveCancel,
  LeaveRecord,
  MedicationGive,
  RollCallConfirm,
  RoomDayView,
  RoomSettingsUpdate,
} from "./room";
import type {
  CardBind,
  CardBound,
  ConfigureReaders,
  ConsoleFrame,
  ConsoleOpen,
  ConsoleWatch,
  DeviceStatusView,
  EnrolmentDone,
  EnrolmentStart,
  EnrolmentStarted,
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
  "tap:report": (report: TapReport, ack: (answer: Ack<TapOutcome>) => void) => void;
  /** Every reader's state: on connect, on each open/close, and every few seconds while counters move. */
  "reader:status": (report: ReaderStatusReport) => void;
  /** A decoded or bad frame, only while a technician's console watches that reader. */
  "reader:frame": (frame: ReaderFrame) => void;
}

export interface ServerToDeviceEvents {
  "device:config": (config: DeviceConfig) => void;
  /** Stream `reader:frame` for these readers; an empty list stops it. */
  "console:watch": (watch: ConsoleWatch) => void;
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
  /** The room's roll call, holder, leaves, doses or settings changed (to the group's kiosks). */
  "room:updated": (room: RoomDayView) => void;
  /** A guardian is at the gate for this child: the kiosk announces it. */
  "pickup:requested": (announcement: PickupAnnouncement) => void;
  "alert:raised": (alert: AlertView) => void;
  /** A tap on the room's own reader that did not change a tile (unknown card, wrong group…). */
  "tap:noticed": (notice: RoomTapNotice) => void;
  /** The day rolled over or the roster changed: screens reload their snapshot. */
  "view:stale": () => void;
  /** Technician view: a device came online, went offline, or its readers changed. */
  "device:status": (device: DeviceStatusView) => void;
  /** Only to the technician socket that opened the console for this reader. */
  "console:frame": (frame: ConsoleFrame) => void;
  /** Only to the technician who started the enrolment. */
  "enrolment:done": (done: EnrolmentDone) => void;
  /** Gate view: early pickups, late list or gate register changed (or care ended for someone). */
  "gate:board": (board: GateBoard) => void;
  /** Overview screens (duty leader): recomputed counts of the groups that changed. */
  "overview:update": (update: OverviewUpdate) => void;
}
