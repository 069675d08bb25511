import { canUseTechnicianTools } from "../../auth/access";
import type { EnrolmentService } from "../../enrolment/enrolment-service";
import type { TechnicianHub } from "../technician-part";
import type { CommandTable, ScreenCommand } from "./command-table";

export type TechnicianCommandName =
  | "console:open"
  | "console:close"
  | "device:configureReaders"
  | "enrolment:start"
  | "enrolment:cancel"
  | "card:bind";

/** The technician's tools (technician and admin): reader console, reader set-up, card enrolment. */
export function technicianCommands(
  hub: TechnicianHub,
  enrolment: EnrolmentService,
): CommandTable<TechnicianCommandName> {
  return {
    "console:open": tool((command, { socket }) => hub.openConsole(socket, command)),
    "console:close": tool((_command, { socket }) => {
      hub.closeConsole(socket.id);
      return null;
    }),
    "device:configureReaders": tool((command) => hub.configureReaders(command)),
    "enrolment:start": tool(({ deviceId, holder }, { user, socket }) =>
      enrolment.start(user, socket.id, deviceId, holder),
    ),
    "enrolment:cancel": tool(({ deviceId }, { socket }) => {
      enrolment.cancel(socket.id, deviceId);
      return null;
    }),
    "card:bind": tool(({ holder, cardNumber }, { user }) => enrolment.bindByNumber(user, holder, cardNumber)),
  };
}

function tool<K extends TechnicianCommandName>(run: ScreenCommand<K>["run"]): ScreenCommand<K> {
  return { allowed: (user) => canUseTechnicianTools(user), run };
}
