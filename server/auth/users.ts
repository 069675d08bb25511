import { randomUUID } from "node:crypto";
import { type Role, RoleSchema, WanfengError } from "../../protocol";
import type { User } from "../domain/entities";
import type { UserStore } from "../ports/access";
import { hashPassword, verifyPassword } from "./password";
import { newSecretToken } from "./tokens";

export const MIN_PASSWORD_LENGTH = 8;

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  /** Care groups a teacher may open; each must exist. */
  groupIds?: string[];
}

/** VALIDATION_FAILED when the username is taken or a group does not exist (checked by the store). */
export async function addUser(store: UserStore, input: NewUser): Promise<User> {
  const username = input.username.trim();
  const displayName = input.displayName.trim();
  if (!/^[^\s]{1,64}$/u.test(username))
    invalid("username", "username must be 1–64 characters without spaces");
  if (displayName === "") invalid("displayName", "display name is required");
  if (!RoleSchema.safeParse(input.role).success) invalid("role", `unknown role ${String(input.role)}`);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    invalid("password", `password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const groupIds = [...new Set(input.groupIds ?? [])];
  // Hashing is slow on purpose: do it before entering the store's queue.
  const passwordHash = await hashPassword(input.password);
  const user: User = {
    id: `user-${randomUUID()}`,
    username,
    displayName,
    role: input.role,
    passwordHash,
    groupIds,
  };

  await store.addUser(user);
  return user;
}

let dummyHash: Promise<string> | undefined;

/**
 * The user when the password is right, otherwise undefined. An unknown username still costs one
 * scrypt (against a throw-away hash), so response time does not tell which usernames exist.
 */
export async function authenticateUser(
  store: UserStore,
  username: string,
  password: string,
): Promise<User | undefined> {
  const user = store.findUserByUsername(username);
  if (user === undefined) {
    dummyHash ??= hashPassword(newSecretToken());
    await verifyPassword(password, await dummyHash);
    return undefined;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : undefined;
}

function invalid(field: string, message: string): never {
  throw new WanfengError("VALIDATION_FAILED", message, { field });
}
