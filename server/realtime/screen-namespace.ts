import { randomUUID } from "node:crypto";
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { createLogger } from "../../common/log";
import {
  type Ack,
  ChildCommandSchema,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
  toWireError,
  ViewRequestSchema,
  type ViewSnapshot,
  WanfengError,
} from "../../protocol";
import { canCollect, canOpenGate, canOpenGroup, canUseTechnicianTools } from "../auth/access";
import { sessionTokenFromCookieHeader } from "../auth/session-cookie";
import { resolveSession } from "../auth/sessions";
import type { DayService } from "../day/day-service";
import type { ChildCommandKind } from "../domain/child-commands";
import type { User } from "../domain/entities";
import { PassService } from "../passes/pass-service";
import type { SessionStore, UserStore } from "../ports/access";
import type { LeaveStore, PassStore } from "../ports/care";
import type { RosterWriter } from "../ports/roster";
import { RoomService } from "../room/room-service";
import { connectError } from "./connect-error";
import { attachGateCommands, publishGateBoard } from "./gate-commands";
import { type ScreenNamespace, type ScreenSocketData, screenNamespace } from "./namespaces";
import { attachOverview, type OverviewPart } from "./overview-part";
import { attachPassCommands } from "./pass-commands";
import { publishDayEvents } from "./publisher";
import { attachRoomCommands } from "./room-commands";
import { GATE_ROOM, groupRoom, TECHNICIAN_ROOM } from "./rooms";

/** The technician view's snapshot (server/realtime/technician-part.ts). */
export interface TechnicianViews {
  snapshot(): Promise<ViewSnapshot>;
}

const log = createLogger("screen-socket");

type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;

/** Kiosks and the guard screen: logged-in users, each hearing only what their role and groups allow. */
export function attachScreenNamespace(
  io: Server,
  store: SessionStore & UserStore & PassStore & LeaveStore & RosterWriter,
  day: DayService,
  clock: () => Date,
  technician?: TechnicianViews,
): ScreenNamespace {
  const screens = screenNamespace(io);

  screens.use(async (socket, next) => {
    const token = sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    const user = token ? await resolveSession(store, token, clock()) : undefined;
    if (!user) {
      next(connectError("AUTH_REQUIRED"));
      return;
    }
    socket.data.user = user;
    next();
  });

  day.onEvents((events, roster, state) => publishDayEvents(screens, events, roster, state));
  day.onViewsStale(() => screens.emit("view:stale"));
  const overview = attachOverview(screens, day, clock);

  const passes = new PassService({ store, day, clock, newId: randomUUID });
  const gate = { day, clock, newId: randomUUID };
  publishGateBoard(screens, gate);
  const rooms = new RoomService({ store, day, clock, newId: randomUUID });
  screens.on("connection", (socket) => {
    attachRoomCommands(socket, rooms, screens);
    attachPassCommands(socket, passes);
    attachGateCommands(socket, gate);
    socket.on("view:join", (raw, ack) => answer(ack, () => joinView(socket, raw, day, technician, overview)));
    for (const kind of ["checkIn", "release", "collect"] as const) {
      socket.on(`child:${kind}`, (raw, ack) => answer(ack, () => childCommand(socket, kind, raw, day)));
    }
  });
  return screens;
}

async function joinView(
  socket: ScreenSocket,
  raw: unknown,
  day: DayService,
  technician: TechnicianViews | undefined,
  overview: OverviewPart,
) {
  const request = parse(ViewRequestSchema, raw);
  const user = socket.data.user;
  for (const room of socket.rooms) if (room !== socket.id) await socket.leave(room);
  if (request.view === "gate") {
    if (!canOpenGate(user)) throw forbidden(user, "gate");
    await socket.join(GATE_ROOM);
    return day.gateSnapshot();
  }
  if (request.view === "technician") {
    if (!canUseTechnicianTools(user) || !technician) throw forbidden(user, "technician");
    await socket.join(TECHNICIAN_ROOM);
    return technician.snapshot();
  }
  if (request.view === "overview") return overview.join(socket);
  if (!canOpenGroup(user, request.groupId)) throw forbidden(user, `group ${request.groupId}`);
  const snapshot = await day.groupSnapshot(request.groupId);
  await socket.join(groupRoom(request.groupId));
  return snapshot;
}

async function childCommand(socket: ScreenSocket, kind: ChildCommandKind, raw: unknown, day: DayService) {
  const { childId } = parse(ChildCommandSchema, raw);
  const user = socket.data.user;
  const groupId = day.childGroupId(childId);
  if (!groupId) throw new WanfengError("NOT_FOUND", `no child ${childId}`);
  const allowed = kind === "collect" ? canCollect(user) : canOpenGroup(user, groupId);
  if (!allowed) throw forbidden(user, `${kind} ${childId}`);
  return day.runChildCommand(kind, childId, { kind: "user", id: user.id });
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new WanfengError("VALIDATION_FAILED", z.prettifyError(result.error));
  return result.data;
}

function forbidden(user: User, what: string): WanfengError {
  log.warn({ user: user.username, role: user.role, what }, "screen action forbidden");
  return new WanfengError("AUTH_FORBIDDEN", `${user.role} may not open ${what}`);
}

async function answer<T>(ack: unknown, run: () => Promise<T>): Promise<void> {
  if (typeof ack !== "function") return;
  const reply = ack as (answer: Ack<T>) => void;
  try {
    reply({ data: await run() });
  } catch (err) {
    if (!(err instanceof WanfengError)) log.error({ err }, "screen command failed");
    reply({ error: toWireError(err) });
  }
}
