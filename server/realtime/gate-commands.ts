import type { Socket } from "socket.io";
import type { z } from "zod";
import { createLogger } from "../../common/log";
import {
  ContactLogSchema,
  EarlyCancelSchema,
  EarlyRegisterSchema,
  type GateBoard,
  ReceptionMoveSchema,
  ReentrySchema,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
  WanfengError,
} from "../../protocol";
import { canKeepGateRecord } from "../auth/access";
import type { DayService } from "../day/day-service";
import type { DayEvent, DayEventType } from "../domain/events";
import {
  decideContactLog,
  decideEarlyCancel,
  decideEarlyRegistration,
  decideReceptionMove,
  decideReentry,
  type GateCommandContext,
} from "../domain/gate/gate-commands";
import { gateBoard } from "../domain/gate/gate-views";
import { childView } from "../domain/views";
import { answerCommand, parseCommand } from "./command-helpers";
import type { ScreenNamespace, ScreenSocketData } from "./namespaces";
import { GATE_ROOM } from "./rooms";

const log = createLogger("gate-commands");

type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;

export interface GateDeps {
  day: DayService;
  clock: () => Date;
  newId: () => string;
}

type Decide<C> = (ctx: GateCommandContext, command: C) => DayEvent[];

/** The guard's gate-record commands: each validated, role-checked, decided purely and recorded. */
export function attachGateCommands(socket: ScreenSocket, deps: GateDeps): void {
  const on = <C>(
    name:
      | "gate:registerEarly"
      | "gate:cancelEarly"
      | "gate:logContact"
      | "gate:moveToReception"
      | "gate:reenter",
    schema: z.ZodType<C>,
    decide: Decide<C>,
  ) => {
    socket.on(name, (raw: unknown, ack: unknown) =>
      answerCommand(ack, () => run(socket, deps, parseCommand(schema, raw), decide, name)),
    );
  };
  on("gate:registerEarly", EarlyRegisterSchema, decideEarlyRegistration);
  on("gate:cancelEarly", EarlyCancelSchema, decideEarlyCancel);
  on("gate:logContact", ContactLogSchema, decideContactLog);
  on("gate:moveToReception", ReceptionMoveSchema, decideReceptionMove);
  on("gate:reenter", ReentrySchema, decideReentry);
}

async function run<C>(
  socket: ScreenSocket,
  deps: GateDeps,
  command: C,
  decide: Decide<C>,
  name: string,
): Promise<GateBoard> {
  const user = socket.data.user;
  if (!canKeepGateRecord(user)) {
    log.warn({ user: user.username, role: user.role, command: name }, "gate command forbidden");
    throw new WanfengError("AUTH_FORBIDDEN", `${user.role} may not ${name}`);
  }
  await deps.day.recordDecision((roster, state, now) => ({
    result: undefined,
    events: decide(
      { roster, state, now, user: { id: user.id, name: user.displayName }, newId: deps.newId },
      command,
    ),
  }));
  return deps.day.inspect((roster, state) => gateBoard(roster, state, deps.clock()));
}

/** Events after which the guard's board (early pickups, late list, register) looks different. */
const BOARD_EVENTS: ReadonlySet<DayEventType> = new Set<DayEventType>([
  "pickup:earlyAsked",
  "pickup:earlyRegistered",
  "pickup:earlyCancelled",
  "child:markedLate",
  "child:movedToReception",
  "contact:logged",
  "child:reentered",
  "pickup:requested",
  "child:released",
  "child:collected",
]);

/** Sends the recomputed board to the gate screens whenever something on it changed. */
export function publishGateBoard(screens: ScreenNamespace, deps: GateDeps): void {
  deps.day.onEvents((events, roster, state) => {
    if (!events.some((e) => BOARD_EVENTS.has(e.type))) return;
    screens.to(GATE_ROOM).emit("gate:board", gateBoard(roster, state, deps.clock()));
    // A child back in care leaves the gate's queue; the publisher only tells the gate about gate stages.
    for (const event of events) {
      if (event.type !== "child:reentered") continue;
      const view = childView(roster, state, event.childId);
      if (view) screens.to(GATE_ROOM).emit("child:updated", view);
    }
  });
}
