import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import type { TapReport } from "../../protocol";
import { type RunningServer, startServer } from "../../server/app";
import { schoolDay } from "../../server/domain/school-day";
import { openFileJournal } from "../../server/store/file-journal";
import { anyTimeSchool } from "../support/any-time-schedule";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import {
  cardTap,
  connected,
  createTestSchool,
  type DeviceClient,
  deviceClient,
  login,
  PASSWORD,
  removeSchool,
  type ScreenClient,
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

/**
 * Delegate passes as people use them: the teacher writes one on the room kiosk and prints it,
 * the QR text reaches the gate as a scanner's reading, the guard sees the delegate's request; a
 * second pass is redeemed by typing its short code on the guard screen.
 */
describe("a delegate pass from the room kiosk to the gate", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;
  let room: DeviceClient;
  let gate: DeviceClient;
  const sockets: (DeviceClient | ScreenClient)[] = [];

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
    room = deviceClient(server.url, school.tokens.room1);
    gate = deviceClient(server.url, school.tokens.gate);
    sockets.push(room, gate);
    await Promise.all([connected(room), connected(gate)]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of sockets) s.disconnect();
    await server?.close();
    await removeSchool(school);
  });

  async function openAs(
    username: string,
    hash: string,
    viewport = { width: 1280, height: 800 },
  ): Promise<Page> {
    return openLoggedIn(browser, server.url, { username, password: PASSWORD }, hash, { viewport });
  }

  const row = (page: Page, childId: string) =>
    page.locator(`[data-testid="queue-row"][data-child-id="${childId}"]`);

  function scan(text: string): TapReport {
    return {
      id: randomUUID(),
      readerId: "scanner",
      at: new Date().toISOString(),
      reading: { kind: "code", text },
    };
  }

  it("the teacher writes and prints a pass; its QR text at the gate asks for the child", async () => {
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    const kiosk = await openAs("t1", "/room/g1", { width: 1024, height: 768 });
    const guard = await openAs("guard", "/gate");
    await expect.poll(() => guard.getByTestId("connection").getAttribute("data-state")).toBe("online");

    await kiosk.getByTestId("pass-open").click();
    const form = kiosk.getByTestId("pass-form");
    await form.waitFor();
    await kiosk.getByTestId("pass-submit").click();
    await kiosk.getByTestId("pass-error").waitFor();
    await kiosk.getByTestId("pass-name").fill("王大力");
    await kiosk.getByTestId("pass-relation").fill("舅舅");
    await kiosk.getByTestId("pass-phone").fill("139 0000 0000");
    await kiosk.getByTestId("pass-id-last4").fill("123x");
    await kiosk.locator('[data-testid="pass-child"][data-child-id="c1"]').check();
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "pass-form-zh.png") });
    await kiosk.getByTestId("pass-submit").click();

    const qr = kiosk.getByTestId("pass-qr");
    await qr.waitFor();
    const token = (await qr.getAttribute("data-token")) ?? "";
    expect(token).toMatch(/^WF1\./);
    expect(await kiosk.getByTestId("pass-delegate").textContent()).toContain("王大力（舅舅）");
    expect(await kiosk.getByTestId("pass-delegate").textContent()).toContain("123X");
    expect(await kiosk.getByTestId("pass-children").textContent()).toContain("张小明");
    expect(await kiosk.getByTestId("pass-short-code").textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "pass-zh.png") });
    await kiosk.emulateMedia({ media: "print" });
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "pass-print-zh.png") });
    await kiosk.emulateMedia({ media: "screen" });

    // The header sits under the pass's overlay: the teacher would close it first; the test need not.
    await kiosk.getByTestId("lang-switch").dispatchEvent("click");
    await expect.poll(() => kiosk.getByTestId("lang-switch").getAttribute("data-lang")).toBe("en");
    expect(await kiosk.getByTestId("pass-sheet").textContent()).toContain("Delegate pickup pass");
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "pass-en.png") });
    await kiosk.emulateMedia({ media: "print" });
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "pass-print-en.png") });
    await kiosk.emulateMedia({ media: "screen" });
    await kiosk.getByTestId("pass-close").click();

    const outcome = unwrap(await gate.emitWithAck("tap:report", scan(token)));
    expect(outcome.result).toMatchObject({
      kind: "pass",
      children: [{ childId: "c1", outcome: "requested" }],
    });
    await row(guard, "c1").and(guard.locator('[data-status="pickup_requested"]')).waitFor();
    await row(guard, "c1").getByTestId("row-delegate").waitFor();
    expect(await row(guard, "c1").textContent()).toContain("王大力");
    expect(await row(guard, "c1").getByTestId("row-delegate").textContent()).toContain("代接");
    const announcement = kiosk.getByTestId("announcement");
    await announcement.waitFor();
    expect(await announcement.textContent()).toContain("王大力");
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-delegate-zh.png") });
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "room-delegate-en.png") });

    // The same pass again is refused, and the guard sees why.
    const later = { ...scan(token), at: new Date(Date.now() + 5000).toISOString() };
    unwrap(await gate.emitWithAck("tap:report", later));
    const alert = guard.locator('[data-testid="alert"][data-kind="pass_refused"]');
    await alert.waitFor();
    expect(await alert.getByTestId("alert-pass-reason").textContent()).toContain("已使用");
  });

  it("the guard types the short code of a pass whose QR code will not scan", async () => {
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000013")));
    const admin = screenClient(server.url, await login(server.url, "admin"));
    sockets.push(admin);
    await connected(admin);
    const pass = unwrap(
      await admin.emitWithAck("pass:create", {
        delegate: { name: "赵阿姨", relation: "邻居", phone: "13700000000" },
        childIds: ["c3"],
        validFrom: schoolDay(new Date(), "Asia/Shanghai"),
      }),
    );
    const guard = await openAs("guard", "/gate");
    await guard
      .getByTestId("pass-code-input")
      .fill(`${pass.shortCode.slice(0, 4).toLowerCase()}-${pass.shortCode.slice(4)}`);
    await guard.getByTestId("pass-code-submit").click();
    await expect.poll(() => guard.getByTestId("pass-code-result").getAttribute("data-ok")).toBe("true");
    await row(guard, "c3").getByTestId("row-delegate").waitFor();
    expect(await row(guard, "c3").textContent()).toContain("赵阿姨");

    await guard.getByTestId("pass-code-input").fill(pass.shortCode);
    await guard.getByTestId("pass-code-submit").click();
    await expect.poll(() => guard.getByTestId("pass-code-result").getAttribute("data-ok")).toBe("false");
    expect(await guard.getByTestId("pass-code-result").textContent()).toContain("已使用");
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "gate-pass-code-zh.png") });
  });

  it("the teacher lists the group's passes, shows one again and revokes it; the gate then refuses it", async () => {
    const teacher = screenClient(server.url, await login(server.url, "t1"));
    sockets.push(teacher);
    await connected(teacher);
    const pass = unwrap(
      await teacher.emitWithAck("pass:create", {
        delegate: { name: "孙叔叔", relation: "叔叔", phone: "13600000000" },
        childIds: ["c1"],
        validFrom: schoolDay(new Date(), "Asia/Shanghai"),
      }),
    );
    const kiosk = await openAs("t1", "/room/g1", { width: 1024, height: 768 });
    await kiosk.getByTestId("pass-open").click();
    const list = kiosk.getByTestId("pass-list");
    const passRow = list.locator(`[data-testid="pass-row"][data-pass-id="${pass.id}"]`);
    await passRow.and(kiosk.locator('[data-status="valid"]')).waitFor();
    expect(await passRow.textContent()).toContain("孙叔叔（叔叔）");
    expect(await passRow.textContent()).toContain("有效");
    // The passes used earlier today are listed too, without a revoke button.
    const used = list.locator('[data-testid="pass-row"][data-status="used"]');
    await expect.poll(() => used.count()).toBeGreaterThan(0);
    expect(await used.first().getByTestId("pass-revoke").count()).toBe(0);
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "pass-list-zh.png") });

    // Shown again for reprinting: the same pass and token; closing it leaves the dialog.
    await passRow.getByTestId("pass-show").click();
    await kiosk.locator(`[data-testid="pass-sheet"][data-pass-id="${pass.id}"]`).waitFor();
    await expect.poll(() => kiosk.getByTestId("pass-qr").getAttribute("data-token")).toBe(pass.token);
    await kiosk.getByTestId("pass-close").click();

    await kiosk.getByTestId("pass-open").click();
    await passRow.getByTestId("pass-revoke").click();
    // Changing one's mind keeps the pass.
    await kiosk.getByTestId("confirm-no").click();
    await kiosk.getByTestId("confirm-dialog").waitFor({ state: "detached" });
    expect(await passRow.getAttribute("data-status")).toBe("valid");
    await passRow.getByTestId("pass-revoke").click();
    expect(await kiosk.getByTestId("confirm-dialog").textContent()).toContain("孙叔叔");
    await kiosk.getByTestId("confirm-yes").click();
    await passRow.and(kiosk.locator('[data-status="revoked"]')).waitFor();
    expect(await passRow.textContent()).toContain("已作废");
    expect(await passRow.getByTestId("pass-revoke").count()).toBe(0);
    await kiosk.screenshot({ path: join(ARTIFACTS_DIR, "pass-list-revoked-zh.png") });

    const outcome = unwrap(await gate.emitWithAck("tap:report", scan(pass.token)));
    expect(outcome.result).toMatchObject({ kind: "pass", refused: "revoked" });
    const listed = unwrap(await teacher.emitWithAck("pass:list", { groupId: "g1" })).find(
      (p) => p.id === pass.id,
    );
    expect(listed?.status).toBe("revoked");
  });
});
