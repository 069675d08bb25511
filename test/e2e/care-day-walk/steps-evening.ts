import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Screens } from "./steps-morning";
import { type CareDayWorld, poll, queueRow, shootBoth, tile, waitStatus } from "./world";

/** Step 6: care ends at 17:00 with 陈一诺 still in; the guard calls; her mother comes at 17:25. */
export async function latePickup(w: CareDayWorld, s: Screens): Promise<void> {
  await w.setTime("17:00:05");
  const late = s.guard.locator('[data-testid="late-row"][data-child-id="c5"]');
  await late.waitFor({ timeout: 10_000 });
  expect(await late.getAttribute("data-closed")).toBe("false");
  await w.setTime("17:03");
  await late.getByTestId("call-note").fill("电话无人接听");
  await late.getByTestId("call-not-reached").click();
  await poll(() => late.getByTestId("contact-line").count()).toBe(1);
  // The form is ready for the next call once the first one's answer has cleared the note.
  await poll(() => late.getByTestId("call-note").inputValue()).toBe("");
  await w.setTime("17:08");
  await late.getByTestId("call-note").fill("妈妈在路上，17:25 到");
  await late.getByTestId("call-reached").click();
  await poll(() => late.getByTestId("contact-line").count()).toBe(2);
  expect(await late.getByTestId("contact-list").textContent()).toContain("陈妈妈");
  await shootBoth(s.guard, "6-gate-late");

  await w.setTime("17:25");
  await w.tapCard("gate", "0000000005");
  await waitStatus(tile(s.kiosk1, "c5"), "pickup_requested");
  await w.setTime("17:26");
  await s.kiosk1.locator('[data-testid="release"][data-child-id="c5"]').click();
  await waitStatus(queueRow(s.guard, "c5"), "released");
  await w.setTime("17:27");
  await s.guard.locator('[data-testid="confirm-collected"][data-child-id="c5"]').click();
  await poll(() => late.getAttribute("data-closed")).toBe("true");
  expect(await late.getByTestId("late-collected").textContent()).toContain("17:27");
  await shootBoth(s.kiosk1, "6-room-end-of-day", false);
  await shootBoth(s.guard, "6-gate-end-of-day");
}

const groupCount = (page: Page, groupId: string, key: string) =>
  page.locator(`[data-testid="group-card"][data-group-id="${groupId}"] [data-testid="count-${key}"]`);

/** Step 7: the duty leader's overview and sign-off at 17:35, then the day's record. */
export async function signOffAndReport(w: CareDayWorld): Promise<void> {
  await w.setTime("17:35");
  const leader = await w.openAs("leader", "/overview");
  await leader.getByTestId("overview").waitFor();
  await poll(() => groupCount(leader, "g1", "collected").getAttribute("data-value")).toBe("4");
  await poll(() => groupCount(leader, "g2", "collected").getAttribute("data-value")).toBe("1");
  await poll(() => groupCount(leader, "g1", "onLeave").getAttribute("data-value")).toBe("1");
  await shootBoth(leader, "7-overview");
  await leader.getByTestId("signoff-open").click();
  await leader.getByTestId("signoff-confirm").click();
  await leader.getByTestId("signed-off").waitFor();
  expect(await leader.getByTestId("signed-off").textContent()).toContain("周校长");
  await shootBoth(leader, "7-overview-signed");

  await leader.goto(`${w.server.url}/#/reports`);
  const report = leader.getByTestId("daily-report");
  await report.waitFor();
  expect(await report.getAttribute("data-day")).toBe("2026-11-23");
  const row = (childId: string) => leader.locator(`[data-testid="report-row"][data-child-id="${childId}"]`);
  const expectRow = async (childId: string, ...parts: string[]) => {
    const text = (await row(childId).textContent()) ?? "";
    for (const part of parts) expect(text, `${childId} row`).toContain(part);
  };
  await expectRow("c3", "李爸爸", "16:03");
  await expectRow("c6", "刘大力", "16:47");
  await expectRow("c1", "张妈妈", "16:55");
  await expectRow("c2", "张妈妈", "16:55");
  await expectRow("c5", "陈妈妈", "17:27");
  await expectRow("c4", "发烧");
  expect(await row("c4").getAttribute("data-attendance")).toBe("on_leave");
  expect(await row("c5").getAttribute("class")).toContain("report-row-late");
  // Rule 9: every step with the late child is in the record, both calls with their outcome.
  const calls = row("c5").getByTestId("report-contact");
  expect(await calls.count()).toBe(2);
  expect(await calls.nth(0).getAttribute("data-reached")).toBe("false");
  expect(await calls.nth(0).textContent()).toContain("电话无人接听");
  expect(await calls.nth(1).getAttribute("data-reached")).toBe("true");
  const g1 = leader.locator('[data-testid="report-group"][data-group-id="g1"]');
  expect(await g1.locator(".report-handovers").textContent()).toContain("孙妈妈");
  expect(await leader.locator('[data-testid="alert"][data-kind="pass_refused"]').count()).toBeGreaterThan(0);
  expect(await leader.getByTestId("report-signoff").getAttribute("data-signed")).toBe("yes");
  await shootBoth(leader, "7-daily-report");
}
