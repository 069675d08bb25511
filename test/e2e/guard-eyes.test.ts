import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { addDevice } from "../../server/auth/devices";
import { GateWorld } from "../server/gate-harness";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { connected, type DeviceClient, deviceClient, PASSWORD, unwrap } from "../support/server-harness";

/**
 * The guard's eyes in Chromium (issue 10): a refused pickup says why per child, the guard
 * acknowledges it and it folds away, and the same card at two gates raises the red clone alarm
 * naming both, which the office stops in one touch. Screenshots in zh and en.
 */
describe("the guard screen: refusal reasons, acknowledgement, cloned cards", () => {
  const w = new GateWorld("16:55");
  let browser: Browser;
  let guard: Page;
  let gate: DeviceClient;
  let north: DeviceClient;
  let room: DeviceClient;

  beforeAll(async () => {
    await w.start(undefined, KIOSK_DIST);
    gate = await w.device("gate");
    room = await w.device("room1");
    const added = await addDevice(w.school.store, { name: "北门", kind: "gate" });
    north = deviceClient(w.server.url, added.token);
    await connected(north);
    browser = await launchChromium();
    guard = await openLoggedIn(browser, w.server.url, { username: "guard", password: PASSWORD }, "/gate", {
      viewport: { width: 1366, height: 1000 },
      timezoneId: "Asia/Shanghai",
    });
    await guard.getByTestId("alerts").waitFor();
  });

  afterAll(async () => {
    north?.disconnect();
    await browser?.close();
    await w.stop();
  });

  it("a refused pickup names each child's reason", async () => {
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000001")));
    const alert = guard.locator('[data-testid="alert"][data-kind="pickup_refused"]');
    await alert.waitFor();
    const reasons = await alert.getByTestId("alert-reason").allTextContents();
    expect(reasons.map((r) => r.trim())).toEqual(["张小明：尚未签到", "张小红：尚未签到"]);
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "guard-refusal-reasons-zh.png") });
  });

  it("the guard acknowledges it with a note; it folds away, saying who and when", async () => {
    const alert = guard.locator('[data-testid="alert"][data-kind="pickup_refused"]');
    await alert.getByTestId("alert-ack-note").fill("孩子今天没来，已告知家长");
    await alert.getByTestId("alert-ack").click();
    const folded = guard.getByTestId("alerts-acknowledged");
    await folded.waitFor();
    expect(await guard.getByTestId("alerts-open").count()).toBe(0);
    await folded.locator("summary").click();
    const line = await folded.getByTestId("alert-ack-line").textContent();
    expect(line).toContain("保安");
    expect(line).toContain("孩子今天没来，已告知家长");
  });

  it("the same card at two gates: a red possible-clone alarm naming both gates, no second request", async () => {
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000013")));
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000002")));
    const second = unwrap(await north.emitWithAck("tap:report", w.tap("0000000002")));
    expect(second.result).toMatchObject({ kind: "pickup", children: [{ outcome: "possible_clone" }] });
    const alarm = guard.locator('[data-testid="alert"][data-kind="possible_clone"]');
    await alarm.waitFor();
    expect(await alarm.getAttribute("data-severity")).toBe("danger");
    expect(await alarm.getByTestId("alert-clone-first").textContent()).toContain("南门");
    expect(await alarm.getByTestId("alert-clone-second").textContent()).toContain("北门");
    expect(await alarm.textContent()).toContain("疑似复制卡");
    // The guard cannot suspend a card; the office can.
    expect(await alarm.getByTestId("alert-suspend-card").count()).toBe(0);
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "guard-clone-alarm-zh.png") });

    await guard.getByTestId("lang-switch").dispatchEvent("click");
    await expect.poll(() => guard.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    await expect
      .poll(() => alarm.getByTestId("alert-clone-first").textContent())
      .toContain("first read at 南门");
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "guard-clone-alarm-en.png") });
  });

  it("the office suspends the card in one touch from the alarm", async () => {
    const office = await openLoggedIn(
      browser,
      w.server.url,
      { username: "admin", password: PASSWORD },
      "/gate",
      {
        viewport: { width: 1366, height: 1000 },
        timezoneId: "Asia/Shanghai",
      },
    );
    const alarm = office.locator('[data-testid="alert"][data-kind="possible_clone"]');
    await alarm.waitFor();
    await alarm.getByTestId("alert-suspend-card").click();
    await office.getByTestId("confirm-yes").click();
    await expect
      .poll(() => w.school.store.schoolRoster().cards.find((c) => c.id === "0000000002")?.status)
      .toBe("lost");
    await office.close();
  });
});
