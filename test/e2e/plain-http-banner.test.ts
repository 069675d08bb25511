import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

/** Issue 12, item 6: the admin screen of a school served over plain HTTP on the network says what to do. */
describe("the plain-HTTP banner on the admin screen, in Chromium", () => {
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
      host: "0.0.0.0",
      kioskDir: KIOSK_DIST,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  it("names the risk and the two commands, above every tab", async () => {
    const page = await openLoggedIn(browser, server.url, { username: "admin", password: PASSWORD }, "/", {
      viewport: { width: 1280, height: 900 },
    });
    await page.getByTestId("open-admin").click();
    const banner = page.getByTestId("plain-http-banner");
    await banner.waitFor();
    const text = (await banner.textContent()) ?? "";
    expect(text).toContain("连接未加密");
    expect(text).toContain("wanfeng tls init");
    expect(text).toContain("wanfeng start --tls");
    await page.locator('[data-testid="admin-tab"][data-tab="schedule"]').click();
    await expect.poll(() => banner.isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, "plain-http-banner.png") });
    await page.close();
  });
});
