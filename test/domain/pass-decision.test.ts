import { describe, expect, it } from "vitest";
import { childDay, replay } from "../../server/domain/day-state";
import type { DayEvent } from "../../server/domain/events";
import { decidePass, presentedFromTyping } from "../../server/domain/pass-decision";
import { alertView, childView, gateChildViews } from "../../server/domain/views";
import { AFTERNOON, DAY, gate, room1, tap, world } from "./fixtures";
import { book, KEY, OTHER_KEY, scan, tokenOf, uncle } from "./pass-fixtures";

const later = (ms: number) => new Date(AFTERNOON.getTime() + ms);

/** c1 (group g1) and c2 (group g2) checked in at their rooms. */
function bothCheckedIn() {
  const w = world();
  w.state.children.set("c1", { status: "checked_in" });
  w.state.children.set("c2", { status: "checked_in" });
  return w;
}

describe("a delegate pass scanned at the gate", () => {
  it("valid: one request per checked-in child, made by the delegate, and the pass is used once", () => {
    const w = world();
    tap(w, room1, "0000000011"); // c1 checks in; c2 (other group) never does
    const pass = uncle();
    const d = scan(w, book(pass), gate, tokenOf(pass), later(10_000));
    expect(d.result).toEqual({
      kind: "pass",
      passId: pass.id,
      delegateName: "王大力",
      delegateRelation: "舅舅",
      children: [
        { childId: "c1", childName: "张小明", outcome: "requested" },
        { childId: "c2", childName: "张小红", outcome: "not_checked_in" },
      ],
    });
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "pickup:requested", "pass:used"]);
    expect(d.events[1]).toMatchObject({
      childId: "c1",
      guardianId: "p1",
      passId: pass.id,
      delegateName: "王大力",
      delegateRelation: "舅舅",
      deviceId: gate.id,
    });
    expect(d.events[2]).toMatchObject({ passId: pass.id, childIds: ["c1"], via: "scan" });
    expect(childView(w.roster, w.state, "c1")?.requestedBy).toEqual({
      guardianId: "p1",
      name: "王大力",
      relation: "代接",
      passId: pass.id,
      delegateRelation: "舅舅",
    });
    expect(w.state.alerts).toEqual([]);
  });

  it("children in two groups: both are requested with the one pass", () => {
    const w = bothCheckedIn();
    const pass = uncle();
    const d = scan(w, book(pass), gate, tokenOf(pass));
    expect(d.events.map((e) => e.type)).toEqual([
      "tap:received",
      "pickup:requested",
      "pickup:requested",
      "pass:used",
    ]);
    expect(gateChildViews(w.roster, w.state).map((v) => [v.childId, v.groupId])).toEqual([
      ["c1", "g1"],
      ["c2", "g2"],
    ]);
    expect(d.events[3]).toMatchObject({ childIds: ["c1", "c2"] });
  });

  it("no child can go yet (not checked in, on leave): a refused-pickup alert, the pass stays unused", () => {
    const w = world();
    w.state.children.set("c2", { status: "on_leave" });
    const pass = uncle();
    const d = scan(w, book(pass), gate, tokenOf(pass));
    expect(d.result).toMatchObject({
      kind: "pass",
      children: [
        { childId: "c1", outcome: "not_checked_in" },
        { childId: "c2", outcome: "on_leave" },
      ],
    });
    expect(d.result).not.toHaveProperty("refused");
    expect(w.state.alerts[0]).toMatchObject({
      kind: "pickup_refused",
      holderName: "王大力",
      passId: pass.id,
    });
    expect(w.state.passUses.size).toBe(0);

    w.state.children.set("c1", { status: "checked_in" });
    const again = scan(w, book(pass), gate, tokenOf(pass), later(60_000));
    expect(again.result).toMatchObject({ children: [{ childId: "c1", outcome: "requested" }, {}] });
  });

  it("a child already collected today is named with the reason", () => {
    const w = bothCheckedIn();
    w.state.children.set("c2", { status: "collected" });
    const pass = uncle();
    const d = scan(w, book(pass), gate, tokenOf(pass));
    expect(d.result).toMatchObject({
      children: [
        { childId: "c1", outcome: "requested" },
        { childId: "c2", outcome: "already_collected" },
      ],
    });
  });

  it.each([
    ["forged signature", (t: string) => `${t.slice(0, -1)}${t.endsWith("A") ? "B" : "A"}`],
    ["signed with another key", () => tokenOf(uncle(), OTHER_KEY)],
    ["altered id (unknown)", (t: string) => t.replace("abcdefgh2345", "abcdefgh2346")],
    ["another pass's id", (t: string) => t.replace("abcdefgh2345", "zzzzzzzz2345")],
    ["altered expiry", (t: string) => t.replace(DAY.replaceAll("-", ""), "20261130")],
    ["garbled", () => "WF1.abc"],
  ])("%s: refused as forged with a danger alert", (_name, alter) => {
    const w = bothCheckedIn();
    const pass = uncle();
    const other = uncle({ id: "zzzzzzzz2345", shortCode: "ZZZZZZZZ" });
    const d = scan(w, book(pass, other), gate, alter(tokenOf(pass)));
    expect(d.result).toEqual({ kind: "pass", refused: "forged", children: [] });
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(w.state.alerts[0]).toMatchObject({
      kind: "pass_refused",
      severity: "danger",
      passRefusal: "forged",
    });
    expect(childDay(w.state, "c1").status).toBe("checked_in");
  });

  it("without a key (no pass was ever written) every token is forged", () => {
    const w = bothCheckedIn();
    const pass = uncle();
    const d = scan(w, { key: undefined, passes: [pass] }, gate, tokenOf(pass));
    expect(d.result).toMatchObject({ refused: "forged" });
  });

  it.each([
    ["expired", uncle({ validFrom: "2026-11-20", validTo: "2026-11-22" }), "expired"],
    ["not yet valid", uncle({ validFrom: "2026-11-24", validTo: "2026-11-25" }), "not_yet_valid"],
    ["revoked", uncle({ revokedAt: "2026-11-23T01:00:00Z", revokedBy: "u-admin" }), "revoked"],
  ] as const)("%s: refused with a warning naming the delegate", (_name, pass, reason) => {
    const w = bothCheckedIn();
    const d = scan(w, book(pass), gate, tokenOf(pass));
    expect(d.result).toEqual({
      kind: "pass",
      refused: reason,
      passId: pass.id,
      delegateName: "王大力",
      delegateRelation: "舅舅",
      children: [],
    });
    expect(alertView(w.roster, w.state.alerts[0] as never)).toMatchObject({
      kind: "pass_refused",
      severity: "warning",
      passRefusal: reason,
      holderName: "王大力",
      passId: pass.id,
    });
    expect(childDay(w.state, "c1").status).toBe("checked_in");
  });

  it("the date range is the school's: 01:00 in Shanghai is the next day even where UTC is not", () => {
    const w = bothCheckedIn();
    const pass = uncle();
    const nextMorning = new Date(`${DAY}T17:00:00Z`); // 01:00 on the 24th in Shanghai
    w.state.day = DAY;
    const d = decidePass({
      ...w,
      book: book(pass),
      presented: { kind: "token", text: tokenOf(pass) },
      deviceId: gate.id,
      now: nextMorning,
    });
    expect(d.result.refused).toBe("expired");
  });

  it("used: a second scan later is refused; the scanner repeating a held code is one scan", () => {
    const w = bothCheckedIn();
    const pass = uncle();
    scan(w, book(pass), gate, tokenOf(pass));
    expect(scan(w, book(pass), gate, tokenOf(pass), later(1000)).result).toEqual({ kind: "debounced" });
    const second = scan(w, book(pass), gate, tokenOf(pass), later(60_000));
    expect(second.result).toMatchObject({ kind: "pass", refused: "used", passId: pass.id });
    expect(w.state.alerts.at(-1)).toMatchObject({ passRefusal: "used", severity: "warning" });
  });

  it("used survives a replay of the journal", () => {
    const w = bothCheckedIn();
    const pass = uncle();
    const first = scan(w, book(pass), gate, tokenOf(pass));
    const replayed = replay(DAY, first.events as DayEvent[]);
    expect(replayed.passUses.get(pass.id)).toMatchObject({ day: DAY, deviceId: gate.id });
  });

  it("some other QR code is not a pass: a warning, nothing else", () => {
    const w = bothCheckedIn();
    const d = scan(w, book(uncle()), gate, "https://weixin.qq.com/r/abc");
    expect(d.result).toEqual({ kind: "pass", refused: "not_a_pass", children: [] });
    expect(w.state.alerts[0]).toMatchObject({ kind: "pass_refused", severity: "warning" });
  });

  it("a code scanned at a care-room reader is not a pickup", () => {
    const pass = uncle();
    const d = scan(bothCheckedIn(), book(pass), room1, tokenOf(pass));
    expect(d.result).toEqual({ kind: "not_applicable", reason: "code_not_supported" });
  });
});

describe("a pass's short code typed by the guard", () => {
  const input = (w: ReturnType<typeof world>, code: string, passes = book(uncle())) => ({
    ...w,
    book: passes,
    presented: presentedFromTyping(code),
    deviceId: gate.id,
    now: AFTERNOON,
  });

  it("works in any case, with a dash, like a scan", () => {
    const w = bothCheckedIn();
    const d = decidePass(input(w, "kq7m-3xpa"));
    expect(d.result.children.map((c) => c.outcome)).toEqual(["requested", "requested"]);
    expect(d.consequences.at(-1)).toMatchObject({ type: "pass:used", via: "short_code" });
  });

  it("an unknown code is answered to the guard only, without an alert", () => {
    const d = decidePass(input(bothCheckedIn(), "AAAA-BBBB"));
    expect(d.result).toEqual({ kind: "pass", refused: "unknown_code", children: [] });
    expect(d.consequences).toEqual([]);
  });

  it("a whole token pasted into the field is checked as a token", () => {
    const pass = uncle();
    const d = decidePass(input(bothCheckedIn(), tokenOf(pass)));
    expect(d.consequences.at(-1)).toMatchObject({ type: "pass:used", via: "scan" });
    expect(KEY).not.toBe(OTHER_KEY);
  });
});
