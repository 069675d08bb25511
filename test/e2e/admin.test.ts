import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

const HEADER = [
  "学号",
  "姓名",
  "年级",
  "班级",
  "托管班",
  "教室",
  "学生卡号",
  "家长姓名",
  "关系",
  "电话",
  "家长卡号",
];
const NEW_CHILD = [
  "20250120",
  "陈一诺",
  "二年级",
  "2班",
  "一二年级",
  "101",
  "0000000031",
  "陈妈妈",
  "妈妈",
  "13900003333",
  "0000000032",
];
const BAD_ROW = ["20250121", "", "十年级", "1班", "一二年级", "101", "", "陈妈妈", "妈妈", "13900003333", ""];

async function xlsx(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("托管名单");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The office in Chromium: an .xlsx import with a preview, the room kiosk, pickup cards to print. */
describe("the administration screen", () => {
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

  async function openAs(username: string, hash: string): Promise<Page> {
    return openLoggedIn(browser, server.url, { username, password: PASSWORD }, hash, {
      viewport: { width: 1280, height: 900 },
    });
  }

  /** Toasts fade by themselves; closed here so they do not cover what a screenshot is for. */
  async function shoot(page: Page, name: string): Promise<void> {
    for (const close of await page.locator('[data-testid="toast"] .toast-close').all()) await close.click();
    await page.screenshot({ path: join(ARTIFACTS_DIR, name), fullPage: true });
  }

  const tab = (page: Page, name: string) => page.locator(`[data-testid="admin-tab"][data-tab="${name}"]`);

  it("imports an .xlsx after its preview, the child reaches the room kiosk, and prints pickup cards", async () => {
    const admin = await openAs("admin", "/");
    await admin.getByTestId("open-admin").click();
    await admin.getByTestId("admin-screen").waitFor();
    await admin.locator('[data-testid="admin-child-row"][data-child-id="c1"]').waitFor();
    await shoot(admin, "admin-children-zh.png");

    await tab(admin, "import").click();
    const file = admin.getByTestId("import-file");
    await file.setInputFiles({
      name: "托管名单.xlsx",
      mimeType: XLSX_TYPE,
      buffer: await xlsx([HEADER, NEW_CHILD, BAD_ROW]),
    });
    await admin.getByTestId("import-preview").waitFor();
    const problems = admin.getByTestId("import-problem");
    await expect.poll(() => problems.count()).toBe(2);
    expect(await problems.evaluateAll((els) => els.map((e) => e.getAttribute("data-row")))).toEqual([
      "3",
      "3",
    ]);
    // Worded on the screen from the server's codes: Chinese, no English sentence from the server.
    for (const text of await problems.allTextContents()) expect(text).not.toMatch(/[a-z]{4,}/);
    expect(await admin.locator('[data-testid="import-row"][data-line="3"]').getAttribute("class")).toContain(
      "row-bad",
    );
    expect(await admin.getByTestId("import-apply").isDisabled()).toBe(true);
    await shoot(admin, "admin-import-problems-zh.png");
    expect(school.store.read().children.some((c) => c.id === "20250120")).toBe(false);

    await file.setInputFiles({
      name: "托管名单-改.xlsx",
      mimeType: XLSX_TYPE,
      buffer: await xlsx([HEADER, NEW_CHILD]),
    });
    await admin.getByTestId("import-ready").waitFor();
    await admin.getByTestId("import-apply").click();
    await admin.getByTestId("import-done").waitFor();
    expect(school.store.read().children.some((c) => c.id === "20250120")).toBe(true);

    const kiosk = await openAs("t1", "/room/g1");
    await kiosk.locator('[data-testid="child-tile"][data-child-id="20250120"]').waitFor();
    expect(
      await kiosk.locator('[data-testid="child-tile"][data-child-id="20250120"]').textContent(),
    ).toContain("陈一诺");
    await kiosk.close();

    // A teacher signs in for attendance from the home page; the office sees it in the month's report.
    const teacher = await openAs("t2", "/");
    const sign = teacher.getByTestId("staff-sign-card");
    await teacher.getByTestId("staff-sign-toggle").click();
    await expect.poll(() => sign.getAttribute("data-signed-in")).toBe("true");
    await shoot(teacher, "home-staff-sign-zh.png");
    await teacher.close();
    await tab(admin, "attendance").click();
    await admin.getByTestId("attendance-row").first().waitFor();
    expect(await admin.getByTestId("attendance-table").textContent()).toContain("赵老师");
    await shoot(admin, "admin-attendance-zh.png");

    await tab(admin, "children").click();
    await admin.locator('[data-testid="admin-child-row"][data-child-id="20250120"]').waitFor();
    await admin
      .locator('[data-testid="admin-child-row"][data-child-id="c1"] [data-testid="admin-open-child"]')
      .click();
    await admin.getByTestId("admin-child-detail").waitFor();
    await shoot(admin, "admin-child-detail-zh.png");

    await tab(admin, "print").click();
    await admin.getByTestId("card-sheet").waitFor();
    const cards = admin.getByTestId("pickup-card");
    await expect.poll(() => cards.count()).toBe(3);
    await expect.poll(() => admin.getByTestId("pickup-card-qr").count()).toBe(3);
    expect(
      await admin.locator('[data-testid="pickup-card"][data-card-id="0000000032"]').textContent(),
    ).toContain("陈一诺");
    await admin.emulateMedia({ media: "print" });
    await shoot(admin, "admin-print-cards-zh.png");
    await admin.emulateMedia({ media: "screen" });

    await tab(admin, "groups").click();
    await admin.getByTestId("admin-groups").waitFor();
    await admin.getByTestId("lang-switch").click();
    await expect.poll(() => admin.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    await shoot(admin, "admin-groups-en.png");
    await tab(admin, "cards").click();
    await admin
      .locator('[data-testid="admin-card"][data-card-id="0000000001"] [data-testid="card-lost"]')
      .click();
    await admin.getByTestId("confirm-yes").click();
    await expect
      .poll(() =>
        admin.locator('[data-testid="admin-card"][data-card-id="0000000001"]').getAttribute("data-status"),
      )
      .toBe("lost");
    await shoot(admin, "admin-cards-en.png");
    await tab(admin, "print").click();
    // The card reported lost is no longer printed.
    await expect.poll(() => admin.getByTestId("pickup-card").count()).toBe(2);
    await admin.getByTestId("pickup-card-qr").first().waitFor();
    await admin.emulateMedia({ media: "print" });
    await shoot(admin, "admin-print-cards-en.png");
  });

  it("edits a child's health notes, and the room kiosk's tile shows the marks", async () => {
    const admin = await openAs("admin", "/");
    await admin.getByTestId("open-admin").click();
    const row = admin.locator('[data-testid="admin-child-row"][data-child-id="c1"]');
    await row.getByTestId("admin-open-child").click();
    const editor = admin.getByTestId("health-editor");
    await editor.getByTestId("health-allergies").fill("花生、芒果");
    await editor.getByTestId("health-med-add").click();
    await editor.getByTestId("health-med-name").fill("布洛芬混悬液");
    await editor.getByTestId("health-med-dose").fill("5 ml");
    await editor.getByTestId("health-med-times").fill("15:30, 17:00");
    await editor.getByTestId("health-note").fill("书包里有哮喘喷雾");
    await shoot(admin, "admin-health-editor-zh.png");
    await editor.getByTestId("health-save").click();
    await expect
      .poll(() => school.store.read().children.find((c) => c.id === "c1")?.health?.allergies)
      .toEqual(["花生", "芒果"]);
    const health = school.store.read().children.find((c) => c.id === "c1")?.health;
    expect(health?.medications.map((m) => [m.name, m.dose, m.times])).toEqual([
      ["布洛芬混悬液", "5 ml", ["15:30", "17:00"]],
    ]);
    expect(health?.note).toBe("书包里有哮喘喷雾");
    // The saved notes come back into the editor from the snapshot.
    await expect.poll(() => admin.getByTestId("health-med-name").inputValue()).toBe("布洛芬混悬液");

    const kiosk = await openAs("t1", "/room/g1");
    const tile = kiosk.locator('[data-testid="child-tile"][data-child-id="c1"]');
    await tile.getByTestId("health-mark-allergy").waitFor();
    await tile.getByTestId("health-mark-medication").waitFor();
    await kiosk.close();
    await admin.close();
  });
});
