import { describe, expect, it } from "vitest";
import { childDay, replay } from "../../server/domain/day-state";
import type { DayEvent } from "../../server/domain/events";
import { decideEarlyCancel, decideEarlyRegistration } from "../../server/domain/gate/gate-commands";
import { earlyPickups } from "../../server/domain/gate/gate-views";
import { childView } from "../../server/domain/views";
import { DAY, gate, room1, smallSchool, tap, world } from "./fixtures";
import { at, BEFORE_WINDOW, guardCtx, record } from "./gate-fixtures";
import { book, scan, tokenOf, uncle } from "./pass-fixtures";

/** c1 (grade 1) and c2 (grade 3) checked in at their rooms. */
function bothIn() {
  const w = world();
  w.state.children.set("c1", { status: "checked_in" });
  w.state.children.set("c2", { status: "checked_in" });
  return w;
}

describe("early pickup (rule 7): before the dismissal window the guard registers it", () => {
  it("a guardian's card before the window: no request, one early pickup per child, no alert", () => {
    const w = bothIn();
    const d = tap(w, gate, "0000000001", BEFORE_WINDOW);
    expect(d.result).toMatchObject({
      kind: "pickup",
      children: [
        { childId: "c1", outcome: "early_pickup" },
        { childId: "c2", outcome: "early_pickup" },
      ],
    });
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "pickup:earlyAsked", "pickup:earlyAsked"]);
    expect(d.events[1]).toMatchObject({ childId: "c1", guardianId: "p1", deviceId: gate.id });
    expect(childDay(w.state, "c1").status).toBe("checked_in");
    const early = earlyPickups(w.roster, w.state);
    expect(early.map((e) => [e.child.childId, e.status, e.adult.name, e.adult.relation, e.gateName])).toEqual(
      [
        ["c1", "pending", "张妈妈", "妈妈", "南门"],
        ["c2", "pending", "张妈妈", "妈妈", "南门"],
      ],
    );
  });

  it("the window is per band: at 16:45 grade 1 is in its window, grade 3 is still early", () => {
    const w = bothIn();
    const d = tap(w, gate, "0000000001", at("16:45"));
    expect(d.result).toMatchObject({
      children: [
        { childId: "c1", outcome: "requested" },
        { childId: "c2", outcome: "early_pickup" },
      ],
    });
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "pickup:requested", "pickup:earlyAsked"]);
  });

  it("tapping again while one waits adds nothing and is not a refusal", () => {
    const w = bothIn();
    tap(w, gate, "0000000001", BEFORE_WINDOW);
    const again = tap(w, gate, "0000000001", at("15:31"));
    expect(again.events.map((e) => e.type)).toEqual(["tap:received"]);
    expect(again.result).toMatchObject({
      children: [{ outcome: "early_pickup" }, { outcome: "early_pickup" }],
    });
    expect(w.state.alerts).toEqual([]);
    expect(earlyPickups(w.roster, w.state)).toHaveLength(2);
  });

  it("an early pickup beside a child who cannot go raises no refused-pickup alert", () => {
    const w = world();
    w.state.children.set("c1", { status: "checked_in" });
    const d = tap(w, gate, "0000000001", BEFORE_WINDOW);
    expect(d.result).toMatchObject({
      children: [
        { childId: "c1", outcome: "early_pickup" },
        { childId: "c2", outcome: "not_checked_in" },
      ],
    });
    expect(w.state.alerts).toEqual([]);
  });

  it("the guard registers it with a reason: only then is the child requested, by the card's adult", () => {
    const w = world();
    tap(w, room1, "0000000011", at("15:00"));
    tap(w, gate, "0000000001", BEFORE_WINDOW);
    const ask = earlyPickups(w.roster, w.state)[0];
    if (!ask) throw new Error("no early pickup");
    const events = record(
      w,
      decideEarlyRegistration(guardCtx(w, at("15:32")), { askId: ask.id, reason: "看牙医" }),
    );
    expect(events.map((e) => e.type)).toEqual(["pickup:earlyRegistered", "pickup:requested"]);
    expect(events[0]).toMatchObject({ askId: ask.id, childId: "c1", reason: "看牙医", byName: "保安老王" });
    expect(events[1]).toMatchObject({ childId: "c1", guardianId: "p1", deviceId: gate.id });
    expect(events[1]?.actor).toEqual({ kind: "user", id: "u-guard" });
    expect(childView(w.roster, w.state, "c1")).toMatchObject({
      status: "pickup_requested",
      earlyReason: "看牙医",
      requestedBy: { name: "张妈妈", relation: "妈妈" },
    });
    expect(earlyPickups(w.roster, w.state)[0]).toMatchObject({
      status: "registered",
      reason: "看牙医",
      decidedByName: "保安老王",
      decidedAt: at("15:32").toISOString(),
    });
  });

  it("refuses registering twice, an unknown one, and a child no longer in the room", () => {
    const w = bothIn();
    tap(w, gate, "0000000001", BEFORE_WINDOW);
    const [first, second] = earlyPickups(w.roster, w.state);
    if (!first || !second) throw new Error("two early pickups expected");
    const ctx = () => guardCtx(w, at("15:35"));
    record(w, decideEarlyRegistration(ctx(), { askId: first.id, reason: "生病" }));
    expect(() => decideEarlyRegistration(ctx(), { askId: first.id, reason: "生病" })).toThrow(
      expect.objectContaining({ code: "PICKUP_WRONG_STATE" }),
    );
    expect(() => decideEarlyRegistration(ctx(), { askId: "nope", reason: "x" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    w.state.children.set(second.child.childId, { status: "on_leave" });
    expect(() => decideEarlyRegistration(ctx(), { askId: second.id, reason: "x" })).toThrow(
      expect.objectContaining({ code: "PICKUP_WRONG_STATE" }),
    );
  });

  it("the guard may cancel it; a later tap asks anew", () => {
    const w = world();
    w.state.children.set("c1", { status: "checked_in" });
    tap(w, gate, "0000000001", BEFORE_WINDOW);
    const ask = earlyPickups(w.roster, w.state)[0];
    if (!ask) throw new Error("no early pickup");
    const cancelled = record(w, decideEarlyCancel(guardCtx(w, at("15:31")), { askId: ask.id }));
    expect(cancelled[0]).toMatchObject({ type: "pickup:earlyCancelled", childId: "c1", askId: ask.id });
    expect(() => decideEarlyCancel(guardCtx(w, at("15:31")), { askId: ask.id })).toThrow(
      expect.objectContaining({ code: "PICKUP_WRONG_STATE" }),
    );
    const again = tap(w, gate, "0000000001", at("15:40"));
    expect(again.events.map((e) => e.type)).toEqual(["tap:received", "pickup:earlyAsked"]);
    expect(earlyPickups(w.roster, w.state).map((e) => e.status)).toEqual(["pending", "cancelled"]);
  });

  it("after the window and after care end a pickup is ordinary (a late pickup is welcome)", () => {
    for (const time of ["16:55", "17:30"]) {
      const w = bothIn();
      const d = tap(w, gate, "0000000001", at(time));
      expect(d.result).toMatchObject({ children: [{ outcome: "requested" }, { outcome: "requested" }] });
    }
  });

  it("on a day without care the gate says so; a child kept at school anyway is collected as usual", () => {
    const saturday = new Date("2026-11-28T16:45:00+08:00");
    const w = world();
    w.state.day = "2026-11-28";
    w.state.children.set("c2", { status: "checked_in" });
    const d = tap(w, gate, "0000000001", saturday);
    expect(d.result).toMatchObject({
      children: [
        { childId: "c1", outcome: "no_care_today" },
        { childId: "c2", outcome: "requested" },
      ],
    });
  });

  it("a grade in no band has no window to be early for", () => {
    const db = smallSchool();
    const c1 = db.children.find((c) => c.id === "c1");
    if (c1) c1.grade = 9;
    const w = world(db);
    w.state.children.set("c1", { status: "checked_in" });
    const d = tap(w, gate, "0000000001", BEFORE_WINDOW);
    expect(d.result).toMatchObject({
      children: [{ childId: "c1", outcome: "requested" }, { childId: "c2" }],
    });
  });

  it("a delegate's pass before the window waits the same way; registering requests by the delegate", () => {
    const w = bothIn();
    const pass = uncle();
    const d = scan(w, book(pass), gate, tokenOf(pass), BEFORE_WINDOW);
    expect(d.events.map((e) => e.type)).toEqual([
      "tap:received",
      "pickup:earlyAsked",
      "pickup:earlyAsked",
      "pass:used",
    ]);
    const ask = earlyPickups(w.roster, w.state).find((e) => e.child.childId === "c1");
    expect(ask?.adult).toMatchObject({
      name: "王大力",
      relation: "代接",
      delegateRelation: "舅舅",
      passId: pass.id,
    });
    if (!ask) throw new Error("no early pickup");
    const events = record(
      w,
      decideEarlyRegistration(guardCtx(w, at("15:33")), { askId: ask.id, reason: "家中有事" }),
    );
    expect(events[1]).toMatchObject({
      type: "pickup:requested",
      childId: "c1",
      guardianId: "p1",
      passId: pass.id,
      delegateName: "王大力",
      delegateRelation: "舅舅",
    });
  });

  it("early pickups survive a replay of the journal", () => {
    const w = world();
    const log: DayEvent[] = [];
    log.push(...tap(w, room1, "0000000011", at("15:00")).events);
    log.push(...tap(w, gate, "0000000001", BEFORE_WINDOW).events);
    const ask = earlyPickups(w.roster, w.state)[0];
    if (!ask) throw new Error("no early pickup");
    log.push(
      ...record(w, decideEarlyRegistration(guardCtx(w, at("15:32")), { askId: ask.id, reason: "看病" })),
    );
    const again = replay(DAY, log);
    expect(earlyPickups(w.roster, again)).toEqual(earlyPickups(w.roster, w.state));
    expect(childDay(again, "c1").status).toBe("pickup_requested");
  });
});
