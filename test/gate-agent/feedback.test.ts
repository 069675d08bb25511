import { describe, expect, it } from "vitest";
import { FEEDBACK_MAX_AGE_MS, feedbackForOutcome, feedbackForResult } from "../../gate-agent/feedback";
import type { TapResult } from "../../protocol/model";
import type { PickupChildOutcome } from "../../protocol/outcomes";

const pickup = (...outcomes: PickupChildOutcome[]): TapResult => ({
  kind: "pickup",
  guardianId: "g1",
  guardianName: "王芳",
  children: outcomes.map((outcome, i) => ({ childId: `c${i}`, childName: `child ${i}`, outcome })),
});

describe("reader feedback from the server's decision", () => {
  it("accepts a pickup that requested at least one child (or whose request already stands)", () => {
    expect(feedbackForResult(pickup("requested"))).toBe("accept");
    expect(feedbackForResult(pickup("not_checked_in", "requested"))).toBe("accept");
    expect(feedbackForResult(pickup("already_requested"))).toBe("accept");
  });

  it("refuses a pickup that requested nobody", () => {
    expect(feedbackForResult(pickup("not_checked_in", "on_leave"))).toBe("refuse");
    expect(feedbackForResult(pickup("already_collected"))).toBe("refuse");
    expect(feedbackForResult(pickup())).toBe("refuse");
  });

  it("accepts a check-in, refuses a child at the wrong room or one not expected", () => {
    const checkIn = (outcome: Extract<TapResult, { kind: "check_in" }>["outcome"]): TapResult => ({
      kind: "check_in",
      childId: "c1",
      childName: "小明",
      outcome,
    });
    expect(feedbackForResult(checkIn("checked_in"))).toBe("accept");
    expect(feedbackForResult(checkIn("already_checked_in"))).toBe("accept");
    expect(feedbackForResult(checkIn("wrong_group"))).toBe("refuse");
    expect(feedbackForResult(checkIn("on_leave"))).toBe("refuse");
    expect(feedbackForResult(checkIn("gone_home"))).toBe("refuse");
    expect(feedbackForResult(checkIn("not_in_care"))).toBe("refuse");
  });

  it("accepts a staff card signing in or out (考勤)", () => {
    for (const action of ["signed_in", "signed_out"] as const) {
      expect(feedbackForResult({ kind: "staff", userId: "u1", name: "王老师", action })).toBe("accept");
    }
  });

  it("refuses unknown and blocked cards and taps at the wrong kind of device", () => {
    expect(feedbackForResult({ kind: "unknown_card", cardId: "1" })).toBe("refuse");
    expect(
      feedbackForResult({ kind: "card_blocked", cardId: "1", cardStatus: "lost", holderName: "李" }),
    ).toBe("refuse");
    expect(feedbackForResult({ kind: "not_applicable", reason: "guardian_at_room" })).toBe("refuse");
  });

  it("says nothing for a repeat or a tap from an earlier day", () => {
    expect(feedbackForResult({ kind: "debounced" })).toBeUndefined();
    expect(feedbackForResult({ kind: "stale", tapDay: "2025-01-01" })).toBeUndefined();
  });

  it("says nothing when the answer comes too late for the person at the reader", () => {
    const at = "2025-03-03T08:00:00.000Z";
    const outcome = { tapId: "t", duplicate: false, result: pickup("requested") };
    const tapMs = Date.parse(at);
    expect(feedbackForOutcome(outcome, at, tapMs + 300)).toBe("accept");
    expect(feedbackForOutcome(outcome, at, tapMs + FEEDBACK_MAX_AGE_MS + 1)).toBeUndefined();
    expect(feedbackForOutcome(outcome, "not a time", tapMs)).toBeUndefined();
  });
});
