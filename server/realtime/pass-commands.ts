import type { Socket } from "socket.io";
import { z } from "zod";
import {
  type Ack,
  PassCreateSchema,
  PassListSchema,
  PassRedeemSchema,
  PassRevokeSchema,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
  toWireError,
  WanfengError,
} from "../../protocol";
import { createLogger } from "../log";
import type { PassService } from "../passes/pass-service";
import type { ScreenSocketData } from "./namespaces";

const log = createLogger("pass-commands");

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

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new WanfengError("VALIDATION_FAILED", z.prettifyError(result.error));
  return result.data;
}

async function answer<T>(ack: unknown, run: () => Promise<T>): Promise<void> {
  if (typeof ack !== "function") return;
  const reply = ack as (answer: Ack<T>) => void;
  try {
    reply({ data: await run() });
  } catch (err) {
    if (!(err instanceof WanfengError)) log.error({ err }, "pass command failed");
    reply({ error: toWireError(err) });
  }
}
