import { z } from "zod";
import { AlertAcknowledgeSchema, type AlertView } from "./alerts";
import type { Ack } from "./errors";
import {
  ContactLogSchema,
  EarlyCancelSchema,
  EarlyRegisterSchema,
  type GateBoard,
  ReceptionMoveSchema,
  ReentrySchema,
} from "./gate";
import { type GateSearchHit, GateSearchSchema } from "./gate-search";
import {
  ChildCommandSchema,
  type ChildDayView,
  type PassResult,
  ViewRequestSchema,
  type ViewSnapshot,
} from "./model";
import {
  PassCreateSchema,
  PassListSchema,
  PassRedeemSchema,
  PassRevokeSchema,
  type PassView,
} from "./passes";
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
} from "./room";
import {
  CardBindSchema,
  type CardBound,
  ConfigureReadersSchema,
  type ConsoleOpen,
  ConsoleOpenSchema,
  type DeviceStatusView,
  EnrolmentCancelSchema,
  type EnrolmentStarted,
  EnrolmentStartSchema,
} from "./technician";

/**
 * Every command a screen sends, in one table: its name, the schema its payload must pass and (as a
 * type only) what it answers. The server's command tables (server/realtime/commands/) give each
 * name its access rule and handler; the kiosk's `command()` takes its names and types from here.
 */

/** What a command answers; only its type matters (the value is never read). */
export interface Reply<T> {
  readonly reply: T;
}

function answers<T>(): Reply<T> {
  return {} as Reply<T>;
}

interface CommandSpec<S extends z.ZodType, R> {
  readonly payload: S;
  readonly answer: Reply<R>;
}

function command<S extends z.ZodType, R>(payload: S, answer: Reply<R>): CommandSpec<S, R> {
  return { payload, answer };
}

const NoPayloadSchema = z.object({}).strict();

export const SCREEN_COMMANDS = {
  "view:join": command(ViewRequestSchema, answers<ViewSnapshot>()),
  // The care room (rules 4, 5, 11, 16).
  "child:checkIn": command(ChildCommandSchema, answers<ChildDayView>()),
  "child:release": command(ChildCommandSchema, answers<ChildDayView>()),
  "rollcall:confirm": command(RollCallConfirmSchema, answers<RoomDayView>()),
  "leave:record": command(LeaveRecordSchema, answers<RoomDayView>()),
  "leave:cancel": command(LeaveCancelSchema, answers<RoomDayView>()),
  "absence:resolve": command(AbsenceResolveSchema, answers<RoomDayView>()),
  "group:handover": command(HandoverSchema, answers<RoomDayView>()),
  "medication:give": command(MedicationGiveSchema, answers<RoomDayView>()),
  "room:settings": command(RoomSettingsUpdateSchema, answers<RoomDayView>()),
  "health:update": command(HealthUpdateSchema, answers<ChildDayView>()),
  // The gate: handovers and the gate's record (rules 7–10).
  "child:collect": command(ChildCommandSchema, answers<ChildDayView>()),
  "gate:registerEarly": command(EarlyRegisterSchema, answers<GateBoard>()),
  "gate:cancelEarly": command(EarlyCancelSchema, answers<GateBoard>()),
  "gate:logContact": command(ContactLogSchema, answers<GateBoard>()),
  "gate:moveToReception": command(ReceptionMoveSchema, answers<GateBoard>()),
  "gate:reenter": command(ReentrySchema, answers<GateBoard>()),
  // Alerts: the guard acknowledges one (who, when, note); it folds away.
  "alert:acknowledge": command(AlertAcknowledgeSchema, answers<AlertView>()),
  "gate:search": command(GateSearchSchema, answers<GateSearchHit[]>()),
  // Delegate passes (亲友代接).
  "pass:create": command(PassCreateSchema, answers<PassView>()),
  "pass:list": command(PassListSchema, answers<PassView[]>()),
  "pass:revoke": command(PassRevokeSchema, answers<PassView>()),
  "pass:redeemShortCode": command(PassRedeemSchema, answers<PassResult>()),
  // Technician tools: reader console, reader set-up, card enrolment.
  "console:open": command(ConsoleOpenSchema, answers<ConsoleOpen>()),
  "console:close": command(NoPayloadSchema, answers<null>()),
  "device:configureReaders": command(ConfigureReadersSchema, answers<DeviceStatusView>()),
  "enrolment:start": command(EnrolmentStartSchema, answers<EnrolmentStarted>()),
  "enrolment:cancel": command(EnrolmentCancelSchema, answers<null>()),
  "card:bind": command(CardBindSchema, answers<CardBound>()),
} as const;

export type ScreenCommandName = keyof typeof SCREEN_COMMANDS;

/** What a screen sends (before defaults and trimming). */
export type ScreenCommandInput<K extends ScreenCommandName> = z.input<(typeof SCREEN_COMMANDS)[K]["payload"]>;

/** What the server's handler receives, once the payload passed its schema. */
export type ScreenCommandPayload<K extends ScreenCommandName> = z.output<
  (typeof SCREEN_COMMANDS)[K]["payload"]
>;

export type ScreenCommandAnswer<K extends ScreenCommandName> = (typeof SCREEN_COMMANDS)[K]["answer"]["reply"];

/** The screen-to-server half of the socket.io contract, derived from the table. */
export type ScreenToServerEvents = {
  [K in ScreenCommandName]: (
    payload: ScreenCommandInput<K>,
    ack: (answer: Ack<ScreenCommandAnswer<K>>) => void,
  ) => void;
};

export const SCREEN_COMMAND_NAMES = Object.keys(SCREEN_COMMANDS) as ScreenCommandName[];
