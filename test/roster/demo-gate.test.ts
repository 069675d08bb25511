import { describe, expect, it } from "vitest";
import { DEMO_NOT_AUTHORISED_CARD } from "../../demo/demo-gate";
import { buildDemoSchool } from "../../demo/demo-school";
import { emptyDay } from "../../server/domain/day-state";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { decideTap } from "../../server/domain/tap-decision";

describe("demo school: the gate", () => {
  it("has a not-authorised adult whose card raises the red custody alert at the gate", async () => {
    const demo = await buildDemoSchool();
    const barred = demo.db.children.find((c) => (c.notAuthorised ?? []).length > 0);
    expect(barred?.notAuthorised?.[0]).toMatchObject({ name: "赵建国", guardianId: "guardian-barred" });
    const gate = demo.db.devices.find((d) => d.kind === "gate");
    if (!gate || !barred) throw new Error("demo gate and child expected");
    const now = new Date("2026-11-23T16:45:00+08:00");
    const decision = decideTap({
      roster: buildRosterIndex(demo.db),
      state: emptyDay("2026-11-23"),
      device: gate,
      report: {
        id: "0b0e7d7e-1f4c-4a4a-9a4e-0d6b8d1c2f3a",
        readerId: "r",
        at: now.toISOString(),
        reading: { kind: "card", cardId: DEMO_NOT_AUTHORISED_CARD },
      },
      now,
    });
    expect(decision.events[1]).toMatchObject({
      kind: "custody_refused",
      severity: "danger",
      holderName: "赵建国",
    });
  });
});
