import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { launchChromium, openLoggedIn } from "../support/browser";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

/** Issue 11 "done means": as the office, add a child by form and edit the swapped working days. */
describe("the office's forms in Chromium", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    school = await createTestSchool();
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    server = await startServer({
      store: school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  async function adminScreen(): Promise<Page> {
    const page = await openLoggedIn(browser, server.url, { username: "admin", password: PASSWORD }, "/", {
      viewport: { width: 1280, height: 900 },
    });
    await page.getByTestId("open-admin").click();
    await page.getByTestId("admin-screen").waitFor();
    // Loopback: nothing crosses the network, so no plain-HTTP warning.
    expect(await page.getByTestId("plain-http-banner").count()).toBe(0);
    return page;
  }

  it("adds a child by form: every problem worded at once, then the child is on the list", async () => {
    const page = await adminScreen();
    await page.locator('[data-testid="admin-add-child"] summary').click();
    const form = page.getByTestId("child-add-form");
    await form.locator('input[name="id"]').fill("20250130");
    await form.getByRole("button").click();
    const problems = form.locator('[data-testid="child-form-problems"] li');
    await expect.poll(() => problems.allTextContents()).toEqual(["请填写姓名", "请填写班级"]);
    await form.locator('input[name="name"]').fill("何小雨");
    await form.locator('input[name="className"]').fill("3班");
    await form.getByRole("button").click();
    await page.locator('[data-testid="admin-child-row"][data-child-id="20250130"]').waitFor();
    expect(school.store.read().children.find((c) => c.id === "20250130")).toMatchObject({
      name: "何小雨",
      className: "3班",
      groupId: "g1",
    });
    await page.close();
  });

  it("edits the swapped working days on the timetable screen, with mistakes in Chinese", async () => {
    const page = await adminScreen();
    await page.locator('[data-testid="admin-tab"][data-tab="schedule"]').click();
    await page.getByTestId("schedule-workday-add").click();
    await page.getByTestId("schedule-save").click();
    const problems = page.locator('[data-testid="schedule-problems"] li');
    await expect.poll(() => problems.count()).toBeGreaterThan(0);
    expect((await problems.allTextContents()).join(" ")).toContain("调休上班日");
    const row = page.getByTestId("schedule-workday-row").last();
    await row.locator("input").first().fill("元旦调休");
    await row.locator("input").first().dispatchEvent("change");
    await row.getByTestId("schedule-workday-date").fill("2027-01-04");
    await row.getByTestId("schedule-workday-date").dispatchEvent("change");
    await page.getByTestId("schedule-save").click();
    await expect
      .poll(() => school.store.read().schedule?.workdays.some((w) => w.date === "2027-01-04"))
      .toBe(true);
    await page.close();
  });

  it("renames a season and a grade band on the timetable screen", async () => {
    const page = await adminScreen();
    await page.locator('[data-testid="admin-tab"][data-tab="schedule"]').click();
    const seasonName = page.getByTestId("schedule-season-name").first();
    await seasonName.fill("秋冬作息");
    await seasonName.dispatchEvent("change");
    const bandName = page.getByTestId("schedule-band-name").first();
    await bandName.fill("低年级");
    await bandName.dispatchEvent("change");
    await page.getByTestId("schedule-save").click();
    await expect.poll(() => school.store.read().schedule?.seasons[0]?.name).toBe("秋冬作息");
    expect(school.store.read().schedule?.bands[0]?.name).toBe("低年级");
    await expect
      .poll(() => page.locator('[data-testid="schedule-band-row"] td').first().textContent())
      .toBe("低年级");
    await page.close();
  });
});
