import { describe, expect, it } from "vitest";
import type { EarlyAskView, GateBoard, GateRegisterEntry, LateChildView } from "../../protocol";
import { applyGateChange } from "../../protocol/gate-board";

function entry(id: string, childId: string, at: string): GateRegisterEntry {
  const fields = { childName: childId, grade: 1, className: "1班", groupName: "g", gateName: "南门" };
  return { id, kind: "exit", at, childId, ...fields };
}

function late(childId: string, careEndsAt: string, collectedAt?: string): LateChildView {
  const child = { childId, name: childId } as LateChildView["child"];
  return { child, careEndsAt, contacts: [], guardians: [], ...(collectedAt ? { collectedAt } : {}) };
}

function early(id: string, status: EarlyAskView["status"], at: string): EarlyAskView {
  return { id, status, at } as EarlyAskView;
}

const board: GateBoard = {
  early: [early("a1", "pending", "16:01"), early("a0", "registered", "16:00")],
  late: [late("c1", "17:00"), late("c2", "17:00")],
  register: [entry("r1", "c5", "16:50"), entry("r2", "c6", "16:40")],
  receptionRoom: "接待室",
};

describe("a gate board change merged into the board the guard holds", () => {
  it("keeps the register in the order it was written: changed rows stay, new rows come last", () => {
    const changed = entry("r1", "c5", "16:50");
    changed.reason = "看病";
    const next = applyGateChange(board, {
      early: [],
      late: [],
      lateGone: [],
      register: [entry("r3", "c7", "16:30"), changed],
    });
    expect(next.register.map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
    expect(next.register[0]?.reason).toBe("看病");
    expect(board.register[0]?.reason).toBeUndefined();
  });

  it("removes children no longer late, replaces changed ones and keeps open entries first", () => {
    const next = applyGateChange(board, {
      early: [],
      late: [late("c2", "17:00", "17:20")],
      lateGone: ["c1"],
      register: [],
    });
    expect(next.late.map((l) => [l.child.childId, l.collectedAt])).toEqual([["c2", "17:20"]]);
    const again = applyGateChange(next, {
      early: [],
      late: [late("c9", "17:00")],
      lateGone: [],
      register: [],
    });
    expect(again.late.map((l) => l.child.childId)).toEqual(["c9", "c2"]);
  });

  it("orders early pickups waiting for the guard first, newest first", () => {
    const next = applyGateChange(board, {
      early: [early("a2", "pending", "16:05"), early("a1", "cancelled", "16:01")],
      late: [],
      lateGone: [],
      register: [],
    });
    expect(next.early.map((e) => [e.id, e.status])).toEqual([
      ["a2", "pending"],
      ["a1", "cancelled"],
      ["a0", "registered"],
    ]);
  });
});
