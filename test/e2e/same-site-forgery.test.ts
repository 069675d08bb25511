import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app";
import { launchChromium } from "../support/browser";
import {
  createTestSchool,
  PASSWORD,
  removeSchool,
  startTestServer,
  type TestSchool,
} from "../support/server-harness";

const DAY = "2026-11-23";
const ROSTER_CSV = [
  "学号,姓名,年级,班级,托管班,教室,学生卡号,家长姓名,关系,电话,家长卡号",
  "20250120,陈一诺,二年级,2班,一二年级,101,0000000031,陈妈妈,妈妈,13900003333,0000000032",
].join("\n");

/** What the page on the other port tries, with the admin's cookie riding along (same site). */
async function attack(page: Page, target: string): Promise<{ screenConnected: boolean; snapshot: boolean }> {
  return page.evaluate(
    async ({ target, csv, day }) => {
      const opts = { method: "POST", mode: "no-cors", credentials: "include" } as const;
      // The answers are unreadable (and CORP turns them into network errors); the requests still arrive.
      const send = (url: string, init: RequestInit) => fetch(url, init).catch(() => undefined);
      await send(`${target}/api/admin/import`, {
        ...opts,
        headers: { "content-type": "text/plain" },
        body: csv,
      });
      await send(`${target}/api/days/${day}/sign-off`, opts);
      const form = document.createElement("form");
      // A form posting into a hidden frame is the oldest forgery there is.
      const frame = document.createElement("iframe");
      frame.name = "sink";
      document.body.append(frame);
      Object.assign(form, { method: "POST", action: `${target}/api/days/${day}/sign-off`, target: "sink" });
      form.enctype = "text/plain";
      document.body.append(form);
      form.submit();
      const ws = new WebSocket(`${target.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`);
      return new Promise<{ screenConnected: boolean; snapshot: boolean }>((resolve) => {
        const seen = { screenConnected: false, snapshot: false };
        const done = () => resolve(seen);
        setTimeout(done, 3000);
        ws.onclose = done;
        ws.onerror = done;
        ws.onmessage = (e) => {
          const text = String(e.data);
          if (text.startsWith("0")) ws.send("40/screen,");
          if (text === "2") ws.send("3");
          if (text.startsWith("40/screen,")) {
            seen.screenConnected = true;
            ws.send('42/screen,1["view:join",{"view":"gate"}]');
          }
          if (text.startsWith("43/screen,1") && text.includes('"data"')) {
            seen.snapshot = true;
            done();
          }
        };
      });
    },
    { target, csv: ROSTER_CSV, day: DAY },
  );
}

/** Finding 1: another port of 127.0.0.1 is the same site; its page must read and change nothing. */
describe("a page on another port of the same host", () => {
  let school: TestSchool;
  let server: RunningServer;
  let evil: Server;
  let evilUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    evil = createServer((_req, res) => res.end("<!doctype html><title>prize</title><body></body>"));
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await server?.close();
    if (school) await removeSchool(school);
  });

  it("cannot open /screen, import a roster or sign a day off with the admin's cookie", async () => {
    const target = `http://127.0.0.1:${server.port}`;
    const page = await browser.newPage();
    await page.goto(`${target}/api/session`);
    const status = await page.evaluate(async (password) => {
      const res = await fetch("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password }),
      });
      return res.status;
    }, PASSWORD);
    expect(status).toBe(200);
    const guardiansBefore = school.store.read().guardians.length;

    await page.goto(`${evilUrl}/`);
    const seen = await attack(page, target);
    await page.waitForTimeout(300);

    expect(seen).toEqual({ screenConnected: false, snapshot: false });
    expect(school.store.read().guardians.length).toBe(guardiansBefore);
    expect(school.store.read().guardians.some((g) => g.name === "陈妈妈")).toBe(false);
    // The admin's own page still works, and the day was still open for its real sign-off.
    await page.goto(`${target}/api/session`);
    const signOff = await page.evaluate(async (day) => {
      const res = await fetch(`/api/days/${day}/sign-off`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ note: "" }),
      });
      return res.status;
    }, DAY);
    expect(signOff).toBe(200);
    await page.close();
  });
});
