import { z } from "zod";
import { createLogger } from "../../common/log";
import { type Ack, toWireError, WanfengError } from "../../protocol";

const log = createLogger("screen-commands");

/** Validates a command's payload at the boundary; a bad one is a VALIDATION_FAILED answer, not a crash. */
export function parseCommand<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new WanfengError("VALIDATION_FAILED", z.prettifyError(result.error));
  return result.data;
}

/**
 * Runs a socket command and answers its acknowledgement with `{ data }` or `{ error: { code } }`.
 * Coded errors are expected refusals; anything else is logged and reaches the screen as INTERNAL.
 */
export async function answerCommand<T>(ack: unknown, run: () => Promise<T> | T): Promise<void> {
  if (typeof ack !== "function") return;
  const reply = ack as (answer: Ack<T>) => void;
  try {
    reply({ data: await run() });
  } catch (err) {
    if (!(err instanceof WanfengError)) log.error({ err }, "screen command failed");
    reply({ error: toWireError(err) });
  }
}
