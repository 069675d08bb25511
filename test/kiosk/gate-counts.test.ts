import { describe, expect, it } from "vitest";
import { gateCounts } from "../../kiosk/src/gate/gate-state";
import type { ChildDayView } from "../../protocol/model";

describe("the gate's counters (issue 11)", () => {
  it("count early pickups held for the guard", () => {
    const child = (status: ChildDayView["status"]) => ({ status }) as ChildDayView;
    const counts = gateCounts(
      [child("pickup_requested"), child("released"), child("collected"), child("checked_in")],
      [{ status: "pending" }, { status: "pending" }, { status: "registered" }, { status: "cancelled" }],
    );
    expect(counts).toEqual({ waiting: 1, early: 2, released: 1, collected: 1 });
  });
});
