import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { DeviceConfig } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { DbSchema } from "../../server/store/schema";
import {
  connected,
  createTestSchool,
  deviceClient,
  login,
  nextEvent,
  removeSchool,
  screenClient,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { type ServerProcess, spawnServer } from "../support/server-process";

const BIN = resolve(import.meta.dirname, "../../bin/wanfeng.js");
const run = promisify(execFile);

/** Runs the CLI as its own process, the way a technician does beside the running server. */
async function wanfeng(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  return stdout;
}

describe("CLI commands beside a running server", () => {
  let school: TestSchool | undefined;
  let server: RunningServer | undefined;

  afterEach(async () => {
    await server?.close();
    if (school) await removeSchool(school);
    server = undefined;
    school = undefined;
  });

  it("a device added by `wanfeng device add` connects at once, and the server's next write keeps it", async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    const guard = screenClient(server.url, await login(server.url, "guard"));
    await connected(guard);
    unwrap(await guard.emitWithAck("view:join", { view: "gate" }));
    const stale = nextEvent(guard, "view:stale");

    const out = await wanfeng(["device", "add", "East gate", "--kind", "gate", "--data-dir", school.dataDir]);
    const token = out.trim().split("\n").at(-1)?.trim() ?? "";
    expect(token).toMatch(/^\S{20,}$/);
    // The server took the new roster in and told the screens to reload.
    await stale;
    guard.disconnect();

    const gate = deviceClient(server.url, token);
    const config = new Promise<DeviceConfig>((resolveConfig) => gate.once("device:config", resolveConfig));
    await connected(gate);
    expect((await config).name).toBe("East gate");
    gate.disconnect();

    // A login writes a session: before the fix, this write dropped the CLI's device.
    await login(server.url, "admin");
    const onDisk = DbSchema.parse(JSON.parse(await readFile(join(school.dataDir, "wanfeng.json"), "utf-8")));
    expect(onDisk.devices.map((d) => d.name)).toContain("East gate");
    expect(onDisk.sessions.length).toBeGreaterThanOrEqual(2);
  });
});

describe("one server per data folder", () => {
  const servers: ServerProcess[] = [];
  let school: TestSchool | undefined;

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    if (school) await removeSchool(school);
    school = undefined;
  });

  it("a second `wanfeng start` on the same folder is refused, and starts once the first stopped", async () => {
    school = await createTestSchool();
    const first = await spawnServer(school.dataDir);
    servers.push(first);

    const second = spawnServer(school.dataDir);
    await expect(second).rejects.toThrow(
      `error STORE_WRITE_FAILED: another Wanfeng server is using ${school.dataDir} (pid ${first.child.pid})`,
    );

    await first.stop();
    servers.push(await spawnServer(school.dataDir));
  });
});
