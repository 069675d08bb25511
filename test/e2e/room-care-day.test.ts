import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { roomSchool } from "../domain/room-fixtures";
import { ARTIFACTS_DIR, launchChromium } from "../support/browser";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

/** 16:45 in Shanghai on Monday 2026-11-23: care started at 15:30, c1's dose was due at 16:30. */
const NOW = new Date("2026-11-23T08:45:00Z");

/**
 * The care room's day as the teacher sees it on the kiosk: an unexplained absence, a medication
 * reminder, health notes, a leave, the absence explained, roll call and a handover, in zh and en.
 */
describe("the care room's day on the kiosk", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const db = roomSchool();
    db.children.push({ id: "c4", name: "王小丽", grade: 2, className: "2班", groupId: "g1" });
    school = await createTestSchool(db);
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    server = await startServer({
      store: school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
      clock: () => NOW,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  async function openRoom(): Promise<Page> {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
    });
    // The kiosk's clock says the same time as the server's: unexplained absences and doses follow it.
    await page.clock.setFixedTime(NOW);
    await page.goto(`${server.url}/#/room/g1`);
    await page.getByTestId("login-username").fill("t1");
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    return page;
  }

  const tile = (page: Page, childId: string) =>
    page.locator(`[data-testid="child-tile"][data-child-id="${childId}"]`);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, name) });

  it("unexplained absence, medication, health notes, leave, roll call and handover", async () => {
    const kiosk = await openRoom();
    await tile(kiosk, "c3").getByTestId("tile-unexplained").waitFor();
    expect(await kiosk.getByTestId("rollcall-status").getAttribute("data-done")).toBe("false");

    // c1 arrives late: check in by touch; the 16:30 dose is now due.
    await tile(kiosk, "c1").getByText("张小明").click();
    await kiosk.getByTestId("confirm-yes").click();
    await tile(kiosk, "c1").and(kiosk.locator('[data-status="checked_in"]')).waitFor();
    const banner = kiosk.getByTestId("dose-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("布洛芬混悬液");
    expect(await tile(kiosk, "c1").getByTestId("health-mark-allergy").textContent()).toContain("过敏");
    await shot(kiosk, "room-care-zh.png");

    await tile(kiosk, "c1").getByTestId("health-open").click();
    const health = kiosk.getByTestId("health-dialog");
    await health.waitFor();
    expect(await health.getByTestId("health-allergies").textContent()).toContain("花生");
    expect(await health.getByTestId("health-medication").textContent()).toContain("5 ml");
    await shot(kiosk, "room-care-health-zh.png");
    await kiosk.getByTestId("care-cancel").click();

    await banner.getByTestId("dose-given").click();
    await banner.waitFor({ state: "detached" });

    // A leave for c4, asked by phone by the mother.
    await kiosk.getByTestId("leave-open").click();
    const leave = kiosk.getByTestId("leave-dialog");
    await leave.getByTestId("leave-child").selectOption("c4");
    await leave.getByTestId("leave-reason").fill("发烧，在家休息");
    await leave.getByTestId("leave-asked-name").fill("王丽");
    await leave.getByTestId("leave-asked-relation").fill("妈妈");
    await leave.getByTestId("leave-channel-phone").click();
    await shot(kiosk, "room-care-leave-zh.png");
    await leave.getByTestId("care-submit").click();
    await leave.waitFor({ state: "detached" });
    await tile(kiosk, "c4").and(kiosk.locator('[data-status="on_leave"]')).waitFor();

    // c3's absence explained after a phone call.
    await tile(kiosk, "c3").getByTestId("absence-resolve").click();
    const absence = kiosk.getByTestId("absence-dialog");
    await absence.getByTestId("absence-reason-wentHome").click();
    await absence.getByTestId("care-submit").click();
    await tile(kiosk, "c3").getByTestId("tile-absent").waitFor();
    expect(await kiosk.getByTestId("unexplained-count").count()).toBe(0);

    // Roll call: one child in the room.
    await kiosk.getByTestId("rollcall-open").click();
    const rollcall = kiosk.getByTestId("rollcall-dialog");
    expect(await rollcall.getByTestId("rollcall-counted").inputValue()).toBe("1");
    await rollcall.getByTestId("care-submit").click();
    await expect.poll(() => kiosk.getByTestId("rollcall-status").getAttribute("data-done")).toBe("true");

    // Handover to 赵老师, who logs in in the dialog.
    await kiosk.getByTestId("handover-open").click();
    const handover = kiosk.getByTestId("handover-dialog");
    expect(await handover.getByTestId("handover-leaves").textContent()).toContain("王小丽");
    await handover.getByTestId("handover-username").fill("t2");
    await handover.getByTestId("handover-password").fill(PASSWORD);
    await shot(kiosk, "room-care-handover-zh.png");
    await handover.getByTestId("care-submit").click();
    await handover.waitFor({ state: "detached" });
    await expect.poll(() => kiosk.getByTestId("group-holder").textContent()).toContain("赵老师");
    await shot(kiosk, "room-care-after-zh.png");

    await kiosk.getByTestId("lang-switch").click();
    await expect.poll(() => kiosk.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    expect(await kiosk.getByTestId("rollcall-status").textContent()).toMatch(/Roll call/);
    await shot(kiosk, "room-care-en.png");
    await tile(kiosk, "c1").getByTestId("health-open").click();
    await kiosk.getByTestId("health-dialog").waitFor();
    await shot(kiosk, "room-care-health-en.png");
    await kiosk.getByTestId("care-cancel").click();
    await kiosk.getByTestId("leave-open").click();
    await kiosk.getByTestId("leave-dialog").waitFor();
    await shot(kiosk, "room-care-leave-en.png");
  }, 120_000);
});
