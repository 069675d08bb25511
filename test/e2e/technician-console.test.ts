import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type Agent, startAgent } from "../../gate-agent";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { type PtyPair, startPtyPair } from "../gate-agent/helpers/socat";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { em4100Frame } from "../support/em4100-frame";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

/** The same frame with its checksum spoiled: the console must show it as a bad frame. */
function badChecksumFrame(cardId: string): Buffer {
  const frame = Buffer.from(em4100Frame(cardId));
  frame[11] = frame[11] === 0x30 ? 0x31 : 0x30;
  return frame;
}

/**
 * The technician's console as a person sees it: an RDM6300 frame written into a pty reader goes
 * through a real gate agent (streaming only because the console watches) to the browser.
 */
describe("the technician watches a reader live and binds a card by tapping it", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;
  let gateReader: PtyPair;
  let agent: Agent;

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
    const dir = join(school.dataDir, "pty-gate");
    await mkdir(dir, { recursive: true });
    gateReader = await startPtyPair(dir);
    agent = await startAgent({
      serverUrl: server.url,
      token: school.tokens.gate,
      readers: [{ profile: "generic/rdm6300", path: gateReader.agentSide }],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.stop();
    await gateReader?.stop();
    await server?.close();
    await removeSchool(school);
  });

  async function openAs(username: string, hash: string): Promise<Page> {
    return openLoggedIn(browser, server.url, { username, password: PASSWORD }, hash, {
      viewport: { width: 1280, height: 900 },
    });
  }

  const gateRow = (page: Page) => page.locator('[data-testid="device-row"]', { hasText: "南门" });

  it("shows raw bytes and the decoded card of each frame, newest first, in both languages", async () => {
    const page = await openAs("tech", "/technician");
    await gateRow(page).and(page.locator('[data-online="true"]')).waitFor();
    const reader = gateRow(page).locator('[data-testid="reader-row"][data-reader-id="ttyV0"]');
    await reader.and(page.locator('[data-open="true"]')).waitFor();
    await reader.getByTestId("open-console").click();
    await page.getByTestId("console-waiting").waitFor();
    // The agent streams only once the server told it that someone watches.
    await expect.poll(() => page.getByTestId("console-target").textContent()).toContain("ttyV0");

    // The agent streams only once the server's console:watch has reached it, which the page cannot
    // see: tap the card until its frame shows (repeats of a held card are what a reader sends anyway).
    const lines = page.getByTestId("console-line");
    await expect
      .poll(
        async () => {
          if ((await lines.count()) === 0) await writeFile(gateReader.readerSide, em4100Frame("0000000001"));
          return lines.count();
        },
        { interval: 150 },
      )
      .toBeGreaterThan(0);
    const line = lines.first();
    expect(await line.getByTestId("console-hex").textContent()).toMatch(
      /^02 30 31 30 30 30 30 30 30 30 31 .. .. 03$/,
    );
    expect(await line.getByTestId("console-reading").textContent()).toContain("0000000001");
    await writeFile(gateReader.readerSide, badChecksumFrame("0000000002"));
    await page.locator('[data-testid="console-line"][data-kind="bad"]').waitFor();
    expect(await page.getByTestId("console-line").first().getAttribute("data-kind")).toBe("bad");
    // Reader status is pushed at most every 2 s while counters change (gate-agent/reader-reports.ts).
    const statusPush = { timeout: 6_000 };
    await expect
      .poll(() => reader.getByTestId("reader-last").textContent(), statusPush)
      .toContain("0000000001");
    await expect.poll(() => reader.getByTestId("reader-bad").textContent(), statusPush).toMatch(/1/);
    await page.screenshot({ path: join(ARTIFACTS_DIR, "technician-console-zh.png") });

    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    expect(await page.locator('[data-testid="console-line"][data-kind="bad"]').textContent()).toContain(
      "Bad frame",
    );
    await page.screenshot({ path: join(ARTIFACTS_DIR, "technician-console-en.png") });
  });

  it("binds the next tap to the chosen person", async () => {
    const page = await openAs("admin", "/technician");
    await gateRow(page).and(page.locator('[data-online="true"]')).waitFor();
    await page.getByTestId("enrol-search").fill("李");
    await page.locator('[data-testid="enrol-result"][data-holder-id="c3"]').click();
    await page.getByTestId("enrol-start").click();
    await page.locator('[data-testid="enrol-state"][data-state="waiting"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, "technician-enrol-waiting.png") });
    await writeFile(gateReader.readerSide, em4100Frame("0006547886"));
    const message = page.locator('[data-testid="enrol-message"][data-tone="success"]');
    await message.waitFor();
    expect(await message.textContent()).toContain("0006547886");
    expect(school.store.read().cards).toContainEqual({
      id: "0006547886",
      holder: { kind: "child", id: "c3" },
      status: "active",
    });
    await page.getByTestId("enrol-number").fill("099,59822");
    await page.getByTestId("enrol-bind").click();
    await page.locator('[data-testid="enrol-message"]', { hasText: "本来就是" }).waitFor();
    await page.locator('[data-testid="enrol-result"][data-holder-id="p2"]').click();
    await page.getByTestId("enrol-number").fill("0000000001");
    await page.getByTestId("enrol-bind").click();
    await page.locator('[data-testid="enrol-message"][data-tone="error"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, "technician-enrol-zh.png") });
  });
});
