import { canEditHealth, canOpenGroup } from "../../auth/access";
import type { DayService } from "../../day/day-service";
import type { RoomService } from "../../room/room-service";
import type { CommandTable } from "./command-table";

export type RoomCommandName =
  | "child:checkIn"
  | "child:release"
  | "rollcall:confirm"
  | "leave:record"
  | "leave:cancel"
  | "absence:resolve"
  | "group:handover"
  | "medication:give"
  | "room:settings"
  | "health:update";

export interface RoomCommandDeps {
  day: DayService;
  rooms: RoomService;
}

/**
 * The care room's commands (rules 4, 5, 11, 16): a teacher of the child's or the group's care
 * group, or admin; health notes come through the office (admin). Screens hear the outcome
 * through the publisher; the sender also gets it as the answer.
 */
export function roomCommands({ day, rooms }: RoomCommandDeps): CommandTable<RoomCommandName> {
  const ofChild = (user: Parameters<typeof canOpenGroup>[0], childId: string) =>
    canOpenGroup(user, rooms.groupOfChild(childId));
  const actor = (id: string) => ({ kind: "user" as const, id });
  return {
    "child:checkIn": {
      allowed: (user, { childId }) => ofChild(user, childId),
      run: ({ childId }, { user }) => day.runChildCommand("checkIn", childId, actor(user.id)),
    },
    "child:release": {
      allowed: (user, { childId }) => ofChild(user, childId),
      run: ({ childId }, { user }) => day.runChildCommand("release", childId, actor(user.id)),
    },
    "rollcall:confirm": {
      allowed: (user, { groupId }) => canOpenGroup(user, groupId),
      run: (command, { user }) => rooms.rollCall(user, command),
    },
    "leave:record": {
      allowed: (user, { childId }) => ofChild(user, childId),
      run: (command, { user }) => rooms.recordLeave(user, command),
    },
    "leave:cancel": {
      allowed: (user, { leaveId }) => canOpenGroup(user, rooms.groupOfLeave(leaveId)),
      run: (command, { user }) => rooms.cancelLeave(user, command),
    },
    "absence:resolve": {
      allowed: (user, { childId }) => ofChild(user, childId),
      run: (command, { user }) => rooms.resolveAbsence(user, command),
    },
    "group:handover": {
      allowed: (user, { groupId }) => canOpenGroup(user, groupId),
      run: (command, { user }) => rooms.handover(user, command),
    },
    "medication:give": {
      allowed: (user, { childId }) => ofChild(user, childId),
      run: (command, { user }) => rooms.giveMedication(user, command),
    },
    "room:settings": {
      allowed: (user, { groupId }) => canOpenGroup(user, groupId),
      run: (command) => rooms.updateSettings(command),
    },
    "health:update": {
      allowed: (user, { childId }) => {
        rooms.groupOfChild(childId);
        return canEditHealth(user);
      },
      run: (command, { user }) => rooms.updateHealth(user, command),
    },
  };
}
