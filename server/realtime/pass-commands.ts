import type { Socket } from "socket.io";
import {
  PassCreateSchema,
  PassListSchema,
  PassRedeemSchema,
  PassRevokeSchema,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
} from "../../protocol";
import type { PassService } from "../passes/pass-service";
import { answerCommand as answer, parseCommand as parse } from "./command-helpers";
import type { ScreenSocketData } from "./namespaces";

type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;

/** The delegate-pass commands of a screen socket; each is validated here and role-checked by the service. */
export function attachPassCommands(socket: ScreenSocket, passes: PassService): void {
  const user = () => socket.data.user;
  socket.on("pass:create", (raw, ack) =>
    answer(ack, () => passes.create(user(), parse(PassCreateSchema, raw))),
  );
  socket.on("pass:list", (raw, ack) => answer(ack, () => passes.list(user(), parse(PassListSchema, raw))));
  socket.on("pass:revoke", (raw, ack) =>
    answer(ack, () => passes.revoke(user(), parse(PassRevokeSchema, raw).passId)),
  );
  socket.on("pass:redeemShortCode", (raw, ack) =>
    answer(ack, () => passes.redeem(user(), parse(PassRedeemSchema, raw))),
  );
}
