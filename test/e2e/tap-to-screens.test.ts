import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type Agent, startAgent } from "../../gate-agent";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { type PtyPair, startPtyPair } from "../gate-agent/helpers/socat";
import { anyTimeSchool } from "../support/any-time-schedule";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { em4100Frame } from "../support/em4100-frame";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

/**
 * The vertical slice as a person sees it: RDM6300 frames written into pty readers travel through
 * real gate agents and the server to a teacher's kiosk and the guard's screen in Chromium.
 */
describe("a card tap reaches the care-room kiosk and the guard screen", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;
  let roomReader: PtyPair;
  let gateReader: PtyPair;
  const agents: Agent[] = [];

  beforeAll(async () => {
    school = await createTestSchool(anyTimeSchool());
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    server = await startServer({
      store: school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
    });
    roomReader = await startPtyPair(await subdir("room"));
    gateReader = await startPtyPair(await subdir("gate"));
    const reader = (pty: PtyPair) => [{ profile: "generic/rdm6300", path: pty.agentSide }];
    agents.push(
      await startAgent({ serverUrl: server.url, token: school.tokens.room1, readers: reader(roomReader) }),
    );
    agents.push(
      await startAgent({ serverUrl: server.url, token: school.tokens.gate, readers: reader(gateReader) }),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const agent of agents) await agent.stop();
    await roomReader?.stop();
    await gateReader?.stop();
    await server?.close();
    await removeSchool(school);
  });

  async function subdir(name: string): Promise<string> {
    const { mkdir } = await import("node:fs/promises");
    const dir = join(school.dataDir, `pty-${name}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  async function openAs(
    username: string,
    hash: string,
    viewport = { width: 1280, height: 800 },
  ): Promise<Page> {
    return openLoggedIn(browser, server.url, { username, password: PASSWORD }, hash, { viewport });
  }

  async function tapCard(pty: PtyPair, cardId: string): Promise<void> {
    await writeFile(pty.readerSide, em4100Frame(cardId));
  }

  const tile = (page: Page, childId: string) =>
    page.locator(`[data-testid="child-tile"][data-child-id="${childId}"]`);
  const row = (page: Page, childId: string) =>
    page.locator(`[data-testid="queue-row"][data-child-id="${childId}"]`);

  it("check-in by card, pickup request at the gate, release and handover, in both languages", async () => {
    const kiosk = await openAs("t1", "/room/g1", { width: 1024, height: 768 });
    const guard = await openAs("guard", "/gate");
    await expect.poll(() => tile(kiosk, "c1").getAttribute("data-status")).toBe("expected");
    await expect.poll(() => guard.getByTestId("connection").getAttribute("data-state")).toBe("online");

    await tapCard(roomReader, "0000000011");
    await tile(kiosk, "c1").and(kiosk.locator('[data-status="checked_in"]')).waitFor();

    await tapCard(gateReader, "0000000001");
    await row(guard, "c1").and(guard.locator('[data-status="pickup_requested"]')).waitFor();
    const announcement = kiosk.getByTestId("announcement");
    await announcement.waitFor();
    expect(await announcement.textContent()).toContain("张小明");
    expect(await row(guard, "c1").textContent()).toContain("张妈妈");
    await tile(kiosk, "c1").and(kiosk.locator('[data-status="pickup_requested"]')).waitFor();
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "room-announcement-zh.png") });
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-requested-zh.png") });

    await kiosk.locator('[data-testid="release"][data-child-id="c1"]').click();
    await row(guard, "c1").and(guard.locator('[data-status="released"]')).waitFor();
    await guard.locator('[data-testid="confirm-collected"][data-child-id="c1"]').click();
    await row(guard, "c1").and(guard.locator('[data-status="collected"]')).waitFor();
    await tile(kiosk, "c1").and(kiosk.locator('[data-status="collected"]')).waitFor();

    for (const page of [kiosk, guard]) {
      await page.getByTestId("lang-switch").click();
      await expect.poll(() => page.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    }
    expect(await tile(kiosk, "c1").getByTestId("tile-status").textContent()).toMatch(/collected/i);
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "room-en.png") });
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-en.png") });
  });

  it("an unknown card at the gate is a visible alert for the guard", async () => {
    const guard = await openAs("guard", "/gate");
    await expect.poll(() => guard.getByTestId("connection").getAttribute("data-state")).toBe("online");
    await tapCard(gateReader, "0123456789");
    const alert = guard.locator('[data-testid="alert"][data-kind="unknown_card"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain("0123456789");
    await tapCard(gateReader, "0000000099");
    await guard.locator('[data-testid="alert"][data-kind="card_blocked"][data-severity="danger"]').waitFor();
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-alerts.png") });
  });
});
