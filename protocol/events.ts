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

export interface ScreenToServerEvents {
  "view:join": (request: ViewRequest, ack: (answer: Ack<ViewSnapshot>) => void) => void;
  // Care room (rules 4, 5, 11, 16): a teacher of the group or admin; health notes: admin only.
  "rollcall:confirm": (command: RollCallConfirm, ack: (answer: Ack<RoomDayView>) => void) => void;
  "leave:record": (command: LeaveRecord, ack: (answer: Ack<RoomDayView>) => void) => void;
  "leave:cancel": (command: LeaveCancel, ack: (answer: Ack<RoomDayView>) => void) => void;
  "absence:resolve": (command: AbsenceResolve, ack: (answer: Ack<RoomDayView>) => void) => void;
  "group:handover": (command: Handover, ack: (answer: Ack<RoomDayView>) => void) => void;
  "medication:give": (command: MedicationGive, ack: (answer: Ack<RoomDayView>) => void) => void;
  "room:settings": (command: RoomSettingsUpdate, ack: (answer: Ack<RoomDayView>) => void) => void;
  "health:update": (command: HealthUpdate, ack: (answer: Ack<ChildDayView>) => void) => void;
  "child:checkIn": (command: ChildCommand, ack: (answer: Ack<ChildDayView>) => void) => void;
  "child:release": (command: ChildCommand, ack: (answer: Ack<ChildDayView>) => void) => void;
  "child:collect": (command: ChildCommand, ack: (answer: Ack<ChildDayView>) => void) => void;
  // Technician tools (technician and admin): reader console, reader set-up, card enrolment.
  "console:open": (command: ConsoleOpen, ack: (answer: Ack<ConsoleOpen>) => void) => void;
  "console:close": (command: Record<string, never>, ack: (answer: Ack<null>) => void) => void;
  "device:configureReaders": (
    command: ConfigureReaders,
    ack: (answer: Ack<DeviceStatusView>) => void,
  ) => void;
  "enrolment:start": (command: EnrolmentStart, ack: (answer: Ack<EnrolmentStarted>) => void) => void;
  "enrolment:cancel": (command: { deviceId: string }, ack: (answer: Ack<null>) => void) => void;
  "card:bind": (command: CardBind, ack: (answer: Ack<CardBound>) => void) => void;
  // Delegate passes: teachers (their groups) and admin write them; the guard redeems a short code.
  "pass:create": (command: PassCreate, ack: (answer: Ack<PassView>) => void) => void;
  "pass:list": (command: PassList, ack: (answer: Ack<PassView[]>) => void) => void;
  "pass:revoke": (command: PassRevoke, ack: (answer: Ack<PassView>) => void) => void;
  "pass:redeemShortCode": (command: PassRedeem, ack: (answer: Ack<PassResult>) => void) => void;
  // The gate's care-day duties (guard and admin); each answers with the new gate board.
  "gate:registerEarly": (command: EarlyRegister, ack: (answer: Ack<GateBoard>) => void) => void;
  "gate:cancelEarly": (command: EarlyCancel, ack: (answer: Ack<GateBoard>) => void) => void;
  "gate:logContact": (command: ContactLog, ack: (answer: Ack<GateBoard>) => void) => void;
  "gate:moveToReception": (command: ReceptionMove, ack: (answer: Ack<GateBoard>) => void) => void;
  "gate:reenter": (command: Reentry, ack: (answer: Ack<GateBoard>) => void) => void;
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
