import type { Ack } from "../../../protocol/errors";
import type { ServerToScreenEvents } from "../../../protocol/events";
import type { DeviceStatusView, HolderMatch } from "../../../protocol/technician";
import { call } from "../shell/http";
import {
  type CommandAnswer,
  type CommandName,
  type CommandPayload,
  ViewSocket,
  type ViewSocketHandlers,
} from "../shell/view-socket";

export interface TechnicianHandlers extends ViewSocketHandlers {
  deviceStatus(device: DeviceStatusView): void;
  consoleFrame: ServerToScreenEvents["console:frame"];
  enrolmentDone: ServerToScreenEvents["enrolment:done"];
}

/** The technician screen's socket: device status, console frames and enrolments, and its commands. */
export class TechnicianConnection {
  private readonly view: ViewSocket;

  constructor(handlers: TechnicianHandlers) {
    this.view = new ViewSocket({ view: "technician" }, handlers);
    const s = this.view.socket;
    this.view.onUpdate("device:status", (d) => handlers.deviceStatus(d));
    s.on("console:frame", (f) => handlers.consoleFrame(f));
    s.on("enrolment:done", (d) => handlers.enrolmentDone(d));
  }

  join(): void {
    this.view.join();
  }

  command<E extends CommandName>(name: E, payload: CommandPayload<E>): Promise<CommandAnswer<E>> {
    return this.view.send(name, payload);
  }

  close(): void {
    this.view.close();
  }
}

/** Whom a card can be bound to (GET /api/roster/holders). */
export function searchHolders(q: string): Promise<Ack<HolderMatch[]>> {
  return call<HolderMatch[]>("GET", `/api/roster/holders?q=${encodeURIComponent(q)}`);
}
