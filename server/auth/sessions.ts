import type { User } from "../domain/entities";
import type { SessionStore, UserStore } from "../ports/access";
import { newSecretToken, sha256Hex } from "./tokens";

/** Staff stay logged in on their own screens for a month; a logout or a reset ends it sooner. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Starts a session and returns the cookie value; only its sha256 is stored. NOT_FOUND: no such user. */
export async function createSession(store: SessionStore, userId: string, now: Date): Promise<string> {
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  await store.addSession({ tokenHash: sha256Hex(token), userId, expiresAt }, now);
  return token;
}

/** The logged-in user, or undefined for an unknown, expired or orphaned token. */
export function resolveSession(store: SessionStore & UserStore, token: string, now: Date): User | undefined {
  if (token === "") return undefined;
  // A lookup by hash leaks nothing useful through timing: the attacker would need a preimage.
  return resolveSessionHash(store, sha256Hex(token), now);
}

/** The same by the stored hash: what a socket keeps to check its session again on each command. */
export function resolveSessionHash(
  store: SessionStore & UserStore,
  tokenHash: string,
  now: Date,
): User | undefined {
  const session = store.findSession(tokenHash);
  if (session === undefined || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  return store.findUser(session.userId);
}

/** Logout. Unknown tokens are ignored so a double logout is harmless. */
export async function deleteSession(store: SessionStore, token: string): Promise<void> {
  await store.deleteSession(sha256Hex(token));
}

/** Ends every session of a user, e.g. after a password change or when the account is removed. */
export async function deleteSessionsOfUser(store: SessionStore, userId: string): Promise<void> {
  await store.deleteSessionsOfUser(userId);
}
