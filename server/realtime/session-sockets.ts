import { createLogger } from "../../common/log";
import { resolveSessionHash } from "../auth/sessions";
import type { User } from "../domain/entities";
import type { SessionStore, UserStore } from "../ports/access";
import type { ScreenSocket } from "./commands/command-table";
import type { ScreenNamespace } from "./namespaces";

const log = createLogger("session-sockets");

/**
 * A screen socket lives only as long as its login session: a logout closes it at once, an
 * expired or removed session (password reset, user removed) at the next sweep or command.
 */
export class SessionSockets {
  constructor(
    private readonly screens: ScreenNamespace,
    private readonly store: SessionStore & UserStore,
    private readonly clock: () => Date,
  ) {}

  /** The socket's user as of now, or undefined when its session is over. */
  readonly userOf = (socket: ScreenSocket): User | undefined =>
    resolveSessionHash(this.store, socket.data.sessionHash, this.clock());

  /** After a logout: every socket opened with that session. */
  end(tokenHash: string): void {
    for (const socket of this.screens.sockets.values()) {
      if (socket.data.sessionHash !== tokenHash) continue;
      log.info({ user: socket.data.user.username }, "socket closed at logout");
      socket.disconnect(true);
    }
  }

  /** Closes the sockets whose session expired or was removed. */
  sweep(): void {
    for (const socket of this.screens.sockets.values()) {
      if (this.userOf(socket) !== undefined) continue;
      log.info({ user: socket.data.user.username }, "socket closed: session over");
      socket.disconnect(true);
    }
  }
}
