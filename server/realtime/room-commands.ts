import type { Socket } from "socket.io";
import {
  AbsenceResolveSchema,
  HandoverSchema,
  HealthUpdateSchema,
  LeaveCancelSchema,
  LeaveRecordSchema,
  MedicationGiveSchema,
  RollCallConfirmSchema,
  type RoomDayView,
  RoomSettingsUpdateSchema,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
} from "../../protocol";
import type { RoomService } from "../room/room-service";
import { answerCommand, parseCommand } from "./command-helpers";
import type { ScreenNamespace, ScreenSocketData } from "./namespaces";
import { groupRoom } from "./rooms";

type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;

/**
 * The care room's socket commands. Each is validated here and role-checked by the service; a
 * change is answered to the sender and sent as room:updated to the group's other kiosks.
 */
export function attachRoomCommands(socket: ScreenSocket, rooms: RoomService, screens: ScreenNamespace): void {
  const user = () => socket.data.user;
  const told = (view: RoomDayView) => {
    screens.to(groupRoom(view.groupId)).emit("room:updated", view);
    return view;
  };
  socket.on("rollcall:confirm", (raw, ack) =>
    answerCommand(ack, async () =>
      told(await rooms.rollCall(user(), parseCommand(RollCallConfirmSchema, raw))),
    ),
  );
  socket.on("leave:record", (raw, ack) =>
    answerCommand(ack, async () =>
      told(await rooms.recordLeave(user(), parseCommand(LeaveRecordSchema, raw))),
    ),
  );
  socket.on("leave:cancel", (raw, ack) =>
    answerCommand(ack, async () =>
      told(await rooms.cancelLeave(user(), parseCommand(LeaveCancelSchema, raw))),
    ),
  );
  socket.on("absence:resolve", (raw, ack) =>
    answerCommand(ack, async () =>
      told(await rooms.resolveAbsence(user(), parseCommand(AbsenceResolveSchema, raw))),
    ),
  );
  socket.on("group:handover", (raw, ack) =>
    answerCommand(ack, async () => told(await rooms.handover(user(), parseCommand(HandoverSchema, raw)))),
  );
  socket.on("medication:give", (raw, ack) =>
    answerCommand(ack, async () =>
      told(await rooms.giveMedication(user(), parseCommand(MedicationGiveSchema, raw))),
    ),
  );
  socket.on("room:settings", (raw, ack) =>
    answerCommand(ack, async () =>
      told(await rooms.updateSettings(user(), parseCommand(RoomSettingsUpdateSchema, raw))),
    ),
  );
  socket.on("health:update", (raw, ack) =>
    answerCommand(ack, () => rooms.updateHealth(user(), parseCommand(HealthUpdateSchema, raw))),
  );
}
