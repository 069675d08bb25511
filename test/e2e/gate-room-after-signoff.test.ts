import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import type { DailyRecord } from "../../protocol/reports";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { addLeader, tapAt, testClock } from "../server/overview-support";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import {
  connected,
  createTestSchool,
  type DeviceClient,
  deviceClient,
  login,
  PASSWORD,
  removeSchool,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

/** Monday 2026-11-23 on the school's clock (Shanghai); care ends 17:00 for grades 1–2, 17:10 for 3–4. */
const DAY = "2026-11-23";
const at = (time: string) => new Date(`${DAY}T${time}:00+08:00`).toISOString();

/**
 * Issue 11, in Chromium with the teacher's room kiosk and the guard's gate screen side by side:
 * the early-pickup reason the guard types reaches the child's tile in the room; and after the
 * duty leader signed off with a child still waiting, the teacher's 放行 and the guard's 确认已接走
 * still work, and both are recorded as after-sign-off entries.
 */
describe("the gate and the room, before and after the sign-off", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;
  let room: DeviceClient;
  let gate: DeviceClient;
  let kiosk: Page;
  let guard: Page;
  const time = testClock(at("15:20"));

  beforeAll(async () => {
    school = await createTestSchool();
    await addLeader(school);
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    server = await startServer({
      store: school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
      clock: time.clock,
    });
    room = deviceClient(server.url, school.tokens.room1);
    gate = deviceClient(server.url, school.tokens.gate);
    await Promise.all([connected(room), connected(gate)]);
    browser = await launchChromium();
    const open = (username: string, hash: string) =>
      openLoggedIn(browser, server.url, { username, password: PASSWORD }, hash, {
        viewport: { width: 1280, height: 900 },
        timezoneId: "Asia/Shanghai",
      });
    kiosk = await open("t1", "/room/g1");
    guard = await open("guard", "/gate");
  });

  afterAll(async () => {
    room?.disconnect();
    gate?.disconnect();
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  const tap = async (device: DeviceClient, cardId: string) =>
    unwrap(await device.emitWithAck("tap:report", tapAt(cardId, time.clock())));
  const tile = (childId: string) => kiosk.locator(`[data-testid="child-tile"][data-child-id="${childId}"]`);
  const queueRow = (childId: string) =>
    guard.locator(`[data-testid="queue-row"][data-child-id="${childId}"]`);
  const status = (row: ReturnType<typeof tile>) =>
    expect.poll(() => row.getAttribute("data-status"), { timeout: 10_000 });

  it("the early-pickup reason the guard typed shows on the child's tile in the room", async () => {
    await tap(room, "0000000011");
    await status(tile("c1")).toBe("checked_in");
    // 张妈妈 at 15:30, before the dismissal window: the guard asks why and registers it.
    time.set(at("15:30"));
    await tap(gate, "0000000001");
    const early = guard.locator('[data-testid="early-row"][data-child-id="c1"]');
    await early.waitFor();
    await early.getByTestId("early-reason").fill("看牙医");
    await early.getByTestId("early-register").click();
    await status(tile("c1")).toBe("pickup_requested");
    const hint = tile("c1").getByTestId("tile-early");
    await expect.poll(() => hint.textContent()).toContain("看牙医");
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "room-early-reason-zh.png") });
  });

  it("after the sign-off the teacher releases and the guard confirms; both are flagged", async () => {
    time.set(at("15:35"));
    await tap(room, "0000000013");
    await status(tile("c3")).toBe("checked_in");
    // Care has ended; 李四 still waits. The leader signs off with a note saying who looks after him.
    time.set(at("17:15"));
    const leader = await login(server.url, "leader");
    const signOff = await fetch(`${server.url}/api/days/${DAY}/sign-off`, {
      method: "POST",
      headers: { cookie: leader, "content-type": "application/json" },
      body: JSON.stringify({ note: "李四在教室等候，王老师看护，爸爸已在路上" }),
    });
    expect(signOff.status).toBe(200);

    time.set(at("17:25"));
    await tap(gate, "0000000002");
    await status(tile("c3")).toBe("pickup_requested");
    await kiosk.locator('[data-testid="release"][data-child-id="c3"]').click();
    await status(tile("c3")).toBe("released");
    await status(queueRow("c3")).toBe("released");
    time.set(at("17:27"));
    await guard.locator('[data-testid="confirm-collected"][data-child-id="c3"]').click();
    await status(queueRow("c3")).toBe("collected");
    await status(tile("c3")).toBe("collected");
    expect(await kiosk.locator(".toast-error").count()).toBe(0);
    expect(await guard.locator(".toast-error").count()).toBe(0);
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-after-signoff-zh.png") });

    // The journal flags the release and the collection as after the sign-off.
    const lines = (await readFile(join(school.dataDir, "journal", `${DAY}.jsonl`), "utf8"))
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { type: string; childId?: string; afterSignOff?: boolean });
    const ofLisi = lines.filter((e) => e.childId === "c3" && /released|collected/.test(e.type));
    expect(ofLisi.length).toBeGreaterThanOrEqual(2);
    expect(ofLisi.every((e) => e.afterSignOff === true)).toBe(true);

    // The daily record shows him collected and counts the entries after the sign-off.
    const admin = await login(server.url, "admin");
    const res = await fetch(`${server.url}/api/reports/daily?day=${DAY}`, { headers: { cookie: admin } });
    const record = ((await res.json()) as { data: DailyRecord }).data;
    const row = record.groups.flatMap((g) => g.children).find((c) => c.childId === "c3");
    expect(row).toMatchObject({ status: "collected", collected: "17:27" });
    expect(record.afterSignOff).toBeGreaterThanOrEqual(3);
  });
});
