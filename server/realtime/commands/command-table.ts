import type { Socket } from "socket.io";
import { z } from "zod";
import { createLogger } from "../../../common/log";
import {
  type Ack,
  SCREEN_COMMANDS,
  type ScreenCommandAnswer,
  type ScreenCommandName,
  type ScreenCommandPayload,
  type ScreenToServerEvents,
  type ServerToScreenEvents,
  toWireError,
  WanfengError,
} from "../../../protocol";
import type { User } from "../../domain/entities";
import { runAs, userActor } from "../../store/change-actor";
import type { ScreenSocketData } from "../namespaces";

const log = createLogger("screen-commands");

export type ScreenSocket = Socket<
  ScreenToServerEvents,
  ServerToScreenEvents,
  Record<string, never>,
  ScreenSocketData
>;

/** Who sent a command: the logged-in user, on this socket. */
export interface Caller {
  user: User;
  socket: ScreenSocket;
}

/**
 * One screen command: who may send it and what it does. The payload has passed its protocol
 * schema before either is asked. `allowed` is the only access check of a socket command: role and
 * scope (own group, own school); it may throw NOT_FOUND when the scope cannot be resolved.
 */
export interface ScreenCommand<K extends ScreenCommandName> {
  allowed(user: User, payload: ScreenCommandPayload<K>): boolean;
  run(
    payload: ScreenCommandPayload<K>,
    caller: Caller,
  ): Promise<ScreenCommandAnswer<K>> | ScreenCommandAnswer<K>;
}

export type CommandTable<K extends ScreenCommandName> = { readonly [P in K]: ScreenCommand<P> };

/** Every screen command, one entry each: attachCommands refuses to compile without all of them. */
export type ScreenCommandTable = CommandTable<ScreenCommandName>;

/** The socket's user as of now: undefined once its session ended (logout, expiry, password reset). */
export type SessionOf = (socket: ScreenSocket) => User | undefined;

/** Wires every command of the table on a screen socket: session, validate, check access, run, answer. */
export function attachCommands(socket: ScreenSocket, table: ScreenCommandTable, sessionOf: SessionOf): void {
  for (const name of Object.keys(SCREEN_COMMANDS) as ScreenCommandName[]) {
    // socket.io cannot narrow `on` over a union of event names; every command is (payload, ack).
    const on = socket.on as unknown as (
      event: string,
      listener: (raw: unknown, ack: unknown) => void,
    ) => void;
    on.call(
      socket,
      name,
      (raw, ack) => void answer(ack, () => dispatch(socket, table, sessionOf, name, raw)),
    );
  }
}

async function dispatch<K extends ScreenCommandName>(
  socket: ScreenSocket,
  table: ScreenCommandTable,
  sessionOf: SessionOf,
  name: K,
  raw: unknown,
): Promise<ScreenCommandAnswer<K>> {
  // The handshake's session may have ended since: every command asks again, and takes the user
  // as stored now (a changed role or groups count from the next command on).
  const user = sessionOf(socket);
  if (user === undefined) {
    log.info({ user: socket.data.user.username, command: name }, "command after the session ended");
    setImmediate(() => socket.disconnect(true));
    throw new WanfengError("AUTH_REQUIRED", "the session has ended, log in again");
  }
  socket.data.user = user;
  const entry = table[name] as ScreenCommand<K>;
  const schema: z.ZodType = SCREEN_COMMANDS[name].payload;
  const payload = parse(schema, raw) as ScreenCommandPayload<K>;
  if (!entry.allowed(user, payload)) {
    log.warn({ user: user.username, role: user.role, command: name }, "screen command forbidden");
    throw new WanfengError("AUTH_FORBIDDEN", `${user.role} may not ${name}`);
  }
  return runAs(userActor(user, name), () => entry.run(payload, { user, socket }));
}

/** Validates a payload at the boundary; a bad one is a VALIDATION_FAILED answer, not a crash. */
export function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new WanfengError("VALIDATION_FAILED", z.prettifyError(result.error));
  return result.data;
}

/**
 * Answers a command's acknowledgement with `{ data }` or `{ error: { code } }`. Coded errors are
 * expected refusals; anything else is logged and reaches the screen as INTERNAL.
 */
async function answer<T>(ack: unknown, run: () => Promise<T>): Promise<void> {
  if (typeof ack !== "function") return;
  const reply = ack as (answer: Ack<T>) => void;
  try {
    reply({ data: await run() });
  } catch (err) {
    if (!(err instanceof WanfengError)) log.error({ err }, "screen command failed");
    reply({ error: toWireError(err) });
  }
}
