import { io, type Socket } from "socket.io-client";
import type { ScreenCommandAnswer, ScreenCommandInput, ScreenCommandName } from "../../../protocol/commands";
import type { Ack } from "../../../protocol/errors";
import {
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ScreenUpdate,
  type ScreenUpdateItem,
  type ServerToScreenEvents,
  type VersionedScreenEvent,
} from "../../../protocol/events";
import type { ViewRequest, ViewSnapshot } from "../../../protocol/model";
import type { ConnectionState } from "./app";
import { learnServerTime } from "./server-clock";
import { UpdateStream } from "./update-stream";

export type ScreenSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;

/** Every screen command in protocol/commands.ts but view:join, which is the socket's own business. */
export type CommandName = Exclude<ScreenCommandName, "view:join">;
export type CommandPayload<E extends CommandName> = ScreenCommandInput<E>;
export type CommandAnswer<E extends CommandName> = Ack<ScreenCommandAnswer<E>>;

/** What every screen does with its connection, whatever view it shows. */
export interface ViewSocketHandlers {
  /** A fresh snapshot after (re)joining: replace all state with it. */
  snapshot(snapshot: ViewSnapshot): void;
  joinFailed(code: string): void;
  connection(state: ConnectionState): void;
  /** The server refused the socket for want of a valid session. */
  authLost(): void;
}

const COMMAND_TIMEOUT_MS = 10_000;
/** How long a command waits for a dropped socket to come back before it reports OFFLINE. */
const RECONNECT_GRACE_MS = 5_000;
const AUTH_ERRORS = new Set(["AUTH_REQUIRED", "AUTH_BAD_TOKEN", "AUTH_FORBIDDEN"]);

/**
 * One screen's socket to the server: joins its view on every connect (so a reconnect replaces the
 * state with a new snapshot), joins again on view:stale, reconnects after the server dropped it,
 * and sends commands with a timeout. Screens add their own listeners on `socket`.
 */
export class ViewSocket {
  readonly socket: ScreenSocket;
  private joinSeq = 0;
  private readonly updates = new UpdateStream(() => this.join());
  private readonly appliers = new Map<VersionedScreenEvent, (update: never) => void>();
  private closed = false;

  constructor(
    private readonly request: ViewRequest,
    private readonly handlers: ViewSocketHandlers,
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
    s.on("view:stale", () => this.join());
    s.on("updates", (items, version) => this.updates.update(version, () => this.apply(items)));
  }

  /**
   * Listens to an update of the view's stream. Updates are applied in version order; one the
   * snapshot already includes is skipped; a gap (a missed update) asks for a new snapshot.
   */
  onUpdate<E extends VersionedScreenEvent>(event: E, apply: (update: ScreenUpdate<E>) => void): void {
    this.appliers.set(event, apply as (update: never) => void);
  }

  /** One step of the stream, its updates in order; one this screen does not show is passed over. */
  private apply(items: readonly ScreenUpdateItem[]): void {
    for (const item of items) {
      const apply = this.appliers.get(item.event) as
        | ((update: ScreenUpdateItem["update"]) => void)
        | undefined;
      apply?.(item.update);
    }
  }

  /** Asks for the view's snapshot; an answer to an older join is ignored. */
  join(): void {
    const seq = ++this.joinSeq;
    this.updates.awaitSnapshot();
    this.socket.timeout(COMMAND_TIMEOUT_MS).emit("view:join", this.request, (err, answer) => {
      if (this.closed || seq !== this.joinSeq) return;
      if (err) {
        // No answer: try again while connected; a reconnect joins anyway.
        if (this.socket.connected) this.join();
        return;
      }
      if ("error" in answer) this.handlers.joinFailed(answer.error.code);
      else {
        learnServerTime(answer.data.serverAt);
        this.updates.snapshot(answer.data.version, () => this.handlers.snapshot(answer.data));
      }
    });
  }

  /**
   * Sends a command; offline or no answer in time comes back as an INTERNAL error, never a throw.
   * A tablet's socket drops and comes back (Wi-Fi blips, waking from sleep): a touch during such a
   * reconnect waits for it briefly instead of failing. The command is still sent once, after it.
   */
  async send<E extends CommandName>(name: E, payload: CommandPayload<E>): Promise<CommandAnswer<E>> {
    const failed = (message: string) => ({ error: { code: "INTERNAL", message } }) as CommandAnswer<E>;
    if (!(await this.connectedWithin(RECONNECT_GRACE_MS))) return failed("OFFLINE");
    // socket.io cannot narrow an emit over a union of event names; the types above keep it typed.
    const timed = this.socket.timeout(COMMAND_TIMEOUT_MS);
    const emit = timed.emit as unknown as (
      name: E,
      payload: CommandPayload<E>,
      ack: (err: Error | null, answer: CommandAnswer<E>) => void,
    ) => void;
    return new Promise((resolve) => {
      emit.call(timed, name, payload, (err, answer) => resolve(err ? failed("TIMEOUT") : answer));
    });
  }

  private connectedWithin(ms: number): Promise<boolean> {
    if (this.socket.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (connected: boolean) => {
        clearTimeout(timer);
        this.socket.off("connect", onConnect);
        resolve(connected);
      };
      const onConnect = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.socket.on("connect", onConnect);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close(): void {
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
