import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Screens } from "./steps-morning";
import { type CareDayWorld, queueRow, shootBoth, tile, waitStatus } from "./world";

async function release(kiosk: Page, childId: string): Promise<void> {
  await kiosk.locator(`[data-testid="release"][data-child-id="${childId}"]`).click();
  await waitStatus(tile(kiosk, childId), "released");
}

async function collect(guard: Page, childId: string): Promise<void> {
  await waitStatus(queueRow(guard, childId), "released");
  await guard.locator(`[data-testid="confirm-collected"][data-child-id="${childId}"]`).click();
  await waitStatus(queueRow(guard, childId), "collected");
}

/** Step 4a, 16:00: 李爸爸 comes before the window; the guard registers why, the teacher releases. */
export async function earlyPickup(w: CareDayWorld, s: Screens): Promise<void> {
  await w.setTime("16:00");
  await w.tapCard("gate", "0000000002");
  const early = s.guard.locator('[data-testid="early-row"][data-child-id="c3"]');
  await early.waitFor();
  expect(await early.textContent()).toContain("李四");
  // Not asked for in the room until the guard has registered it.
  expect(await tile(s.kiosk1, "c3").getAttribute("data-status")).toBe("checked_in");
  await shootBoth(s.guard, "4a-gate-early-pending");
  await early.getByTestId("early-reason").fill("看牙医");
  await early.getByTestId("early-register").click();
  await s.guard.getByTestId("early-decided-row").waitFor();
  await waitStatus(tile(s.kiosk1, "c3"), "pickup_requested");
  expect(await queueRow(s.guard, "c3").getByTestId("row-early").textContent()).toContain("看牙医");
  await w.setTime("16:02");
  await release(s.kiosk1, "c3");
  await w.setTime("16:03");
  await collect(s.guard, "c3");
  await waitStatus(tile(s.kiosk1, "c3"), "collected");
}

/** Step 4b: the teacher writes a pass for 刘洋's uncle; at 16:45 its QR is scanned at the gate. */
export async function delegatePickup(w: CareDayWorld, s: Screens): Promise<string> {
  await w.setTime("16:10");
  const k = s.kiosk1;
  await k.getByTestId("pass-open").click();
  await k.getByTestId("pass-form").waitFor();
  await k.getByTestId("pass-name").fill("刘大力");
  await k.getByTestId("pass-relation").fill("舅舅");
  await k.getByTestId("pass-phone").fill("13900000000");
  await k.getByTestId("pass-id-last4").fill("1234");
  await k.locator('[data-testid="pass-child"][data-child-id="c6"]').check();
  await k.getByTestId("pass-submit").click();
  const qr = k.getByTestId("pass-qr");
  await qr.waitFor();
  const token = (await qr.getAttribute("data-token")) ?? "";
  expect(token).toMatch(/^WF1\./);
  await shootBoth(k, "4b-room-pass", false);
  await k.getByTestId("pass-close").click();

  await w.setTime("16:45");
  const outcome = await w.scan(token);
  expect(outcome.result).toMatchObject({ kind: "pass", children: [{ childId: "c6", outcome: "requested" }] });
  await waitStatus(queueRow(s.guard, "c6"), "pickup_requested");
  expect(await queueRow(s.guard, "c6").getByTestId("row-delegate").textContent()).toContain("代接");
  expect(await queueRow(s.guard, "c6").textContent()).toContain("刘大力");
  const announcement = k.locator('[data-testid="announcement"][data-child-id="c6"]');
  await announcement.waitFor();
  expect(await announcement.textContent()).toContain("刘大力");
  await shootBoth(k, "4b-room-announcement", false);
  await w.setTime("16:46");
  await release(k, "c6");
  await w.setTime("16:47");
  await collect(s.guard, "c6");
  return token;
}

/** Step 4c, 16:52: 张妈妈's one card tap asks for a child in each room. */
export async function familyPickup(w: CareDayWorld, s: Screens): Promise<void> {
  await w.setTime("16:52");
  await w.tapCard("gate", "0000000001");
  await waitStatus(tile(s.kiosk1, "c1"), "pickup_requested");
  await waitStatus(tile(s.kiosk2, "c2"), "pickup_requested");
  await waitStatus(queueRow(s.guard, "c1"), "pickup_requested");
  await waitStatus(queueRow(s.guard, "c2"), "pickup_requested");
  expect(await queueRow(s.guard, "c2").textContent()).toContain("张妈妈");
  await shootBoth(s.guard, "4c-gate-requests");
  await shootBoth(s.kiosk2, "4c-room2-request", false);
  await w.setTime("16:53");
  await release(s.kiosk1, "c1");
  await release(s.kiosk2, "c2");
  await w.setTime("16:55");
  await collect(s.guard, "c1");
  await collect(s.guard, "c2");
  await waitStatus(tile(s.kiosk2, "c2"), "collected");
}

/** Step 5, 16:56: the used pass is shown again: refused, and the guard sees why. */
export async function refusedReuse(w: CareDayWorld, s: Screens, token: string): Promise<void> {
  await w.setTime("16:56");
  const outcome = await w.scan(token);
  expect(outcome.result).toMatchObject({ kind: "pass", refused: "used", children: [] });
  const alert = s.guard.locator('[data-testid="alert"][data-kind="pass_refused"]');
  await alert.waitFor();
  expect(await alert.getByTestId("alert-pass-reason").textContent()).toContain("已使用");
  await shootBoth(s.guard, "5-gate-pass-refused");
}
