import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAfternoonStart, demoClock } from "../../demo/demo-clock";
import { planDemoTaps } from "../../demo/demo-plan";
import { buildDemoSchool, type DemoSchool } from "../../demo/demo-school";
import type { DeviceConfig, TapReport } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { schoolDay } from "../../server/domain/school-day";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { emptyDb } from "../../server/store/schema";
import {
  connected,
  deviceClient,
  removeSchool,
  SocketBag,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

/** A newcomer tries the demo on a Sunday at 23:00, Beijing time. */
const SUNDAY_NIGHT = new Date("2026-12-06T23:00:00+08:00");

describe("the demo clock", () => {
  let demo: DemoSchool;
  let school: TestSchool;
  let server: RunningServer;
  let real = SUNDAY_NIGHT.getTime();
  const bag = new SocketBag();

  beforeAll(async () => {
    demo = await buildDemoSchool({ realNow: SUNDAY_NIGHT });
    const dataDir = await mkdtemp(join(tmpdir(), "wanfeng-demo-clock-"));
    const store = await openDocumentStore(dataDir);
    await store.update((doc) => Object.assign(doc, demo.db));
    school = { dataDir, store, tokens: { gate: "", room1: "" } };
    const realClock = () => new Date(real);
    server = await startTestServer(school, demoClock(school.store.schoolRoster(), realClock));
  });
  afterAll(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("moves a Sunday night back to Friday's afternoon, when every demo group may be collected", () => {
    const start = demoAfternoonStart(demo.db, SUNDAY_NIGHT);
    expect(schoolDay(start, "Asia/Shanghai")).toBe("2026-12-04");
    // Winter: 三四年级 open at 16:50, 一二年级 are already in theirs until care ends at 17:00.
    expect(start.toISOString()).toBe(new Date("2026-12-04T16:50:00+08:00").toISOString());
    const clock = demoClock(demo.db, () => new Date(SUNDAY_NIGHT.getTime() + 60_000));
    expect(clock().toISOString()).toBe(new Date("2026-12-04T16:50:00+08:00").toISOString());
  });

  it("never runs a real school", () => {
    expect(() => demoClock(emptyDb({ schoolName: "真实小学", demo: false }))).toThrow(/only for the demo/);
  });

  it("plays demo:taps on a Sunday night: children check in, parents' taps reach the rooms", async () => {
    const plan = planDemoTaps(school.store.schoolRoster(), demo.devices);
    const outcomes: string[] = [];
    for (const step of plan) {
      real += 1_500;
      // As an agent does: its clock is the real one; the server's hello tells it the demo clock's time.
      const device = deviceClient(server.url, step.token);
      const hello = new Promise<DeviceConfig>((resolve) => device.once("device:config", resolve));
      await connected(device);
      const serverAt = Date.parse((await hello).serverAt ?? "");
      const report: TapReport = {
        id: randomUUID(),
        readerId: "demo",
        at: new Date(real).toISOString(),
        reading: { kind: "card", cardId: step.cardId },
        clockOffsetMs: serverAt - real,
      };
      const { result } = unwrap(await device.emitWithAck("tap:report", report));
      if (result.kind === "check_in") outcomes.push(`check_in:${result.outcome}`);
      if (result.kind === "pickup") outcomes.push(...result.children.map((c) => `pickup:${c.outcome}`));
      device.disconnect();
    }
    expect(outcomes.filter((o) => o === "check_in:checked_in").length).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o === "pickup:requested").length).toBeGreaterThan(5);
    expect(outcomes.join(" ")).not.toMatch(/no_care_today|early_pickup/);
  });
});

describe("the demo's duty roster", () => {
  it("names a volunteer once: the screens add the label 家长志愿者 (issue 11)", async () => {
    const demo = await buildDemoSchool({ realNow: SUNDAY_NIGHT });
    const volunteers = (demo.db.duties ?? []).filter((d) => d.person.kind === "volunteer");
    expect(volunteers.length).toBeGreaterThan(0);
    for (const d of volunteers) expect(d.person.kind === "volunteer" && d.person.name).not.toMatch(/志愿者/);
  });
});
