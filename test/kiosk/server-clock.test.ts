import { describe, expect, it } from "vitest";
import { learnServerTime, serverNow } from "../../kiosk/src/shell/server-clock";

describe("the screens' clock", () => {
  it("follows the server's time from the last snapshot, not the tablet's", () => {
    // The demo server plays Friday 16:50 while the tablet says Sunday 03:40.
    const demoAfternoon = Date.parse("2026-12-04T08:50:00Z");
    learnServerTime(new Date(demoAfternoon).toISOString());
    expect(Math.abs(serverNow().getTime() - demoAfternoon)).toBeLessThan(1_000);
  });

  it("keeps what it knew when a snapshot carries no time or a bad one", () => {
    const known = Date.parse("2026-12-04T08:50:00Z");
    learnServerTime(new Date(known).toISOString());
    learnServerTime(undefined);
    learnServerTime("not a time");
    expect(Math.abs(serverNow().getTime() - known)).toBeLessThan(1_000);
  });
});
