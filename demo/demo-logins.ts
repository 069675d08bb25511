import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { createLogger } from "../common/log";
import { DeviceKindSchema, RoleSchema } from "../protocol";

const log = createLogger("demo");

export const DEMO_LOGINS_FILE = "demo-logins.json";

const DemoLoginSchema = z.object({
  username: z.string(),
  password: z.string(),
  role: RoleSchema,
  displayName: z.string(),
});
export type DemoLogin = z.infer<typeof DemoLoginSchema>;

const DemoDeviceSchema = z.object({
  deviceId: z.string().optional(),
  name: z.string(),
  kind: DeviceKindSchema,
  groupId: z.string().optional(),
  token: z.string(),
});
export type DemoDevice = z.infer<typeof DemoDeviceSchema>;

const DemoLoginsSchema = z.object({
  logins: z.array(DemoLoginSchema),
  devices: z.array(DemoDeviceSchema),
});
export type DemoLogins = z.infer<typeof DemoLoginsSchema>;

/**
 * Keeps the demo's passwords and device tokens next to the data (mode 0600: readable by the
 * server's user only), so the demo-taps script and a newcomer can find them after the console
 * banner scrolled away. Real schools never get this file: it is written for the demo only.
 */
export async function writeDemoLogins(dataDir: string, demo: DemoLogins): Promise<string> {
  const file = join(dataDir, DEMO_LOGINS_FILE);
  const content: DemoLogins & { note: string } = {
    note: "DEMO school only. Delete this file and the data folder before real use.",
    logins: demo.logins,
    devices: demo.devices,
  };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file.
  await chmod(file, 0o600);
  return file;
}

/** The demo logins, or undefined when the file is missing or unreadable. */
export async function readDemoLogins(dataDir: string): Promise<DemoLogins | undefined> {
  const file = join(dataDir, DEMO_LOGINS_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf-8");
  } catch {
    return undefined;
  }
  try {
    const parsed = DemoLoginsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log.warn({ file, issues: parsed.error.issues }, "demo logins file is invalid");
  } catch (err) {
    log.warn({ file, err: String(err) }, "demo logins file is not JSON");
  }
  return undefined;
}

/** The console banner: says DEMO loudly and lists each login and device token. */
export function formatDemoBanner(demo: DemoLogins): string {
  const rule = "=".repeat(72);
  const width = Math.max(...demo.logins.map((l) => l.username.length), 8);
  const lines = [
    rule,
    "  DEMO SCHOOL — 演示学校 — generated data, not a real school",
    `  Logins (also in ${DEMO_LOGINS_FILE} in the data folder):`,
    ...demo.logins.map(
      (l) => `    ${l.username.padEnd(width)}  ${l.password}   ${l.role.padEnd(10)} ${l.displayName}`,
    ),
    "  Devices (token for the gate agent or kiosk):",
    ...demo.devices.map((d) => `    ${d.kind === "gate" ? "GATE" : "room"}  ${d.name}: ${d.token}`),
    "  Watch it move without hardware: run `npm run demo:taps` in another terminal.",
    rule,
  ];
  return lines.join("\n");
}
