import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { checkIn } from "../store/events";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";
import { IMAGE_BYTES, makeZip } from "../support/zip-writer";

/** The office in Chromium: photos in bulk with their preview, and one child's history. */
describe("the office's photo import and child history", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    school = await createTestSchool();
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    await journal.append([{ ...checkIn("h1", "2026-11-20"), childId: "c1" }]);
    server = await startServer({
      store: school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
      photosDir: join(school.dataDir, "photos"),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  const tab = (page: Page, name: string) => page.locator(`[data-testid="admin-tab"][data-tab="${name}"]`);

  it("previews a zip of photos with matches and misses, imports it, and shows a child's history with its export", async () => {
    const admin = await openLoggedIn(browser, server.url, { username: "admin", password: PASSWORD }, "/", {
      viewport: { width: 1280, height: 900 },
    });
    await admin.getByTestId("open-admin").click();
    await admin.getByTestId("admin-screen").waitFor();

    await tab(admin, "photos").click();
    await admin.getByTestId("photo-import-file").setInputFiles({
      name: "照片.zip",
      mimeType: "application/zip",
      buffer: makeZip([
        { name: "c1.jpg", data: IMAGE_BYTES.jpg },
        { name: "13800000001.png", data: IMAGE_BYTES.png },
        { name: "readme.txt", data: Buffer.from("not a photo") },
      ]),
    });
    await admin.getByTestId("photo-import-preview").waitFor();
    const matches = admin.getByTestId("photo-import-match");
    await expect.poll(() => matches.count()).toBe(2);
    const miss = admin.getByTestId("photo-import-miss");
    expect(await miss.getAttribute("data-reason")).toBe("not_image");
    expect(await miss.textContent()).toContain("不是 JPEG、PNG 或 WebP 图片");
    expect(school.store.read().children.find((c) => c.id === "c1")?.photo).toBeUndefined();
    await admin.screenshot({ path: join(ARTIFACTS_DIR, "admin-photo-import-zh.png"), fullPage: true });

    await admin.getByTestId("photo-import-apply").click();
    await admin.getByTestId("photo-import-done").waitFor();
    expect(school.store.read().children.find((c) => c.id === "c1")?.photo).toBe("/api/photos/child-c1.jpg");

    await tab(admin, "children").click();
    await admin
      .locator('[data-testid="admin-child-row"][data-child-id="c1"] [data-testid="admin-open-child"]')
      .click();
    await admin.getByTestId("child-history-open").click();
    await admin.getByTestId("child-history").waitFor();
    const entry = admin.getByTestId("history-entry");
    expect(await entry.getAttribute("data-kind")).toBe("checked_in");
    expect(await entry.textContent()).toContain("2026-11-20");
    expect(await admin.getByTestId("history-csv").getAttribute("href")).toBe(
      "/api/admin/children/c1/history.csv?lang=zh",
    );
    await admin.screenshot({ path: join(ARTIFACTS_DIR, "admin-child-history-zh.png"), fullPage: true });
    await admin.close();
  }, 60_000);
});
