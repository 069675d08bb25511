import { describe, expect, it } from "vitest";
import {
  createSession,
  deleteSession,
  resolveSession,
  SESSION_LIFETIME_MS,
} from "../../server/auth/sessions";
import { sha256Hex } from "../../server/auth/tokens";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { emptyDb } from "../../server/store/schema";

const now = new Date("2025-03-04T08:00:00+08:00");
const later = (ms: number) => new Date(now.getTime() + ms);

function storeWithUser() {
  const db = emptyDb();
  db.users.push({
    id: "user-1",
    username: "admin",
    displayName: "Admin",
    role: "admin",
    passwordHash: "scrypt$unused",
    groupIds: [],
  });
  return createMemoryStore(db);
}

describe("sessions", () => {
  it("stores only the token's hash and resolves the token to the user", async () => {
    const store = storeWithUser();
    const token = await createSession(store, "user-1", now);
    const [session] = store.read().sessions;
    expect(session?.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(store.read())).not.toContain(token);
    expect(resolveSession(store, token, now)?.username).toBe("admin");
    expect(resolveSession(store, `${token}x`, now)).toBeUndefined();
    expect(resolveSession(store, "", now)).toBeUndefined();
  });

  it("expires after 30 days and prunes expired sessions when a new one is made", async () => {
    const store = storeWithUser();
    const old = await createSession(store, "user-1", now);
    expect(resolveSession(store, old, later(SESSION_LIFETIME_MS - 1))).toBeDefined();
    expect(resolveSession(store, old, later(SESSION_LIFETIME_MS))).toBeUndefined();

    const fresh = await createSession(store, "user-1", later(SESSION_LIFETIME_MS + 1));
    expect(store.read().sessions.map((s) => s.tokenHash)).toEqual([sha256Hex(fresh)]);
  });

  it("deletes a session (logout), twice without harm", async () => {
    const store = storeWithUser();
    const token = await createSession(store, "user-1", now);
    await deleteSession(store, token);
    await deleteSession(store, token);
    expect(resolveSession(store, token, now)).toBeUndefined();
    expect(store.read().sessions).toEqual([]);
  });

  it("refuses a session for an unknown user and forgets sessions of a removed user", async () => {
    const store = storeWithUser();
    await expect(createSession(store, "user-404", now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const token = await createSession(store, "user-1", now);
    await store.update((db) => {
      db.users = [];
    });
    expect(resolveSession(store, token, now)).toBeUndefined();
  });
});
