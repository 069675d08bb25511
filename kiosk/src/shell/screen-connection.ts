import type { PickupAnnouncement, RoomTapNotice } from "../../../protocol/events";
import type { GateBoardChange } from "../../../protocol/gate-board";
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
  /** Gate view: an alert was acknowledged (by this guard or another). */
  alertAcknowledged?(alert: AlertView): void;
  /** Room view only: roll call, holder, leaves, doses or settings changed. */
  roomUpdated?(room: RoomDayView): void;
  /** Gate view only: rows of the early pickups, the late list or the gate register changed. */
  gateChanged?(change: GateBoardChange): void;
  tapNoticed(notice: RoomTapNotice): void;
}

/** A room or gate screen's socket: the view's pushes, and its commands (child, pass, room, gate). */
export class ScreenConnection {
  private readonly view: ViewSocket;

  constructor(request: ViewRequest, handlers: ViewHandlers) {
    this.view = new ViewSocket(request, handlers);
    const view = this.view;
    view.onUpdate("child:updated", (child) => handlers.childUpdated(child));
    view.onUpdate("pickup:requested", (announcement) => handlers.pickupRequested(announcement));
    view.onUpdate("alert:raised", (alert) => handlers.alertRaised(alert));
    view.onUpdate("alert:acknowledged", (alert) => handlers.alertAcknowledged?.(alert));
    view.onUpdate("tap:noticed", (notice) => handlers.tapNoticed(notice));
    view.onUpdate("room:updated", (room) => handlers.roomUpdated?.(room));
    view.onUpdate("gate:changed", (change) => handlers.gateChanged?.(change));
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
