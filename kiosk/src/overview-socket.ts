import { io, type Socket } from "socket.io-client";
import {
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
} from "../../protocol/events";
import type { AlertView, ViewSnapshot } from "../../protocol/model";
import type { OverviewUpdate } from "../../protocol/overview";
import type { ConnectionState } from "./app";

type ScreenSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;

export interface OverviewHandlers {
  snapshot(snapshot: ViewSnapshot): void;
  joinFailed(code: string): void;
  update(update: OverviewUpdate): void;
  alertRaised(alert: AlertView): void;
  connection(state: ConnectionState): void;
  authLost(): void;
}

const JOIN_TIMEOUT_MS = 10_000;
/** Children become late at care end without any event: the snapshot is fetched again each minute. */
const REFRESH_MS = 60_000;
const AUTH_ERRORS = new Set(["AUTH_REQUIRED", "AUTH_BAD_TOKEN", "AUTH_FORBIDDEN"]);

/**
 * The overview screen's socket: joins the overview on every connect (a reconnect replaces the
 * state), re-joins on view:stale and every minute, and hears the pushed counts and alerts.
 */
export class OverviewConnection {
  private readonly socket: ScreenSocket;
  private readonly refresh: ReturnType<typeof setInterval>;
  private joinSeq = 0;
  private closed = false;

  constructor(private readonly handlers: OverviewHandlers) {
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
    s.on("overview:update", (u) => handlers.update(u));
    s.on("alert:raised", (a) => handlers.alertRaised(a));
    this.refresh = setInterval(() => this.socket.connected && this.join(), REFRESH_MS);
  }

  join(): void {
    const seq = ++this.joinSeq;
    this.socket.timeout(JOIN_TIMEOUT_MS).emit("view:join", { view: "overview" }, (err, answer) => {
      if (this.closed || seq !== this.joinSeq) return;
      if (err) {
        if (this.socket.connected) this.join();
        return;
      }
      if ("error" in answer) this.handlers.joinFailed(answer.error.code);
      else this.handlers.snapshot(answer.data);
    });
  }

  close(): void {
    this.closed = true;
    clearInterval(this.refresh);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
