import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
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
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

/** Monday 2026-11-23 on the school's clock (Shanghai); care ends 17:00 for grades 1–2, 17:10 for 3–4. */
const at = (time: string) => new Date(`2026-11-23T${time}:00+08:00`).toISOString();

/**
 * The duty leader's evening: the overview follows a tap as it happens, the day is signed off, and
 * its record opens, prints and exports, in Chinese and in English.
 */
describe("the duty leader signs off the day and prints its record", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;
  let room: DeviceClient;
  let gate: DeviceClient;
  const time = testClock(at("16:10"));

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
  });

  afterAll(async () => {
    room?.disconnect();
    gate?.disconnect();
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  async function openAs(username: string, hash: string): Promise<Page> {
    return openLoggedIn(browser, server.url, { username, password: PASSWORD }, hash, {
      viewport: { width: 1280, height: 900 },
      timezoneId: "Asia/Shanghai",
    });
  }

  const tap = async (device: DeviceClient, cardId: string) =>
    unwrap(await device.emitWithAck("tap:report", tapAt(cardId, time.clock())));
  /** A teacher's or the guard's touch, over their own screen socket. */
  async function touch(username: string, command: "child:release" | "child:collect", childId: string) {
    const socket = screenClient(server.url, await login(server.url, username));
    await connected(socket);
    unwrap(await socket.emitWithAck(command, { childId }));
    socket.disconnect();
  }
  async function closeToasts(page: Page) {
    for (const button of await page.locator(".toast-close").all()) await button.click();
  }
  const groupCount = (page: Page, groupId: string, key: string) =>
    page.locator(`[data-testid="group-card"][data-group-id="${groupId}"] [data-testid="count-${key}"]`);

  it("overview live, sign-off, the daily record printed, in zh and en", async () => {
    await tap(room, "0000000011");
    const leader = await openAs("leader", "/");
    await leader.getByTestId("open-overview").waitFor();
    expect(await leader.getByTestId("open-reports").count()).toBe(1);
    expect(await leader.getByTestId("open-room").count()).toBe(0);
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "leader-home-zh.png") });

    await leader.getByTestId("open-overview").click();
    await expect.poll(() => groupCount(leader, "g1", "checkedIn").getAttribute("data-value")).toBe("1");
    await expect.poll(() => leader.getByTestId("connection").getAttribute("data-state")).toBe("online");

    // A child taps in at the room reader while the leader watches: the count moves.
    time.set(at("16:12"));
    await tap(room, "0000000013");
    await expect.poll(() => groupCount(leader, "g1", "checkedIn").getAttribute("data-value")).toBe("2");
    // A mother at the gate: her son is asked for, released and collected; her daughter never came.
    time.set(at("16:50"));
    await tap(gate, "0000000001");
    await expect.poll(() => groupCount(leader, "g1", "requested").getAttribute("data-value")).toBe("1");
    time.set(at("16:51"));
    await touch("t1", "child:release", "c1");
    await expect.poll(() => groupCount(leader, "g1", "released").getAttribute("data-value")).toBe("1");
    await leader.locator('[data-testid="list-released_not_collected"] [data-child-id="c1"]').waitFor();
    time.set(at("16:53"));
    await touch("guard", "child:collect", "c1");
    await expect.poll(() => groupCount(leader, "g1", "collected").getAttribute("data-value")).toBe("1");
    // Care has ended: the snapshot (refreshed each minute, here by reloading) lists who is late.
    time.set(at("17:12"));
    await leader.reload();
    await leader.locator('[data-testid="list-late"] [data-child-id="c3"]').waitFor();
    await leader.locator('[data-testid="list-unexplained"] [data-child-id="c2"]').waitFor();
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "overview-zh.png"), fullPage: true });

    // Sign off: children are still in school, so the note is needed.
    await leader.getByTestId("signoff-open").click();
    await leader.getByTestId("signoff-present").waitFor();
    await leader.getByTestId("signoff-confirm").click();
    await leader.getByTestId("signoff-error").waitFor();
    await leader.getByTestId("signoff-note").fill("李四在接待室，由门卫看护，爸爸已电话联系，17:30 到校");
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "overview-signoff-dialog-zh.png") });
    await leader.getByTestId("signoff-confirm").click();
    await leader.getByTestId("signed-off").waitFor();
    expect(await leader.getByTestId("signed-off").textContent()).toContain("周校长");

    // The gate never stops: a tap after the sign-off still reaches the overview, counted as such.
    time.set(at("17:28"));
    await tap(gate, "0000000002");
    await expect.poll(() => groupCount(leader, "g1", "requested").getAttribute("data-value")).toBe("1");
    await expect.poll(() => leader.getByTestId("signed-off").textContent()).toContain("签字后");
    await closeToasts(leader);
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "overview-signed-zh.png"), fullPage: true });

    await leader.getByTestId("open-record").click();
    await leader.getByTestId("daily-report").waitFor();
    const row = leader.locator('[data-testid="report-row"][data-child-id="c1"]');
    expect(await row.textContent()).toContain("张妈妈");
    expect(await row.textContent()).toContain("16:53");
    expect(
      await leader.locator('[data-testid="report-row"][data-child-id="c2"]').getAttribute("data-attendance"),
    ).toBe("unexplained");
    expect(await leader.getByTestId("report-signoff").getAttribute("data-signed")).toBe("yes");
    // The printed record shows the journal's hash-chain head at signing (issue 10).
    expect(await leader.getByTestId("report-head-hash").textContent()).toMatch(/[0-9a-f]{64}/);
    expect(await leader.getByTestId("report-csv").getAttribute("href")).toContain("daily.csv?day=2026-11-23");

    // The day is closed: the father collected 李四 at 17:30, recorded as an amendment with a reason.
    time.set(at("17:40"));
    await leader.getByTestId("amend-open").click();
    await leader.getByTestId("amend-child").selectOption("c3");
    await leader.getByTestId("amend-adultName").fill("李爸爸");
    await leader.getByTestId("amend-relation").fill("爸爸");
    await leader.getByTestId("amend-time").fill("17:30");
    await leader.getByTestId("amend-why").fill("门卫当面交给爸爸，签字后未刷卡");
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "reports-amend-zh.png") });
    await leader.getByTestId("amend-save").click();
    await leader.getByTestId("report-amendments").waitFor();
    const amended = leader.locator('[data-testid="report-row"][data-child-id="c3"]');
    expect(await amended.textContent()).toContain("17:30");
    expect(await amended.textContent()).toContain("补录");
    await closeToasts(leader);
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "reports-daily-zh.png"), fullPage: true });
    await leader.emulateMedia({ media: "print" });
    expect(await leader.getByTestId("report-controls").isVisible()).toBe(false);
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "reports-print-zh.png"), fullPage: true });
    await leader.pdf({ path: join(ARTIFACTS_DIR, "daily-record-zh.pdf"), format: "A4" });
    await leader.emulateMedia({ media: "screen" });

    // English: the same record, then the overview and the month.
    await leader.getByTestId("lang-switch").click();
    await expect.poll(() => leader.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    expect(await leader.getByTestId("report-signoff").textContent()).toContain("Duty leader");
    await leader.emulateMedia({ media: "print" });
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "reports-print-en.png"), fullPage: true });
    await leader.emulateMedia({ media: "screen" });
    await leader.getByTestId("report-mode-monthly").click();
    await leader.getByTestId("monthly-report").waitFor();
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "reports-monthly-en.png"), fullPage: true });
    await leader.goto(`${server.url}/#/overview`);
    await leader.getByTestId("signed-off").waitFor();
    expect(await leader.getByTestId("signed-off").textContent()).toContain("Signed off by");
    await leader.screenshot({ path: join(ARTIFACTS_DIR, "overview-en.png"), fullPage: true });
  });

  it("a teacher's home has no overview, and the overview route refuses them", async () => {
    const teacher = await openAs("t1", "/overview");
    await teacher.getByTestId("screen-error").waitFor();
    expect(await teacher.getByTestId("screen-error").getAttribute("data-code")).toBe("AUTH_FORBIDDEN");
    await teacher.goto(`${server.url}/#/`);
    await teacher.getByTestId("open-room").first().waitFor();
    expect(await teacher.getByTestId("open-overview").count()).toBe(0);
  });
});
