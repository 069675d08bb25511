import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { smallSchool } from "../domain/fixtures";
import { GateWorld } from "../server/gate-harness";
import { ARTIFACTS_DIR, launchChromium } from "../support/browser";
import { type DeviceClient, PASSWORD, type ScreenClient, unwrap } from "../support/server-harness";

/**
 * The guard's care day in Chromium, on a server whose clock the test moves (Monday 2026-11-23,
 * winter time): an early pickup registered at 15:30, a custody refusal in red, a late child after
 * 17:00 moved to the reception room with a logged call. Screenshots in zh and en.
 */
describe("the guard screen through the care day", () => {
  const w = new GateWorld("15:30");
  let browser: Browser;
  let guard: Page;
  let gate: DeviceClient;
  let room: DeviceClient;
  let kiosk: ScreenClient;

  beforeAll(async () => {
    const db = smallSchool();
    const c2 = db.children.find((c) => c.id === "c2");
    if (c2)
      c2.notAuthorised = [{ name: "李爸爸", relation: "继父", note: "法院裁定，不得接走", guardianId: "p2" }];
    await w.start(db, KIOSK_DIST);
    gate = await w.device("gate");
    room = await w.device("room1");
    kiosk = (await w.screen("t1", { view: "room", groupId: "g1" })).socket;
    browser = await launchChromium();
    guard = await browser.newPage({
      viewport: { width: 1366, height: 1100 },
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
    });
    await guard.goto(`${w.server.url}/#/gate`);
    await guard.getByTestId("login-username").fill("guard");
    await guard.getByTestId("login-password").fill(PASSWORD);
    await guard.getByTestId("login-submit").click();
    await guard.getByTestId("alerts").waitFor();
  });

  async function dismissToasts(): Promise<void> {
    // Each close re-renders the list, so close the first one until none is left.
    while ((await guard.locator(".toast-close").count()) > 0) {
      await guard.locator(".toast-close").first().click({ timeout: 2000 });
    }
  }

  afterAll(async () => {
    await browser?.close();
    await w.stop();
  });

  it("an early pickup waits for the guard's registration, with a reason", async () => {
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000013")));
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000001")));
    const row = guard.getByTestId("early-row");
    await row.waitFor();
    expect(await row.textContent()).toContain("张小明");
    expect(await guard.getByTestId("queue-empty").isVisible()).toBe(true);
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-early-pending-zh.png") });

    await row.getByTestId("early-register").click();
    await guard.getByText("请先填写原因。").waitFor({ timeout: 5000 });
    await row.getByTestId("early-reason").fill("看牙医");
    const announced = new Promise<string>((resolve) =>
      kiosk.once("pickup:requested", ({ child }) => resolve(child.childId)),
    );
    await row.getByTestId("early-register").click();
    await guard.getByTestId("early-decided-row").waitFor({ timeout: 5000 });
    expect(await announced).toBe("c1");
    await guard.getByTestId("early-decided-row").waitFor();
    expect(await guard.getByTestId("row-early").textContent()).toContain("看牙医");
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-early-registered-zh.png") });
  });

  it("a not-authorised adult's card raises a red alert naming the child", async () => {
    w.setTime("16:45");
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000002")));
    const alert = guard.locator('[data-testid="alert"][data-kind="custody_refused"]');
    await alert.waitFor();
    expect(await alert.getAttribute("data-severity")).toBe("danger");
    const text = (await alert.textContent()) ?? "";
    expect(text).toContain("张小红");
    expect(text).toContain("李爸爸");
  });

  it("a late child: on the late list after care end, to the reception room, a call logged", async () => {
    w.setTime("17:00:05");
    const late = guard.locator('[data-testid="late-row"][data-child-id="c3"]');
    await late.waitFor();
    await late.getByTestId("late-to-reception").click();
    await late.getByTestId("late-in-reception").waitFor();
    await late.getByTestId("call-note").fill("电话关机");
    await late.getByTestId("call-not-reached").click();
    await late.getByTestId("contact-line").waitFor();
    expect(await late.getByTestId("contact-line").textContent()).toContain("李爸爸");
    await dismissToasts();
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-late-zh.png"), fullPage: true });
  });

  it("the gate register lists exits and re-entries, filterable; the same screen in English", async () => {
    unwrap(await kiosk.emitWithAck("child:release", { childId: "c1" }));
    w.setTime("17:02");
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000011")));
    await guard.getByTestId("register-row").first().waitFor();
    await guard.getByTestId("reenter-open").click();
    await guard.getByTestId("reenter-reason").fill("回教室取书包");
    await guard.getByTestId("reenter-save").click();
    await guard.locator('[data-testid="register-row"][data-kind="reentry"]').waitFor();
    await guard.getByTestId("register-kind-reentry").click();
    await expect.poll(() => guard.getByTestId("register-row").count()).toBe(1);
    await guard.getByTestId("register-kind-all").click();
    await guard.getByTestId("register-filter").fill("李四");
    await expect.poll(() => guard.getByTestId("register-row").count()).toBe(0);
    await guard.getByTestId("register-filter").fill("");
    // The re-entered child left the queue: back in care.
    await expect.poll(() => guard.locator('[data-testid="queue-row"][data-child-id="c1"]').count()).toBe(0);
    await dismissToasts();
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-care-day-zh.png"), fullPage: true });

    await guard.getByTestId("lang-switch").dispatchEvent("click");
    await expect.poll(() => guard.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    await guard.getByText("Late children").waitFor();
    await dismissToasts();
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-care-day-en.png"), fullPage: true });
  });
});
