import { createInterface } from "node:readline/promises";
import password from "@inquirer/password";
import type { Role } from "../protocol";
import { addUser } from "../server/auth/users";
import type { UserStore } from "../server/ports/access";
import type { RosterReader } from "../server/ports/roster";
import { type BackendOptions, openCommandStorage } from "./backend";
import { resolveGroupId } from "./group-names";

export async function runUserAddCommand(
  username: string,
  options: BackendOptions & {
    role: Role;
    displayName?: string;
    group?: string[];
    password?: string;
    passwordStdin?: boolean;
  },
): Promise<void> {
  const { storage, close } = await openCommandStorage(options, "user add", { writes: true });
  try {
    await addUserWithPassword(storage, username, options);
  } finally {
    await close();
  }
}

async function addUserWithPassword(
  store: UserStore & RosterReader,
  username: string,
  options: Parameters<typeof runUserAddCommand>[1],
): Promise<void> {
  if (options.password !== undefined) {
    // Kept for scripts written against it; other users of the machine can read it from `ps`.
    console.error(
      "warning: --password is visible to other users (ps, shell history); use the prompt or --password-stdin",
    );
  }
  const secret = options.password ?? (options.passwordStdin ? await firstLine() : await askPassword());
  const user = await addUser(store, {
    username,
    displayName: options.displayName ?? username,
    role: options.role,
    password: secret,
    groupIds: (options.group ?? []).map((g) => resolveGroupId(store.schoolRoster().groups, g)),
  });
  console.log(`User "${user.username}" (${user.role}) added.`);
}

/** Hidden prompt on a terminal; from a pipe (scripts), the first line of standard input. */
async function askPassword(): Promise<string> {
  if (process.stdin.isTTY) return password({ message: "Password (at least 8 characters):", mask: "*" });
  return firstLine();
}

async function firstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return "";
}
