import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const ARTIFACTS_DIR = resolve(import.meta.dirname, "../../test-artifacts");

/** Debian's Chromium, headless, with the flags this sandboxed, offline machine needs. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The kiosk shows times on the browser's clock; a school's browser is in the school's zone. */
  timezoneId?: string;
}

/** A new page in Chinese, logged in through the real login form, on `#hash`. */
export async function openLoggedIn(
  browser: Browser,
  url: string,
  login: { username: string; password: string },
  hash: string,
  options: PageOptions = {},
): Promise<Page> {
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: "zh-CN",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  await page.goto(`${url}/#${hash}`);
  await page.getByTestId("login-username").fill(login.username);
  await page.getByTestId("login-password").fill(login.password);
  await page.getByTestId("login-submit").click();
  return page;
}
