import { io, type Socket } from "socket.io-client";
import type { Ack } from "../../protocol/errors";
import {
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
} from "../../protocol/events";
import type { ViewSnapshot } from "../../protocol/model";
import type { HolderMatch } from "../../protocol/technician";
import type { ConnectionState } from "./app";

type ScreenSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;

export type TechnicianCommand =
  | "console:open"
  | "console:close"
  | "device:configureReaders"
  | "enrolment:start"
  | "enrolment:cancel"
  | "card:bind";
type Payload<E extends TechnicianCommand> = Parameters<ScreenToServerEvents[E]>[0];
type Answer<E extends TechnicianCommand> = Parameters<Parameters<ScreenToServerEvents[E]>[1]>[0];

export interface TechnicianHandlers {
  snapshot(snapshot: ViewSnapshot): void;
  joinFailed(code: string): void;
  deviceStatus: ServerToScreenEvents["device:status"];
  consoleFrame: ServerToScreenEvents["console:frame"];
  enrolmentDone: ServerToScreenEvents["enrolment:done"];
  connection(state: ConnectionState): void;
  authLost(): void;
}

const COMMAND_TIMEOUT_MS = 10_000;
const AUTH_ERRORS = new Set(["AUTH_REQUIRED", "AUTH_BAD_TOKEN", "AUTH_FORBIDDEN"]);

/**
 * The technician screen's socket: joins the technician view on every connect (a reconnect
 * replaces the state), re-joins on view:stale, and sends the technician's commands.
 */
export class TechnicianConnection {
  private readonly socket: ScreenSocket;
  private joinSeq = 0;
  private closed = false;

  constructor(private readonly handlers: TechnicianHandlers) {
    this.socket = io(SCREEN_NAMESPACE, { withCredentials: true });
    const s = this.socket;
    s.on("connect", () => {
      handlers.connection("online");
      this.join();
    });
    s.on("disconnect", (reason) => {
      if (this.closed) return;
      handlers.connection("reconnecting");
      if (reason === "io server disconnect") setTimeout(() => this.closed || s.connect(), 1000);
    });
    s.on("connect_error", (err) => {
      handlers.connection(s.active ? "reconnecting" : "offline");
      if (AUTH_ERRORS.has(err.message)) handlers.authLost();
      else if (!s.active) setTimeout(() => this.closed || s.connect(), 3000);
    });
    s.on("view:stale", () => this.join());
    s.on("device:status", (d) => handlers.deviceStatus(d));
    s.on("console:frame", (f) => handlers.consoleFrame(f));
    s.on("enrolment:done", (d) => handlers.enrolmentDone(d));
  }

  join(): void {
    const seq = ++this.joinSeq;
    this.socket.timeout(COMMAND_TIMEOUT_MS).emit("view:join", { view: "technician" }, (err, answer) => {
      if (this.closed || seq !== this.joinSeq) return;
      if (err) {
        if (this.socket.connected) this.join();
        return;
      }
      if ("error" in answer) this.handlers.joinFailed(answer.error.code);
      else this.handlers.snapshot(answer.data);
    });
  }

  command<E extends TechnicianCommand>(name: E, payload: Payload<E>): Promise<Answer<E>> {
    if (!this.socket.connected) {
      return Promise.resolve({ error: { code: "INTERNAL", message: "OFFLINE" } } as Answer<E>);
    }
    return new Promise((resolve) => {
      const timed = this.socket.timeout(COMMAND_TIMEOUT_MS);
      // Every technician command is (payload, ack): one cast instead of one overload per command.
      const emit = timed.emit as (
        e: string,
        p: unknown,
        cb: (err: Error | null, answer: Answer<E>) => void,
      ) => void;
      emit.call(timed, name, payload, (err, answer) => {
        if (err) resolve({ error: { code: "INTERNAL", message: "TIMEOUT" } } as Answer<E>);
        else resolve(answer);
      });
    });
  }

  close(): void {
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}

/** Whom a card can be bound to (GET /api/roster/holders). */
export async function searchHolders(q: string): Promise<Ack<HolderMatch[]>> {
  try {
    const res = await fetch(`/api/roster/holders?q=${encodeURIComponent(q)}`, {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    const body = (await res.json()) as Ack<HolderMatch[]>;
    return body;
  } catch {
    return { error: { code: "INTERNAL", message: "OFFLINE" } };
  }
}
