import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DailyRecord } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { verifyChain } from "../../server/store/journal-chain";
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
import { addLeader, tapAt, testClock } from "./overview-support";

const DAY = "2026-11-23";

describe("the sign-off records the day's hash-chain head", () => {
  let school: TestSchool;
  let server: RunningServer;
  const time = testClock("2026-11-23T08:30:00Z");

  beforeEach(async () => {
    school = await createTestSchool();
    await addLeader(school);
    server = await startTestServer(school, time.clock);
  });

  afterEach(async () => {
    await server.close();
    await removeSchool(school);
  });

  it("the head hash at signing is in the sign-off and the daily record, and the chain verifies", async () => {
    const gate = deviceClient(server.url, school.tokens.gate);
    await connected(gate);
    unwrap(await gate.emitWithAck("tap:report", tapAt("0123456789", time.clock())));
    gate.disconnect();
    const file = join(school.dataDir, "journal", `${DAY}.jsonl`);
    const before = verifyChain(await readFile(file, "utf-8"));
    const cookie = await login(server.url, "leader");
    const res = await fetch(`${server.url}/api/days/${DAY}/sign-off`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ note: "" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { headHash?: string } }).data.headHash).toBe(before.head);
    const record = (
      (await (await fetch(`${server.url}/api/reports/daily?day=${DAY}`, { headers: { cookie } })).json()) as {
        data: DailyRecord;
      }
    ).data;
    expect(record.signOff?.headHash).toBe(before.head);
    const after = verifyChain(await readFile(file, "utf-8"));
    expect(after.broken).toBeUndefined();
    expect(after.lines).toBe(before.lines + 1);
  });
});
