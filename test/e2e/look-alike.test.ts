import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { smallSchool } from "../domain/fixtures";
import { GateWorld } from "../server/gate-harness";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { type DeviceClient, PASSWORD, unwrap } from "../support/server-harness";

/**
 * 王子涵 and 王梓涵 in one class (issue 10, look-alike names): when 王子涵 is asked for, the guard's
 * row and the teacher's tile name 王梓涵 with class and group; the office lists the pair. The
 * guard's row also shows the custody note and both faces large.
 */
describe("the look-alike warning", () => {
  const w = new GateWorld("16:55");
  let browser: Browser;
  let gate: DeviceClient;
  let room: DeviceClient;

  beforeAll(async () => {
    const db = smallSchool();
    db.children.push(
      {
        id: "c4",
        name: "王子涵",
        grade: 1,
        className: "1班",
        groupId: "g1",
        photo: "/api/photos/child-c4.png",
        notAuthorised: [
          {
            name: "王某",
            relation: "父亲",
            note: "法院裁定书（2026）京0105民初123号",
            idLast4: "123X",
            photo: "/api/photos/barred-c4-na-1.png",
          },
        ],
      },
      { id: "c5", name: "王梓涵", grade: 1, className: "1班", groupId: "g1" },
    );
    db.guardians.push({
      id: "p3",
      name: "王妈妈",
      phone: "13800000003",
      photo: "/api/photos/guardian-p3.png",
    });
    db.guardianships.push({ childId: "c4", guardianId: "p3", relation: "妈妈" });
    db.cards.push(
      { id: "0000000003", holder: { kind: "guardian", id: "p3" }, status: "active" },
      { id: "0000000014", holder: { kind: "child", id: "c4" }, status: "active" },
    );
    await w.start(db, KIOSK_DIST);
    gate = await w.device("gate");
    room = await w.device("room1");
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await w.stop();
  });

  it("the guard's row and the teacher's tile name the other child", async () => {
    const options = { viewport: { width: 1366, height: 1000 }, timezoneId: "Asia/Shanghai" };
    const guard = await openLoggedIn(
      browser,
      w.server.url,
      { username: "guard", password: PASSWORD },
      "/gate",
      options,
    );
    const teacher = await openLoggedIn(
      browser,
      w.server.url,
      { username: "t1", password: PASSWORD },
      "/room/g1",
      options,
    );
    await guard.getByTestId("alerts").waitFor();
    await teacher.getByTestId("child-tile").first().waitFor();
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000014")));
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000003")));

    const row = guard.locator('[data-testid="queue-row"][data-child-id="c4"]');
    await row.waitFor();
    const other = row.getByTestId("look-alike-other");
    expect(await other.getAttribute("data-kind")).toBe("same_pinyin");
    const text = (await other.textContent()) ?? "";
    expect(text).toContain("王梓涵");
    expect(text).toContain("1班");
    expect(text).toContain("一二年级");
    await guard.screenshot({ path: join(ARTIFACTS_DIR, "guard-look-alike-zh.png") });

    // Custody beside the child: who may not collect, with the school's note, ID card and face.
    const custody = (await row.getByTestId("custody-note").textContent()) ?? "";
    expect(custody).toContain("王某（父亲）");
    expect(custody).toContain("法院裁定书");
    expect(custody).toContain("123X");
    expect(await row.getByTestId("custody-note").getByTestId("face").count()).toBe(1);
    // Faces first: the adult's, the child's and the barred adult's at least 120 px; a touch enlarges one.
    const faces = row.getByTestId("face");
    expect(await faces.count()).toBe(3);
    for (const face of await faces.all())
      expect((await face.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(120);
    await faces.first().click();
    await guard.getByTestId("face-zoom").waitFor();
    await guard.getByTestId("face-zoom").click();
    expect(await guard.getByTestId("face-zoom").count()).toBe(0);

    const tile = teacher.locator('[data-testid="child-tile"][data-child-id="c4"]');
    await expect.poll(() => tile.getByTestId("look-alike").count()).toBe(1);
    expect(await tile.getByTestId("look-alike").textContent()).toContain("王梓涵");
    // The other child, not asked for, carries no warning.
    const quiet = teacher.locator('[data-testid="child-tile"][data-child-id="c5"]');
    expect(await quiet.getByTestId("look-alike").count()).toBe(0);
    await guard.close();
    await teacher.close();
  });

  it("the office sees the pair in its list", async () => {
    const admin = await openLoggedIn(
      browser,
      w.server.url,
      { username: "admin", password: PASSWORD },
      "/admin",
      {
        viewport: { width: 1366, height: 1000 },
      },
    );
    await admin.locator('[data-testid="admin-tab"][data-tab="lookAlikes"]').click();
    const pair = admin.getByTestId("look-alike-pair");
    await pair.waitFor();
    const text = (await pair.textContent()) ?? "";
    expect(text).toContain("王子涵");
    expect(text).toContain("王梓涵");
    expect(text).toContain("同音");
    await admin.close();
  });
});
