import { createInterface } from "node:readline/promises";
import password from "@inquirer/password";
import { type Role, WanfengError } from "../protocol";
import { addUser } from "../server/auth/users";
import type { UserStore } from "../server/ports/access";
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
  if (options.role === "district") {
    await addDistrictUser(username, options);
    return;
  }
  const { storage, close } = await openCommandStorage(options, "user add", { writes: true });
  try {
    const groups = storage.schoolRoster().groups;
    const groupIds = (options.group ?? []).map((g) => resolveGroupId(groups, g));
    await addUserWithPassword(storage, username, options, groupIds);
  } finally {
    await close();
  }
}

/**
 * A district reader belongs to no school: the database's district logins hold it, and it reads
 * every school's overview and reports. The data folder of one school has no district.
 */
async function addDistrictUser(username: string, options: Parameters<typeof runUserAddCommand>[1]) {
  if (!options.database)
    throw new WanfengError(
      "VALIDATION_FAILED",
      "a district login lives on a district database: give --database <url> (or DATABASE_URL)",
      { field: "database" },
    );
  if (options.school !== undefined || (options.group ?? []).length > 0)
    throw new WanfengError(
      "VALIDATION_FAILED",
      "a district login belongs to no school and no group: leave out --school and --group",
      { field: "school" },
    );
  const { openDistrictLogins } = await import("./database-backend");
  const { logins, close } = await openDistrictLogins(options.database, "user add");
  try {
    await addUserWithPassword(logins, username, options);
  } finally {
    await close();
  }
}

async function addUserWithPassword(
  store: UserStore,
  username: string,
  options: Parameters<typeof runUserAddCommand>[1],
  groupIds: string[] = [],
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
    groupIds,
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
