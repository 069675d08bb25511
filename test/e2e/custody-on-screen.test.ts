import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { anyTimeSchool } from "../support/any-time-schedule";
import { launchChromium, openLoggedIn } from "../support/browser";
import {
  cardTap,
  connected,
  createTestSchool,
  type DeviceClient,
  deviceClient,
  PASSWORD,
  removeSchool,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

const BARRED_CARD = "0000000077";
/** A 1×1 PNG: the browser must be able to draw it. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * Issue 10 "done means": an admin enters a court-ordered barred parent on the child page, and that
 * parent's card at the gate raises the red custody alert with the note on the guard's screen, and
 * the photo the office uploaded for that parent is on the alert for the guard to compare.
 */
describe("who may not collect, entered on screen, in Chromium", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;
  let gate: DeviceClient;

  beforeAll(async () => {
    school = await createTestSchool(anyTimeSchool());
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    server = await startServer({
      store: school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
      photosDir: join(school.dataDir, "photos"),
    });
    browser = await launchChromium();
    gate = deviceClient(server.url, school.tokens.gate);
    await connected(gate);
  });
  afterAll(async () => {
    gate?.disconnect();
    await browser?.close();
    await server?.close();
    await removeSchool(school);
  });

  async function childPage(childId: string): Promise<Page> {
    const page = await openLoggedIn(browser, server.url, { username: "admin", password: PASSWORD }, "/", {
      viewport: { width: 1280, height: 900 },
    });
    await page.getByTestId("open-admin").click();
    await page.getByTestId("admin-screen").waitFor();
    await page
      .locator(`[data-testid="admin-child-row"][data-child-id="${childId}"] [data-testid="admin-open-child"]`)
      .click();
    await page.getByTestId("admin-child-detail").waitFor();
    return page;
  }

  it("the admin bars an adult on the child page; the guard sees that card as the red custody alert", async () => {
    const office = await childPage("c1");
    const form = office.getByTestId("not-authorised-add");
    await form.locator('input[name="name"]').fill("张某");
    await form.locator('input[name="relation"]').fill("父亲");
    await form.locator('input[name="idLast4"]').fill("123X");
    await form.locator('input[name="note"]').fill("（2026）京0105民初123号");
    await form.locator('input[name="cardNumber"]').fill(BARRED_CARD);
    await form.getByRole("button").click();
    await office.locator('[data-testid="not-authorised-entry"]').waitFor();
    expect(await office.getByTestId("not-authorised-entry").textContent()).toContain("张某");
    const entry = office.getByTestId("not-authorised-entry");
    await entry.locator("summary").click();
    await entry
      .locator('[data-testid="admin-photo"][data-kind="not-authorised"] input[type="file"]')
      .setInputFiles({ name: "zhang.png", mimeType: "image/png", buffer: PNG });
    await entry.locator('img[data-testid="avatar-photo"]').waitFor();

    const guard = await openLoggedIn(
      browser,
      server.url,
      { username: "guard", password: PASSWORD },
      "/gate",
      {
        viewport: { width: 1366, height: 1000 },
      },
    );
    await guard.getByTestId("alerts").waitFor();
    unwrap(await gate.emitWithAck("tap:report", cardTap(BARRED_CARD)));
    const alert = guard.locator('[data-testid="alert"][data-kind="custody_refused"]');
    await alert.waitFor();
    expect(await alert.getAttribute("data-severity")).toBe("danger");
    const text = (await alert.textContent()) ?? "";
    expect(text).toContain("张小明");
    expect(text).toContain("张某");
    const face = alert.locator('[data-testid="alert-face"] img.face');
    await face.waitFor();
    expect(await face.getAttribute("src")).toMatch(/^\/api\/photos\/barred-c1-na-.+\.png$/);
    await expect.poll(() => face.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect((await face.boundingBox())?.width).toBeGreaterThanOrEqual(120);
    await guard.close();
    await office.close();
  });

  it("a guardian added on the child page waits for confirmation, counted above the tabs", async () => {
    const office = await childPage("c3");
    const form = office.getByTestId("guardian-add");
    await form.locator('input[name="name"]').fill("李奶奶");
    await form.locator('input[name="phone"]').fill("13900000003");
    await form.locator('input[name="relation"]').fill("奶奶");
    await form.getByRole("button").click();
    const added = office.locator('[data-testid="custody-guardian"]', { hasText: "李奶奶" });
    await added.getByTestId("custody-pending").waitFor();
    await office.getByTestId("pending-authorities-count").waitFor();
    expect(await office.getByTestId("pending-authorities-count").getAttribute("data-count")).toBe("1");
    // The office's home card says so too.
    const home = await openLoggedIn(browser, server.url, { username: "admin", password: PASSWORD }, "/");
    await home.getByTestId("home-pending-authorities").waitFor();
    expect(await home.getByTestId("home-pending-authorities").getAttribute("data-count")).toBe("1");
    await home.close();
    await office
      .getByTestId("admin-child-detail")
      .locator('[data-testid="pending-authority"]')
      .getByTestId("pending-confirm")
      .click();
    await expect.poll(() => office.getByTestId("pending-authorities-count").count()).toBe(0);
    expect(await added.getByTestId("custody-pending").count()).toBe(0);
    await office.close();
  });
});
