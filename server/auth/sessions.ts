import { WanfengError } from "../../protocol";
import type { User } from "../domain/entities";
import type { DocumentStore } from "../store/schema";
import { newSecretToken, sha256Hex } from "./tokens";

/** Staff stay logged in on their own screens for a month; a logout or a reset ends it sooner. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Starts a session and returns the cookie value; only its sha256 is stored. */
export async function createSession(store: DocumentStore, userId: string, now: Date): Promise<string> {
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  await store.update((db) => {
    if (!db.users.some((user) => user.id === userId)) {
      throw new WanfengError("NOT_FOUND", `no user ${userId}`);
    }
    // Pruning here keeps the document from growing without a separate clean-up job.
    db.sessions = db.sessions.filter((session) => Date.parse(session.expiresAt) > now.getTime());
    db.sessions.push({ tokenHash: sha256Hex(token), userId, expiresAt });
  });
  return token;
}

/** The logged-in user, or undefined for an unknown, expired or orphaned token. */
export function resolveSession(store: DocumentStore, token: string, now: Date): User | undefined {
  if (token === "") return undefined;
  const db = store.read();
  // A lookup by hash leaks nothing useful through timing: the attacker would need a preimage.
  const tokenHash = sha256Hex(token);
  const session = db.sessions.find((s) => s.tokenHash === tokenHash);
  if (session === undefined || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  return db.users.find((user) => user.id === session.userId);
}

/** Logout. Unknown tokens are ignored so a double logout is harmless. */
export async function deleteSession(store: DocumentStore, token: string): Promise<void> {
  const tokenHash = sha256Hex(token);
  if (!store.read().sessions.some((s) => s.tokenHash === tokenHash)) return;
  await store.update((db) => {
    db.sessions = db.sessions.filter((s) => s.tokenHash !== tokenHash);
  });
}

/** Ends every session of a user, e.g. after a password change or when the account is removed. */
export async function deleteSessionsOfUser(store: DocumentStore, userId: string): Promise<void> {
  await store.update((db) => {
    db.sessions = db.sessions.filter((s) => s.userId !== userId);
  });
}
