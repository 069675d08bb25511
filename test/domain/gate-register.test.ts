import { describe, expect, it } from "vitest";
import { decideChildCommand } from "../../server/domain/child-commands";
import { childDay, replay } from "../../server/domain/day-state";
import type { DayEvent } from "../../server/domain/events";
import { decideReentry } from "../../server/domain/gate/gate-commands";
import { gateRegister } from "../../server/domain/gate/gate-views";
import { DAY, gate, tap, world } from "./fixtures";
import { at, guardCtx, record, type World } from "./gate-fixtures";
import { book, scan, tokenOf, uncle } from "./pass-fixtures";

function command(w: World, kind: "release" | "collect", childId: string, time: string): DayEvent[] {
  const event = decideChildCommand({
    kind,
    childId,
    ...w,
    actor: { kind: "user", id: kind === "release" ? "u-t1" : "u-guard" },
    eventId: `${kind}-${childId}-${time}`,
    now: at(time),
  });
  return [...record(w, [event])];
}

describe("the gate register (rule 10)", () => {
  it("every exit with time, gate, adult and how it was confirmed", () => {
    const w = world();
    w.state.children.set("c1", { status: "checked_in" });
    w.state.children.set("c2", { status: "checked_in" });
    tap(w, gate, "0000000001", at("16:55"));
    command(w, "release", "c1", "16:56");
    command(w, "release", "c2", "16:57");
    command(w, "collect", "c1", "16:58");
    tap(w, gate, "0000000012", at("16:59"));
    expect(gateRegister(w.roster, w.state)).toEqual([
      expect.objectContaining({
        kind: "exit",
        at: at("16:58").toISOString(),
        childId: "c1",
        childName: "张小明",
        grade: 1,
        className: "1班",
        groupName: "一二年级",
        gateName: "南门",
        adultName: "张妈妈",
        adultRelation: "妈妈",
        via: "touch",
      }),
      expect.objectContaining({
        kind: "exit",
        childId: "c2",
        adultName: "张妈妈",
        via: "card",
        gateName: "南门",
      }),
    ]);
  });

  it("a delegate's exit names the delegate", () => {
    const w = world();
    w.state.children.set("c1", { status: "checked_in" });
    const pass = uncle({ childIds: ["c1"] });
    scan(w, book(pass), gate, tokenOf(pass), at("16:55"));
    command(w, "release", "c1", "16:56");
    command(w, "collect", "c1", "16:57");
    expect(gateRegister(w.roster, w.state)[0]).toMatchObject({ adultName: "王大力", adultRelation: "代接" });
  });

  it("a re-entry is recorded with its reason; the child is back in care and leaves again later", () => {
    const w = world();
    const log: DayEvent[] = [];
    w.state.children.set("c1", { status: "checked_in", checkedInAt: at("15:30").toISOString() });
    log.push(...tap(w, gate, "0000000001", at("16:55")).events);
    log.push(...command(w, "release", "c1", "16:56"), ...command(w, "collect", "c1", "16:57"));
    log.push(
      ...record(w, decideReentry(guardCtx(w, at("17:01")), { childId: "c1", reason: "回教室取书包" })),
    );
    expect(childDay(w.state, "c1")).toEqual({ status: "checked_in", checkedInAt: at("15:30").toISOString() });
    log.push(...tap(w, gate, "0000000001", at("17:05")).events);
    log.push(...command(w, "release", "c1", "17:06"), ...command(w, "collect", "c1", "17:07"));
    const register = gateRegister(w.roster, w.state);
    expect(register.map((e) => [e.kind, e.at, e.reason, e.byName])).toEqual([
      ["exit", at("16:57").toISOString(), undefined, undefined],
      ["reentry", at("17:01").toISOString(), "回教室取书包", "保安老王"],
      ["exit", at("17:07").toISOString(), undefined, undefined],
    ]);
    expect(register[1]?.adultName).toBeUndefined();
    // The journal alone rebuilds the same register (c1's check-in was set by hand above).
    const again = replay(DAY, log);
    expect(gateRegister(w.roster, again).map((e) => e.kind)).toEqual(["exit", "reentry", "exit"]);
  });

  it("only a collected child can come back in", () => {
    const w = world();
    w.state.children.set("c1", { status: "released" });
    expect(() => decideReentry(guardCtx(w, at("17:01")), { childId: "c1", reason: "x" })).toThrow(
      expect.objectContaining({ code: "PICKUP_WRONG_STATE" }),
    );
    expect(() => decideReentry(guardCtx(w, at("17:01")), { childId: "nope", reason: "x" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });
});
