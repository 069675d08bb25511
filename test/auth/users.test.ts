import { describe, expect, it } from "vitest";
import { addUser, authenticateUser } from "../../server/auth/users";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { emptyDb } from "../../server/store/schema";

function storeWithGroup() {
  const db = emptyDb();
  db.rooms.push({ id: "room-101", name: "101教室" });
  db.groups.push({ id: "group-1", name: "一二年级托管班", roomId: "room-101", capacity: 30 });
  return createMemoryStore(db);
}

describe("users", () => {
  it("adds a user with a hashed password and authenticates case-insensitively", async () => {
    const store = storeWithGroup();
    const user = await addUser(store, {
      username: "Teacher1",
      displayName: "王老师",
      role: "teacher",
      password: "correct horse",
      groupIds: ["group-1"],
    });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(store.read().users).toEqual([user]);
    expect(await authenticateUser(store, "teacher1", "correct horse")).toEqual(user);
    expect(await authenticateUser(store, " TEACHER1 ", "correct horse")).toEqual(user);
    expect(await authenticateUser(store, "teacher1", "wrong horse")).toBeUndefined();
    expect(await authenticateUser(store, "nobody", "correct horse")).toBeUndefined();
  });

  it.each([
    ["a taken username (any case)", { username: "ADMIN" }, "username"],
    ["a short password", { password: "short" }, "password"],
    ["a username with spaces", { username: "the admin" }, "username"],
    ["an empty display name", { displayName: " " }, "displayName"],
    ["an unknown group", { groupIds: ["group-9"] }, "groupIds"],
  ])("refuses %s", async (_what, change, field) => {
    const store = storeWithGroup();
    await addUser(store, { username: "admin", displayName: "Admin", role: "admin", password: "password1" });
    const attempt = addUser(store, {
      username: "someone",
      displayName: "Someone",
      role: "teacher",
      password: "password1",
      ...change,
    });
    await expect(attempt).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { field } });
    expect(store.read().users).toHaveLength(1);
  });

  it("lets only one of two concurrent adds of the same username through", async () => {
    const store = storeWithGroup();
    const input = { username: "guard", displayName: "门卫", role: "guard" as const, password: "password1" };
    const results = await Promise.allSettled([addUser(store, input), addUser(store, input)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(store.read().users).toHaveLength(1);
  });
});
