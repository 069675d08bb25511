import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { GateWorld } from "../server/gate-harness";
import { launchChromium } from "../support/browser";
import { PASSWORD } from "../support/server-harness";

/**
 * Every page's header shows the server's clock, not the tablet's: the home page has no live view
 * to learn it from, so the session answer carries it (the demo school plays its afternoon at any
 * hour; a tablet's clock may be wrong). The server here says Monday 2026-11-23 16:05.
 */
describe("the header clock on a page without a live view", () => {
  const w = new GateWorld("16:05");
  let browser: Browser;

  beforeAll(async () => {
    await w.start(undefined, KIOSK_DIST);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await w.stop();
  });

  it("shows the server's time and day after login and after a reload", async () => {
    const page = await browser.newPage({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    await page.goto(`${w.server.url}/#/`);
    await page.getByTestId("login-username").fill("t1");
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("user-name").waitFor();
    const clock = page.getByTestId("clock");
    await expect.poll(() => clock.innerText()).toContain("16:05");
    expect(await clock.innerText()).toContain("11月23日");

    // A reload asks for the session again, and the clock comes with it.
    await page.reload();
    await page.getByTestId("user-name").waitFor();
    await expect.poll(() => page.getByTestId("clock").innerText()).toContain("16:05");
    await page.close();
  });
});
