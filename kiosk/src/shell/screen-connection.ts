import type { PickupAnnouncement, RoomTapNotice } from "../../../protocol/events";
import type { GateBoard } from "../../../protocol/gate";
import type { AlertView, ChildDayView, ViewRequest } from "../../../protocol/model";
import type { RoomDayView } from "../../../protocol/room";
import {
  type CommandAnswer,
  type CommandName,
  type CommandPayload,
  ViewSocket,
  type ViewSocketHandlers,
} from "./view-socket";

/** What a screen does with what the server tells it. */
export interface ViewHandlers extends ViewSocketHandlers {
  childUpdated(child: ChildDayView): void;
  pickupRequested(announcement: PickupAnnouncement): void;
  alertRaised(alert: AlertView): void;
  /** Room view only: roll call, holder, leaves, doses or settings changed. */
  roomUpdated?(room: RoomDayView): void;
  /** Gate view only: early pickups, the late list or the gate register changed. */
  gateBoard?(board: GateBoard): void;
  tapNoticed(notice: RoomTapNotice): void;
}

/** A room or gate screen's socket: the view's pushes, and its commands (child, pass, room, gate). */
export class ScreenConnection {
  private readonly view: ViewSocket;

  constructor(request: ViewRequest, handlers: ViewHandlers) {
    this.view = new ViewSocket(request, handlers);
    const s = this.view.socket;
    s.on("child:updated", (child) => handlers.childUpdated(child));
    s.on("pickup:requested", (announcement) => handlers.pickupRequested(announcement));
    s.on("alert:raised", (alert) => handlers.alertRaised(alert));
    s.on("tap:noticed", (notice) => handlers.tapNoticed(notice));
    s.on("room:updated", (room) => handlers.roomUpdated?.(room));
    s.on("gate:board", (board) => handlers.gateBoard?.(board));
  }

  join(): void {
    this.view.join();
  }

  /** Sends any screen command; its payload and answer types come from protocol/commands.ts. */
  command<E extends CommandName>(name: E, payload: CommandPayload<E>): Promise<CommandAnswer<E>> {
    return this.view.send(name, payload);
  }

  close(): void {
    this.view.close();
  }
}
