import { userInfo } from "node:os";
import type { Command } from "commander";
import type { ChangeActor } from "../server/store/change-actor";

/** `cli:<os user>` doing `wanfeng <command path>`, for the change record. */
export function cliActor(command: Command): ChangeActor {
  const path: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) path.unshift(c.name());
  let user = process.env.SUDO_USER ?? "";
  try {
    user ||= userInfo().username;
  } catch {
    user ||= String(process.getuid?.() ?? "unknown");
  }
  return { by: `cli:${user}`, action: `wanfeng ${path.join(" ")}` };
}
