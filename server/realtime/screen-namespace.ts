import { randomUUID } from "node:crypto";
import type { Server } from "socket.io";
import { sessionTokenFromCookieHeader } from "../auth/session-cookie";
import { resolveSession } from "../auth/sessions";
import { sha256Hex } from "../auth/tokens";
import type { DayService } from "../day/day-service";
import { PassService } from "../passes/pass-service";
import type { SessionStore, UserStore } from "../ports/access";
import type { LeaveStore, PassStore } from "../ports/care";
import type { RoomService } from "../room/room-service";
import { attachCommands, type ScreenCommandTable } from "./commands/command-table";
import { gateCommands } from "./commands/gate-commands";
import { passCommands } from "./commands/pass-commands";
import { roomCommands } from "./commands/room-commands";
import { technicianCommands } from "./commands/technician-commands";
import { viewCommands } from "./commands/view-commands";
import { connectError } from "./connect-error";
import { type ScreenNamespace, screenNamespace } from "./namespaces";
import { attachDayPublisher } from "./publish/day-publisher";
import { ScreenStreams } from "./publish/screen-streams";
import { SessionSockets } from "./session-sockets";
import type { TechnicianHub } from "./technician-part";

export interface ScreenNamespaceDeps {
  store: SessionStore & UserStore & PassStore & LeaveStore;
  day: DayService;
  rooms: RoomService;
  technician: TechnicianHub;
  clock: () => Date;
}

export interface ScreensAttached {
  screens: ScreenNamespace;
  streams: ScreenStreams;
  sessions: SessionSockets;
}

/**
 * Kiosks, the guard screen, the overview and the technician page: logged-in users. Every command
 * goes through one table (commands/), every update leaves through one publisher (publish/).
 */
export function attachScreenNamespace(io: Server, deps: ScreenNamespaceDeps): ScreensAttached {
  const { store, day, clock } = deps;
  const screens = screenNamespace(io);
  const streams = new ScreenStreams(screens);

  screens.use(async (socket, next) => {
    const token = sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    const user = token ? await resolveSession(store, token, clock()) : undefined;
    if (!user) {
      next(connectError("AUTH_REQUIRED"));
      return;
    }
    socket.data.user = user;
    socket.data.sessionHash = sha256Hex(token ?? "");
    next();
  });

  attachDayPublisher({ day, streams, clock, leaves: () => store.leaves() });

  const passes = new PassService({ store, day, clock, newId: randomUUID });
  const table: ScreenCommandTable = {
    ...viewCommands({ day, streams, technician: deps.technician, clock }),
    ...roomCommands({ day, rooms: deps.rooms }),
    ...gateCommands({ day, clock, newId: randomUUID }),
    ...passCommands(passes),
    ...technicianCommands(deps.technician, deps.technician.enrolment),
  };
  const sessions = new SessionSockets(screens, store, clock);
  screens.on("connection", (socket) => attachCommands(socket, table, sessions.userOf));
  return { screens, streams, sessions };
}
