import { describe, expect, it } from "vitest";
import { AFTERNOON, gate, room1, smallSchool, tap, world } from "./fixtures";

function schoolWithStaffCard() {
  const db = smallSchool();
  db.users.push({
    id: "u-t1",
    username: "t1",
    displayName: "王老师",
    role: "teacher",
    passwordHash: "x",
    groupIds: ["g1"],
  });
  db.cards.push({ id: "0000000777", holder: { kind: "staff", id: "u-t1" }, status: "active" });
  return world(db);
}

const later = (ms: number) => new Date(AFTERNOON.getTime() + ms);

describe("a staff card at two readers (issue 11)", () => {
  it("at the room reader, then at the gate 4 s later: still signed in, nothing recorded", () => {
    const w = schoolWithStaffCard();
    expect(tap(w, room1, "0000000777").result).toMatchObject({ kind: "staff", action: "signed_in" });
    const atGate = tap(w, gate, "0000000777", later(4_000));
    expect(atGate.result).toMatchObject({ kind: "staff", action: "signed_in" });
    expect(atGate.events.map((e) => e.type)).toEqual(["tap:received"]);
    expect(w.state.staffOnDuty.has("u-t1")).toBe(true);
  });

  it("at the same reader after the debounce, or at the gate later on, it signs out", () => {
    const w = schoolWithStaffCard();
    tap(w, room1, "0000000777");
    expect(tap(w, room1, "0000000777", later(5_000)).result).toMatchObject({ action: "signed_out" });
    const v = schoolWithStaffCard();
    tap(v, room1, "0000000777");
    expect(tap(v, gate, "0000000777", later(2 * 60_000)).result).toMatchObject({ action: "signed_out" });
  });
});
