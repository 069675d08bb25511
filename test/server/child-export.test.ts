import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import {
  connected,
  createTestSchool,
  deviceClient,
  login,
  removeSchool,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { tapAt, testClock } from "./overview-support";

describe("everything held about one child (PIPL export)", () => {
  let school: TestSchool;
  let server: RunningServer;
  const time = testClock("2026-11-23T08:55:00Z");

  beforeEach(async () => {
    school = await createTestSchool();
    server = await startTestServer(school, time.clock);
  });

  afterEach(async () => {
    await server.close();
    await removeSchool(school);
  });

  it("the admin downloads the child's roster entries and every journal event about the child; others may not", async () => {
    const room = deviceClient(server.url, school.tokens.room1);
    const gate = deviceClient(server.url, school.tokens.gate);
    await connected(room);
    await connected(gate);
    unwrap(await room.emitWithAck("tap:report", tapAt("0000000011", time.clock())));
    unwrap(await gate.emitWithAck("tap:report", tapAt("0000000001", time.clock())));
    room.disconnect();
    gate.disconnect();

    const admin = await login(server.url, "admin");
    const res = await fetch(`${server.url}/api/admin/children/c1/export`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("child-c1.json");
    const { data } = (await res.json()) as {
      data: {
        child: { name: string };
        guardians: { name: string; relation: string }[];
        days: { day: string; events: { type: string }[] }[];
      };
    };
    expect(data.child.name).toBe("张小明");
    expect(data.guardians).toMatchObject([{ name: "张妈妈", relation: "妈妈" }]);
    expect(data.days.map((d) => d.day)).toEqual(["2026-11-23"]);
    const types = data.days[0]?.events.map((e) => e.type);
    expect(types).toContain("child:checked_in");
    expect(types).toContain("pickup:requested");
    // Another child's refusal (张小红 not checked in) is in the same tap's alert, not about c1 only.
    expect(JSON.stringify(data)).not.toContain("0000000013");

    const guard = await login(server.url, "guard");
    const refused = await fetch(`${server.url}/api/admin/children/c1/export`, { headers: { cookie: guard } });
    expect(refused.status).toBe(403);
    const missing = await fetch(`${server.url}/api/admin/children/nobody/export`, {
      headers: { cookie: admin },
    });
    expect(missing.status).toBe(404);
  });
});
