import { type AlertView, type GateBoard, WanfengError } from "../../../protocol";
import { canAcknowledgeAlert, canCollect, canKeepGateRecord } from "../../auth/access";
import type { DayService } from "../../day/day-service";
import type { User } from "../../domain/entities";
import type { DayEvent } from "../../domain/events";
import { decideAlertAck } from "../../domain/gate/alert-ack";
import {
  decideContactLog,
  decideEarlyCancel,
  decideEarlyRegistration,
  decideReceptionMove,
  decideReentry,
  type GateCommandContext,
} from "../../domain/gate/gate-commands";
import { searchChildren } from "../../domain/gate/gate-search";
import { gateBoard } from "../../domain/gate/gate-views";
import { alertView } from "../../domain/views";
import type { CommandTable, ScreenCommand } from "./command-table";

export type GateCommandName =
  | "child:collect"
  | "gate:registerEarly"
  | "gate:cancelEarly"
  | "gate:logContact"
  | "gate:moveToReception"
  | "gate:reenter"
  | "alert:acknowledge"
  | "gate:search";

export interface GateCommandDeps {
  day: DayService;
  clock: () => Date;
  newId: () => string;
}

/**
 * The gate (rules 7–10): the guard (or admin) confirms handovers and keeps the gate's record. Each
 * record command is a pure decision recorded through the day service; the sender gets the new
 * board, the other gate screens the changed rows (publisher).
 */
export function gateCommands(deps: GateCommandDeps): CommandTable<GateCommandName> {
  const { day } = deps;
  return {
    "child:collect": {
      allowed: (user) => canCollect(user),
      run: ({ childId }, { user }) => day.runChildCommand("collect", childId, { kind: "user", id: user.id }),
    },
    "gate:registerEarly": gateRecord(deps, decideEarlyRegistration),
    "gate:cancelEarly": gateRecord(deps, decideEarlyCancel),
    "gate:logContact": gateRecord(deps, decideContactLog),
    "gate:moveToReception": gateRecord(deps, decideReceptionMove),
    "gate:reenter": gateRecord(deps, decideReentry),
    "alert:acknowledge": {
      allowed: (user) => canAcknowledgeAlert(user),
      run: async (command, { user }) => {
        await day.recordDecision((_roster, state, now) => ({
          result: undefined,
          events: decideAlertAck(state, command, byUser(user), now, deps.newId),
        }));
        return day.inspect((roster, state): AlertView => {
          const raised = state.alerts.find((a) => a.id === command.alertId);
          if (!raised) throw new WanfengError("NOT_FOUND", `no alert ${command.alertId}`);
          return alertView(roster, raised, state.alertAcks.get(raised.id));
        });
      },
    },
    // Any child of the school, but only for those who keep the gate (guard, admin).
    "gate:search": {
      allowed: (user) => canKeepGateRecord(user),
      run: ({ query }) => day.inspect((roster, state) => searchChildren(roster, state, query)),
    },
  };
}

type GateRecordName = Exclude<GateCommandName, "child:collect" | "alert:acknowledge" | "gate:search">;

function gateRecord<K extends GateRecordName>(
  deps: GateCommandDeps,
  decide: (ctx: GateCommandContext, command: Parameters<ScreenCommand<K>["run"]>[0]) => DayEvent[],
): ScreenCommand<K> {
  return {
    allowed: (user) => canKeepGateRecord(user),
    run: async (command, { user }) => {
      await deps.day.recordDecision((roster, state, now) => ({
        result: undefined,
        events: decide({ roster, state, now, user: byUser(user), newId: deps.newId }, command),
      }));
      return deps.day.inspect((roster, state): GateBoard => gateBoard(roster, state, deps.clock()));
    },
  };
}

function byUser(user: User) {
  return { id: user.id, name: user.displayName };
}
