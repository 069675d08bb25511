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

/**
 * Works running as someone now. On Node 20 an AsyncLocalStorage works through async hooks: once it
 * is enabled, every promise the process makes runs hooks and carries three more properties, taps
 * included, which never run as anyone (in `npm run bench`: ~1% of the server's CPU in the hooks,
 * 2% of its allocations). So the storage is enabled only while some work runs as someone, and
 * disabled when the last ends (docs/decisions.md "The change actor is held only while its work runs").
 */
let running = 0;

/** Counts one more work running as someone; the function it returns ends it (only once). */
function hold(): () => void {
  running += 1;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    running -= 1;
    if (running === 0) context.disable();
  };
}

/**
 * Runs `work` (and everything it starts) as `actor`, until it returns or, when it returns a
 * promise, until that settles. Something it starts and does not await acts as "system" once the
 * work is over.
 */
export function runAs<T>(actor: ChangeActor, work: () => T): T {
  const release = hold();
  let result: T;
  try {
    result = context.run(actor, work);
  } catch (err) {
    release();
    throw err;
  }
  if (result instanceof Promise) result.then(release, release);
  else release();
  return result;
}

/**
 * Runs `work` as `actor` until `whenDone` calls back: for a door whose work goes on after `work`
 * returns without a promise to wait for (an HTTP route behind `next()`, done when its response is).
 */
export function runAsUntil(actor: ChangeActor, work: () => void, whenDone: (done: () => void) => void): void {
  const release = hold();
  whenDone(release);
  try {
    context.run(actor, work);
  } catch (err) {
    release();
    throw err;
  }
}

/** Whether some work runs as someone now (and the async hooks are on). */
export function actingAsSomeone(): boolean {
  return running > 0;
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
