import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { filePurgeDeps } from "../../server/store/file-purge";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { schoolWithWithdrawnChild } from "../support/retention-school";
import { PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

/** The office in Chromium: the retention settings, a refused value, a saved change and the purge preview. */
describe("the retention settings on the admin screen", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    school = await schoolWithWithdrawnChild();
    server = await startServer({
      store: school.store,
      journal: await openFileJournal(join(school.dataDir, "journal")),
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
      photosDir: join(school.dataDir, "photos"),
      purge: filePurgeDeps(school.dataDir, school.store),
      // Monday 23 November 2026, 16:45 in Shanghai.
      clock: () => new Date("2026-11-23T08:45:00Z"),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  const field = (page: Page, name: string) => page.getByTestId(`retention-${name}`);

  it("shows the defaults and what would go now; refuses 0 days; a saved change empties the preview", async () => {
    const admin = await openLoggedIn(browser, server.url, { username: "admin", password: PASSWORD }, "/", {
      viewport: { width: 1280, height: 900 },
    });
    await admin.getByTestId("open-admin").click();
    await admin.getByTestId("admin-screen").waitFor();
    await admin.locator('[data-testid="admin-tab"][data-tab="retention"]').click();

    await admin.getByTestId("retention-preview").waitFor();
    await admin.getByTestId("retention-default").waitFor();
    expect(await field(admin, "withdrawnDataDays").inputValue()).toBe("90");
    expect(await field(admin, "journalYears").inputValue()).toBe("3");
    expect(await admin.getByTestId("retention-last-purge").textContent()).toContain("尚未自动清理过");
    const child = admin.locator('[data-testid="retention-preview-child"][data-child-id="c3"]');
    expect(await child.textContent()).toContain("李四");
    expect(await child.textContent()).toContain("照片");
    expect(await admin.getByTestId("retention-preview-guardian").textContent()).toContain("电话");
    expect(await admin.getByTestId("retention-preview-journal").getAttribute("data-day")).toBe("2022-03-04");
    await admin.screenshot({ path: join(ARTIFACTS_DIR, "admin-retention-zh.png"), fullPage: true });

    await field(admin, "withdrawnDataDays").fill("0");
    await admin.getByTestId("retention-save").click();
    expect(await admin.getByTestId("retention-error").textContent()).toContain("1 到 3650");
    expect(school.store.read().settings.retention).toBeUndefined();

    await field(admin, "withdrawnDataDays").fill("365");
    await field(admin, "journalYears").fill("5");
    await admin.getByTestId("retention-save").click();
    await admin.getByTestId("retention-preview-empty").waitFor();
    expect(await admin.getByTestId("retention-default").count()).toBe(0);
    expect(school.store.read().settings.retention).toEqual({ withdrawnDataDays: 365, journalYears: 5 });
    expect(await field(admin, "withdrawnDataDays").inputValue()).toBe("365");
    await admin.close();
  }, 60_000);
});
