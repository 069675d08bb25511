import { join } from "node:path";
import { DEMO_LOGINS_FILE, type DemoLogins, formatDemoBanner } from "../demo/demo-logins";

export interface StartNoticeInput {
  dataDir: string;
  demo: boolean;
  /** The start that created the demo school: the only one that prints its passwords. */
  firstStart: boolean;
  logins: DemoLogins | undefined;
  users: number;
  /** The command that adds the first login (with a database it names the database and school). */
  userAddHint?: string;
}

/**
 * What `wanfeng start` prints before the URL. The demo's passwords and device tokens are printed
 * once, at the start that made them: later starts (often under systemd, whose journal keeps
 * stdout) only say where the 0600 logins file is.
 */
export function startNotice(input: StartNoticeInput): string | undefined {
  if (input.demo) {
    if (input.firstStart && input.logins) return formatDemoBanner(input.logins);
    return `DEMO school: the demo logins are in ${join(input.dataDir, DEMO_LOGINS_FILE)} (readable by this user only).`;
  }
  if (input.users === 0)
    return `No logins yet. Add one:  ${input.userAddHint ?? "npx wanfeng user add admin --role admin"}`;
  return undefined;
}
