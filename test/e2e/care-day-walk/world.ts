import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { KIOSK_DIST } from "../../../cli/paths";
import { type Agent, startAgent } from "../../../gate-agent";
import type { TapOutcome } from "../../../protocol";
import { type RunningServer, startServer } from "../../../server/app";
import { addDevice } from "../../../server/auth/devices";
import { openFileJournal } from "../../../server/store/file-journal";
import { type PtyPair, startPtyPair } from "../../gate-agent/helpers/socat";
import { addLeader } from "../../server/overview-support";
import { ARTIFACTS_DIR, launchChromium } from "../../support/browser";
import { at, careDaySchool } from "../../support/care-day-school";
import { em4100Frame } from "../../support/em4100-frame";
import {
  connected,
  createTestSchool,
  type DeviceClient,
  deviceClient,
  PASSWORD,
  removeSchool,
  type TestSchool,
  unwrap,
} from "../../support/server-harness";

export const SHOTS_DIR = join(ARTIFACTS_DIR, "care-day-walk");

/**
 * One school's server on a clock the walk moves, a real gate agent at the room reader (g1) and at
 * the gate, each on a socat pty, a QR scanner at the gate (a device socket), and Chromium pages
 * whose clocks follow the server's.
 */
export class CareDayWorld {
  now = at("14:50");
  school!: TestSchool;
  server!: RunningServer;
  browser!: Browser;
  roomReader!: PtyPair;
  gateReader!: PtyPair;
  scanner!: DeviceClient;
  private readonly agents: Agent[] = [];
  private readonly pages: Page[] = [];

  async start(): Promise<void> {
    this.school = await createTestSchool(careDaySchool());
    await addLeader(this.school);
    const scanner = await addDevice(this.school.store, { name: "南门扫码枪", kind: "gate" });
    const journal = await openFileJournal(join(this.school.dataDir, "journal"));
    this.server = await startServer({
      store: this.school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
      clock: () => new Date(this.now),
      gateClockMs: 100,
    });
    this.roomReader = await startPtyPair(await this.subdir("room"));
    this.gateReader = await startPtyPair(await this.subdir("gate"));
    const agentFor = (token: string, pty: PtyPair) =>
      startAgent({
        serverUrl: this.server.url,
        token,
        readers: [{ profile: "generic/rdm6300", path: pty.agentSide }],
        // The agent stamps each tap with its own clock, which agrees with the server's.
        now: () => this.now.getTime(),
      });
    this.agents.push(await agentFor(this.school.tokens.room1, this.roomReader));
    this.agents.push(await agentFor(this.school.tokens.gate, this.gateReader));
    this.scanner = deviceClient(this.server.url, scanner.token);
    await connected(this.scanner);
    await mkdir(SHOTS_DIR, { recursive: true });
    this.browser = await launchChromium();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.scanner?.disconnect();
    for (const agent of this.agents.splice(0)) await agent.stop();
    await this.roomReader?.stop();
    await this.gateReader?.stop();
    await this.server?.close();
    if (this.school) await removeSchool(this.school);
  }

  /** Moves the school's clock: the server, the agents and every open page. */
  async setTime(time: string): Promise<void> {
    this.now = at(time);
    for (const page of this.pages) if (!page.isClosed()) await page.clock.setFixedTime(this.now);
  }

  async openAs(username: string, hash: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await this.browser.newPage({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    await page.clock.setFixedTime(this.now);
    this.pages.push(page);
    await page.goto(`${this.server.url}/#${hash}`);
    await page.getByTestId("login-username").fill(username);
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    return page;
  }

  /** A card held to a reader: the RDM6300's bytes into the pty its agent reads. */
  async tapCard(where: "room" | "gate", cardId: string): Promise<void> {
    await writeFile(
      where === "room" ? this.roomReader.readerSide : this.gateReader.readerSide,
      em4100Frame(cardId),
    );
  }

  /** A QR code shown to the gate's scanner. */
  async scan(text: string): Promise<TapOutcome> {
    const report = {
      id: randomUUID(),
      readerId: "scanner",
      at: this.now.toISOString(),
      reading: { kind: "code" as const, text },
    };
    return unwrap(await this.scanner.emitWithAck("tap:report", report));
  }

  private async subdir(name: string): Promise<string> {
    const dir = join(this.school.dataDir, `pty-${name}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }
}

export const tile = (page: Page, childId: string): Locator =>
  page.locator(`[data-testid="child-tile"][data-child-id="${childId}"]`);
export const queueRow = (page: Page, childId: string): Locator =>
  page.locator(`[data-testid="queue-row"][data-child-id="${childId}"]`);

/** expect.poll with room for a loaded CI machine (its default is one second). */
export function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 10_000 });
}

export async function waitStatus(row: Locator, status: string): Promise<void> {
  await poll(() => row.getAttribute("data-status")).toBe(status);
}

async function closeToasts(page: Page): Promise<void> {
  // Each close re-renders the list; an open dialog's overlay may cover them, so the click is dispatched.
  for (let left = await page.locator(".toast-close").count(); left > 0; left--) {
    await page.locator(".toast-close").first().dispatchEvent("click");
  }
}

async function switchLanguage(page: Page, lang: "zh" | "en"): Promise<void> {
  const button = page.getByTestId("lang-switch");
  if ((await button.getAttribute("data-lang")) === lang) return;
  // The header may sit under a dialog's overlay: the click is dispatched, not aimed.
  await button.dispatchEvent("click");
  await poll(() => button.getAttribute("data-lang")).toBe(lang);
}

/** The page as it is now, in Chinese and then in English (`<name>-zh.png`, `<name>-en.png`); back to Chinese. */
export async function shootBoth(page: Page, name: string, fullPage = true): Promise<void> {
  await closeToasts(page);
  await switchLanguage(page, "zh");
  await page.screenshot({ path: join(SHOTS_DIR, `${name}-zh.png`), fullPage });
  await switchLanguage(page, "en");
  await closeToasts(page);
  await page.screenshot({ path: join(SHOTS_DIR, `${name}-en.png`), fullPage });
  await switchLanguage(page, "zh");
}
