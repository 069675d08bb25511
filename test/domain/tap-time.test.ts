import { describe, expect, it } from "vitest";
import { FUTURE_MARGIN_MS, tapTimeOf } from "../../server/domain/tap-time";

const RECEIVED = new Date("2026-11-23T08:45:00.000Z");

describe("the time a tap is dated by", () => {
  it("is the agent's time corrected by its clock offset", () => {
    expect(tapTimeOf("2026-11-23T08:40:00.000Z", 0, RECEIVED)).toEqual({
      ok: true,
      at: new Date("2026-11-23T08:40:00.000Z"),
    });
    expect(tapTimeOf("2026-11-23T08:40:00.000Z", 1_500, RECEIVED)).toEqual({
      ok: true,
      at: new Date("2026-11-23T08:40:01.500Z"),
    });
  });

  it("is never later than the receipt; beyond the margin the tap is refused", () => {
    expect(tapTimeOf("2026-11-23T08:46:00.000Z", 0, RECEIVED)).toEqual({ ok: true, at: RECEIVED });
    const tooFar = new Date(RECEIVED.getTime() + FUTURE_MARGIN_MS + 1).toISOString();
    expect(tapTimeOf(tooFar, 0, RECEIVED)).toEqual({ ok: false });
    expect(tapTimeOf("2026-11-26T08:45:00.000Z", 0, RECEIVED)).toEqual({ ok: false });
    expect(tapTimeOf("not a time", 0, RECEIVED)).toEqual({ ok: false });
  });
});
