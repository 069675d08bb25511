import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HolderMatch } from "../../protocol";
import type { RunningServer } from "../../server/app";
import {
  createTestSchool,
  login,
  removeSchool,
  startTestServer,
  type TestSchool,
} from "../support/server-harness";

/** Finding 12 (search): the technician finds holders but gets no family links; the office does. */
describe("holder search for the enrolment panel", () => {
  let school: TestSchool;
  let server: RunningServer;

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
  });

  afterAll(async () => {
    await server?.close();
    if (school) await removeSchool(school);
  });

  async function search(username: string): Promise<HolderMatch[]> {
    const res = await fetch(`${server.url}/api/roster/holders?q=张`, {
      headers: { cookie: await login(server.url, username) },
    });
    return ((await res.json()) as { data: HolderMatch[] }).data;
  }

  it("a guardian's children are named for the admin only", async () => {
    const tech = (await search("tech")).find((h) => h.id === "p1");
    expect(tech?.name).toBe("张妈妈");
    expect(tech?.detail).toBe("");
    const admin = (await search("admin")).find((h) => h.id === "p1");
    expect(admin?.detail).toContain("张小明");
  });
});
