import { describe, expect, it } from "vitest";
import { schoolDay } from "../../server/domain/school-day";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The day as Intl gives it, without schoolDay's memory of the last quarter hour. */
function intlDay(moment: Date, timezone: string): string {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timezone, formatter);
  }
  return formatter.format(moment);
}

const ZONES = [
  "Asia/Shanghai",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "America/St_Johns",
  "Pacific/Chatham",
  "UTC",
];

describe("school day of a moment", () => {
  it("is the zone's calendar day on both sides of its midnight, asked again and again within a quarter hour", () => {
    for (const zone of ZONES) {
      // Minute by minute across two days, each minute asked twice (the second answer is remembered).
      const from = Date.UTC(2026, 2, 31, 0, 0);
      for (let minute = 0; minute < 2 * 24 * 60; minute += 1) {
        const moment = new Date(from + minute * 60_000 + 59_999);
        expect(schoolDay(moment, zone), `${zone} ${moment.toISOString()}`).toBe(intlDay(moment, zone));
        expect(schoolDay(new Date(from + minute * 60_000), zone)).toBe(
          intlDay(new Date(from + minute * 60_000), zone),
        );
      }
    }
  });

  it("agrees with Intl across daylight-saving changes and on random moments", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 3000; i++) {
      const zone = ZONES[i % ZONES.length] ?? "UTC";
      const moment = new Date(Date.UTC(1965, 0, 1) + Math.floor(random() * 80 * 365 * 86_400_000));
      expect(schoolDay(moment, zone), `${zone} ${moment.toISOString()}`).toBe(intlDay(moment, zone));
    }
    // Lord Howe moves by half an hour; St John's changes at local midnight-ish hours.
    for (const iso of [
      "2026-04-04T14:59:59Z",
      "2026-04-04T15:00:00Z",
      "2026-11-01T03:30:00Z",
      "2026-03-08T05:29:59Z",
    ]) {
      for (const zone of ZONES) expect(schoolDay(new Date(iso), zone)).toBe(intlDay(new Date(iso), zone));
    }
  });

  it("refuses an invalid date as Intl does", () => {
    expect(() => schoolDay(new Date(Number.NaN), "Asia/Shanghai")).toThrow(RangeError);
  });
});
