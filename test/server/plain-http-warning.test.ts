import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AdminSnapshot } from "../../protocol/admin";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { createTestSchool, login, removeSchool, type TestSchool } from "../support/server-harness";

/**
 * Issue 12, item 6: outside the demo, plain HTTP on a network address is a warning on the admin
 * screen, not only in the log. The admin snapshot says so; loopback, the demo and a named TLS
 * proxy do not.
 */
describe("plain HTTP on the network, told to the admin screen", () => {
  let school: TestSchool;
  let server: RunningServer | undefined;

  beforeEach(async () => {
    school = await createTestSchool();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await removeSchool(school);
  });

  async function snapshotOn(host: string, trustProxy = false): Promise<AdminSnapshot> {
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    server = await startServer({ store: school.store, journal, port: 0, host, trustProxy });
    const cookie = await login(server.url, "admin");
    const res = await fetch(`${server.url}/api/admin/snapshot`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: AdminSnapshot }).data;
  }

  it("warns when a real school listens on every address over plain HTTP", async () => {
    expect((await snapshotOn("0.0.0.0")).plainHttpOnNetwork).toBe(true);
  });

  it("does not warn on loopback", async () => {
    expect((await snapshotOn("127.0.0.1")).plainHttpOnNetwork).toBe(false);
  });

  it("does not warn behind a named TLS proxy", async () => {
    expect((await snapshotOn("0.0.0.0", true)).plainHttpOnNetwork).toBe(false);
  });

  it("does not warn for the demo school", async () => {
    await school.store.update((doc) => {
      doc.settings.demo = true;
    });
    expect((await snapshotOn("0.0.0.0")).plainHttpOnNetwork).toBe(false);
  });
});
