import type { Page } from "playwright-core";
import { expect } from "vitest";
import { type CareDayWorld, poll, shootBoth, tile, waitStatus } from "./world";

/** The screens open through the afternoon. */
export interface Screens {
  kiosk1: Page;
  kiosk2: Page;
  guard: Page;
}

/** 14:50: the teachers open their rooms, the guard the gate; c5 was withdrawn last term. */
export async function openScreens(w: CareDayWorld): Promise<Screens> {
  const kiosk1 = await w.openAs("t1", "/room/g1", { width: 1280, height: 900 });
  const kiosk2 = await w.openAs("t2", "/room/g2", { width: 1024, height: 768 });
  const guard = await w.openAs("guard", "/gate", { width: 1366, height: 1000 });
  await waitStatus(tile(kiosk1, "c1"), "expected");
  await waitStatus(tile(kiosk2, "c2"), "expected");
  await poll(() => guard.getByTestId("connection").getAttribute("data-state")).toBe("online");
  expect(await tile(kiosk1, "c5").count()).toBe(0);
  return { kiosk1, kiosk2, guard };
}

/** Step 1: the office records 陈一诺's application, its approval and the signed agreement. */
export async function enrol(w: CareDayWorld, kiosk1: Page): Promise<void> {
  const admin = await w.openAs("admin", "/");
  await admin.getByTestId("open-admin").click();
  await admin.getByTestId("admin-screen").waitFor();
  const row = admin.locator('[data-testid="admin-child-row"][data-child-id="c5"]');
  await poll(() => row.getAttribute("data-standing")).toBe("withdrawn");
  await row.getByTestId("admin-open-child").click();
  const detail = admin.getByTestId("admin-child-detail");
  await detail.getByTestId("enrol-apply").locator("button").click();
  await detail.getByTestId("enrol-approve").waitFor();
  await poll(() => row.getAttribute("data-standing")).toBe("applied");
  await detail.getByTestId("enrol-approve").locator("button").click();
  await detail.getByTestId("enrol-agreement").waitFor();
  await shootBoth(admin, "1-admin-enrolment");
  await detail.getByTestId("enrol-agreement").locator("button").click();
  await detail.getByTestId("enrol-withdraw").waitFor();
  await poll(() => row.getAttribute("data-standing")).toBe("enrolled");
  expect(await detail.getByTestId("enrolment-record").count()).toBe(2);
  await admin.close();

  // The room kiosk follows: 陈一诺 is expected in 一二年级 today.
  await waitStatus(tile(kiosk1, "c5"), "expected");
}

/** Step 2: arrivals by card and by touch, a leave, an unexplained absence resolved, the roll call. */
export async function rollCall(w: CareDayWorld, s: Screens): Promise<void> {
  await w.setTime("15:10");
  for (const [card, child] of [
    ["0000000011", "c1"],
    ["0000000013", "c3"],
    ["0000000016", "c6"],
  ] as const) {
    await w.tapCard("room", card);
    await waitStatus(tile(s.kiosk1, child), "checked_in");
  }
  await checkInByTouch(s.kiosk1, "c5", "陈一诺");
  await checkInByTouch(s.kiosk2, "c2", "张小红");

  // 王小丽's mother phoned: fever.
  await w.setTime("15:20");
  await s.kiosk1.getByTestId("leave-open").click();
  const leave = s.kiosk1.getByTestId("leave-dialog");
  await leave.getByTestId("leave-child").selectOption("c4");
  await leave.getByTestId("leave-reason").fill("发烧，在家休息");
  await leave.getByTestId("leave-asked-name").fill("王妈妈");
  await leave.getByTestId("leave-asked-relation").fill("妈妈");
  await leave.getByTestId("leave-channel-phone").click();
  await leave.getByTestId("care-submit").click();
  await leave.waitFor({ state: "detached" });
  await waitStatus(tile(s.kiosk1, "c4"), "on_leave");

  // Care has started and 赵小虎 is not there: red until the teacher finds out why.
  await w.setTime("15:35");
  await tile(s.kiosk1, "c7").getByTestId("tile-unexplained").waitFor();
  await poll(() => s.kiosk1.getByTestId("unexplained-count").getAttribute("data-value")).toBe("1");
  await shootBoth(s.kiosk1, "2-room-unexplained", false);
  await tile(s.kiosk1, "c7").getByTestId("absence-resolve").click();
  const absence = s.kiosk1.getByTestId("absence-dialog");
  await absence.getByTestId("absence-reason-wentHome").click();
  await absence.getByTestId("care-submit").click();
  await tile(s.kiosk1, "c7").getByTestId("tile-absent").waitFor();
  expect(await s.kiosk1.getByTestId("unexplained-count").count()).toBe(0);

  await s.kiosk1.getByTestId("rollcall-open").click();
  const rollcall = s.kiosk1.getByTestId("rollcall-dialog");
  expect(await rollcall.getByTestId("rollcall-counted").inputValue()).toBe("4");
  await rollcall.getByTestId("care-submit").click();
  await poll(() => s.kiosk1.getByTestId("rollcall-status").getAttribute("data-done")).toBe("true");
}

async function checkInByTouch(kiosk: Page, childId: string, name: string): Promise<void> {
  await tile(kiosk, childId).getByText(name).click();
  await kiosk.getByTestId("confirm-yes").click();
  await waitStatus(tile(kiosk, childId), "checked_in");
}

/** Step 3: 王老师 goes to the staff meeting; a parent volunteer takes 一二年级 over. */
export async function handOver(w: CareDayWorld, kiosk1: Page): Promise<void> {
  await w.setTime("15:45");
  await kiosk1.getByTestId("handover-open").click();
  const handover = kiosk1.getByTestId("handover-dialog");
  expect(await handover.getByTestId("handover-leaves").textContent()).toContain("王小丽");
  expect(await handover.getByTestId("handover-counted").inputValue()).toBe("4");
  await handover.getByTestId("handover-mode-volunteer").click();
  await handover.getByTestId("handover-volunteer-name").fill("孙妈妈");
  await handover.getByTestId("handover-volunteer-phone").fill("13900009999");
  await handover.getByTestId("care-submit").click();
  await handover.waitFor({ state: "detached" });
  await poll(() => kiosk1.getByTestId("group-holder").textContent()).toContain("孙妈妈");
  await shootBoth(kiosk1, "3-room-after-handover", false);
}
