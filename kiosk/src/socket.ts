import { io, type Socket } from "socket.io-client";
import type { Ack } from "../../protocol/errors";
import {
  type PickupAnnouncement,
  type RoomTapNotice,
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
} from "../../protocol/events";
import type { GateBoard } from "../../protocol/gate";
import type { AlertView, ChildDayView, ViewRequest, ViewSnapshot } from "../../protocol/model";
import type { RoomDayView } from "../../protocol/room";
import type { ConnectionState } from "./app";

type ScreenSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;

export type ChildCommandName = "child:checkIn" | "child:release" | "child:collect";

/** Delegate-pass commands: payload and answer types come from the protocol's event map. */
export type PassCommandName = "pass:create" | "pass:list" | "pass:revoke" | "pass:redeemShortCode";
/** Care-room commands (protocol/room.ts), sent and typed like the pass commands. */
export type RoomCommandName =
  | "rollcall:confirm"
  | "leave:record"
  | "leave:cancel"
  | "absence:resolve"
  | "group:handover"
  | "medication:give"
  | "room:settings";
/** The guard's gate-record commands (protocol/gate.ts); each answers with the new gate board. */
export type GateCommandName =
  | "gate:registerEarly"
  | "gate:cancelEarly"
  | "gate:logContact"
  | "gate:moveToReception"
  | "gate:reenter";
type CommandName = PassCommandName | RoomCommandName | GateCommandName;
type Payload<E extends CommandName> = Parameters<ScreenToServerEvents[E]>[0];
type Answer<E extends CommandName> = Parameters<Parameters<ScreenToServerEvents[E]>[1]>[0];

/** What a screen does with what the server tells it. */
export interface ViewHandlers {
  /** A fresh snapshot after (re)joining: replace all state with it. */
  snapshot(snapshot: ViewSnapshot): void;
  joinFailed(code: string): void;
  childUpdated(child: ChildDayView): void;
  pickupRequested(announcement: PickupAnnouncement): void;
  alertRaised(alert: AlertView): void;
  /** Room view only: roll call, holder, leaves, doses or settings changed. */
  roomUpdated?(room: RoomDayView): void;
  /** Gate view only: early pickups, the late list or the gate register changed. */
  gateBoard?(board: GateBoard): void;
  tapNoticed(notice: RoomTapNotice): void;
  connection(state: ConnectionState): void;
  /** The server refused the socket for want of a valid session. */
  authLost(): void;
}

const COMMAND_TIMEOUT_MS = 10_000;
const AUTH_ERRORS = new Set(["AUTH_REQUIRED", "AUTH_BAD_TOKEN", "AUTH_FORBIDDEN"]);

/**
 * One screen's socket: joins its view on every connect (so a reconnect replaces the state with a
 * new snapshot), re-joins on view:stale, and sends commands with a timeout.
 */
export class ScreenConnection {
  private readonly socket: ScreenSocket;
  private joinSeq = 0;
  private closed = false;

  constructor(
    private readonly request: ViewRequest,
    private readonly handlers: ViewHandlers,
  ) {
    this.socket = io(SCREEN_NAMESPACE, { withCredentials: true });
    const s = this.socket;
    s.on("connect", () => {
      handlers.connection("online");
      this.join();
    });
    s.on("disconnect", (reason) => {
      if (this.closed) return;
      handlers.connection("reconnecting");
      // The server closed us on purpose (restart, session change): socket.io will not retry alone.
      if (reason === "io server disconnect") setTimeout(() => this.closed || s.connect(), 1000);
    });
    s.on("connect_error", (err) => {
      handlers.connection(s.active ? "reconnecting" : "offline");
      if (AUTH_ERRORS.has(err.message)) handlers.authLost();
      else if (!s.active) setTimeout(() => this.closed || s.connect(), 3000);
    });
    s.on("child:updated", (child) => handlers.childUpdated(child));
    s.on("pickup:requested", (announcement) => handlers.pickupRequested(announcement));
    s.on("alert:raised", (alert) => handlers.alertRaised(alert));
    s.on("tap:noticed", (notice) => handlers.tapNoticed(notice));
    s.on("room:updated", (room) => handlers.roomUpdated?.(room));
    s.on("gate:board", (board) => handlers.gateBoard?.(board));
    s.on("view:stale", () => this.join());
  }

  /** Asks for the view's snapshot; an answer to an older join is ignored. */
  join(): void {
    const seq = ++this.joinSeq;
    this.socket.timeout(COMMAND_TIMEOUT_MS).emit("view:join", this.request, (err, answer) => {
      if (this.closed || seq !== this.joinSeq) return;
      if (err) {
        // No answer: try again while connected; a reconnect joins anyway.
        if (this.socket.connected) this.join();
        return;
      }
      if ("error" in answer) this.handlers.joinFailed(answer.error.code);
      else this.handlers.snapshot(answer.data);
    });
  }

  command(name: ChildCommandName, childId: string): Promise<Ack<ChildDayView>> {
    if (!this.socket.connected) {
      return Promise.resolve({ error: { code: "INTERNAL", message: "OFFLINE" } });
    }
    return new Promise((resolve) => {
      this.socket.timeout(COMMAND_TIMEOUT_MS).emit(name, { childId }, (err, answer) => {
        if (err) resolve({ error: { code: "INTERNAL", message: "TIMEOUT" } });
        else resolve(answer);
      });
    });
  }

  passCommand<E extends CommandName>(name: E, payload: Payload<E>): Promise<Answer<E>> {
    const failed = (message: string) => ({ error: { code: "INTERNAL", message } }) as Answer<E>;
    if (!this.socket.connected) return Promise.resolve(failed("OFFLINE"));
    // socket.io cannot narrow an emit over a union of event names; the map above keeps it typed.
    const timed = this.socket.timeout(COMMAND_TIMEOUT_MS);
    const emit = timed.emit as unknown as (
      name: E,
      payload: Payload<E>,
      ack: (err: Error | null, answer: Answer<E>) => void,
    ) => void;
    return new Promise((resolve) => {
      emit.call(timed, name, payload, (err, answer) => resolve(err ? failed("TIMEOUT") : answer));
    });
  }

  roomCommand<E extends RoomCommandName>(name: E, payload: Payload<E>): Promise<Answer<E>> {
    return this.passCommand(name, payload);
  }

  gateCommand<E extends GateCommandName>(name: E, payload: Payload<E>): Promise<Answer<E>> {
    return this.passCommand(name, payload);
  }

  close(): void {
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
