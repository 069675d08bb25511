import type { ViewRequest, ViewSnapshot } from "../../../protocol";
import { canOpenGate, canOpenGroup, canReadOverview, canUseTechnicianTools } from "../../auth/access";
import type { DayService } from "../../day/day-service";
import type { User } from "../../domain/entities";
import { overviewSnapshot } from "../../domain/overview/overview-views";
import type { ScreenStreams } from "../publish/screen-streams";
import { GATE_ROOM, groupRoom, isConsoleRoom, OVERVIEW_ROOM, TECHNICIAN_ROOM } from "../rooms";
import type { TechnicianHub } from "../technician-part";
import type { CommandTable, ScreenSocket } from "./command-table";

export interface ViewCommandDeps {
  day: DayService;
  streams: ScreenStreams;
  technician: TechnicianHub;
  clock: () => Date;
}

/**
 * Opening a view: the socket leaves its other views, joins the view's room and gets a snapshot
 * with the version of the room's update stream it includes. A teacher opens their groups, the
 * guard the gate, the technician the devices, the duty leader the overview; admin all of them.
 */
export function viewCommands(deps: ViewCommandDeps): CommandTable<"view:join"> {
  return {
    "view:join": {
      allowed: (user, request) => mayOpen(user, request),
      run: async (request, { socket }) => {
        const room = roomOf(request);
        await leaveViews(socket);
        await socket.join(room);
        return snapshotOf(deps, request, room);
      },
    },
  };
}

function mayOpen(user: User, request: ViewRequest): boolean {
  switch (request.view) {
    case "gate":
      return canOpenGate(user);
    case "technician":
      return canUseTechnicianTools(user);
    case "overview":
      return canReadOverview(user);
    case "room":
      return canOpenGroup(user, request.groupId);
  }
}

function roomOf(request: ViewRequest): string {
  switch (request.view) {
    case "gate":
      return GATE_ROOM;
    case "technician":
      return TECHNICIAN_ROOM;
    case "overview":
      return OVERVIEW_ROOM;
    case "room":
      return groupRoom(request.groupId);
  }
}

async function leaveViews(socket: ScreenSocket): Promise<void> {
  // A console stays open across views (and a technician view joined again after a gap).
  for (const room of socket.rooms) if (room !== socket.id && !isConsoleRoom(room)) await socket.leave(room);
}

async function snapshotOf(deps: ViewCommandDeps, request: ViewRequest, room: string): Promise<ViewSnapshot> {
  const { day, streams } = deps;
  const version = () => streams.version(room);
  switch (request.view) {
    case "gate":
      return day.gateSnapshot(version);
    case "technician":
      return deps.technician.snapshot();
    case "room":
      return day.groupSnapshot(request.groupId, version);
    case "overview":
      return day.inspect((roster, state) => {
        const overview = overviewSnapshot(roster, state, deps.clock());
        return {
          day: overview.day,
          serverAt: deps.clock().toISOString(),
          version: version(),
          schoolName: roster.settings.schoolName,
          children: [],
          alerts: overview.alerts,
          overview,
        };
      });
  }
}
