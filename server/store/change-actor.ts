import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is changing the roster or configuration, for the change record (issue 10 item 6). The
 * storage ports take no "who" argument (every backend would need it on every method); instead
 * the two doors through which people change things set it around their work: `requireUser` for
 * /api routes and the screen command table for socket commands, and the CLI for its commands.
 * A backend reads it when it writes. Anything else (the demo's seeding, the gate clock) is "system".
 */
export interface ChangeActor {
  /** `user:<id> <username>`, `cli:<os user>` or `system`. */
  by: string;
  /** What was done: `PUT /api/admin/photos/child/:id`, `wanfeng import`, a screen command's name. */
  action: string;
}

const SYSTEM: ChangeActor = { by: "system", action: "system" };
const context = new AsyncLocalStorage<ChangeActor>();
let processDefault: ChangeActor = SYSTEM;

/** Runs `work` (and everything it starts) as `actor`. */
export function runAs<T>(actor: ChangeActor, work: () => T): T {
  return context.run(actor, work);
}

/** The actor of a process that acts for one person only (a CLI command). */
export function setProcessActor(actor: ChangeActor): void {
  processDefault = actor;
}

export function currentActor(): ChangeActor {
  return context.getStore() ?? processDefault;
}

export function userActor(user: { id: string; username: string }, action: string): ChangeActor {
  return { by: `user:${user.id} ${user.username}`, action };
}
