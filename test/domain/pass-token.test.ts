import { describe, expect, it } from "vitest";
import { emptyDay } from "../../server/domain/day-state";
import { PassSchema } from "../../server/domain/entities";
import type { DayEvent, EventJournal } from "../../server/domain/events";
import { nextDay, seedEarlierPassUses } from "../../server/passes/earlier-uses";
import {
  formatShortCode,
  newPassId,
  newPassKey,
  newShortCode,
  normalizeShortCode,
  parseToken,
  passToken,
} from "../../server/passes/pass-token";
import { book, KEY, uncle } from "./pass-fixtures";

describe("pass tokens and short codes", () => {
  it("WF1.<id>.<expiry>.<22-character signature>, about 45 characters", () => {
    const token = passToken(KEY, uncle({ validFrom: "2026-11-23", validTo: "2026-11-25" }));
    expect(token).toMatch(/^WF1\.abcdefgh2345\.20261125\.[A-Za-z0-9_-]{22}$/);
    expect(token.length).toBeLessThan(50);
    expect(parseToken(token)).toMatchObject({ passId: "abcdefgh2345", expiry: "2026-11-25" });
    expect(parseToken(token)?.signature).toHaveLength(16);
  });

  it("the signature covers both dates", () => {
    const a = passToken(KEY, uncle({ validFrom: "2026-11-23", validTo: "2026-11-25" }));
    const b = passToken(KEY, uncle({ validFrom: "2026-11-24", validTo: "2026-11-25" }));
    expect(a).not.toBe(b);
  });

  it("new ids, keys and short codes fit the stored schema", () => {
    const code = newShortCode(new Set());
    const pass = uncle({ id: newPassId(), shortCode: code });
    expect(PassSchema.safeParse(pass).success).toBe(true);
    expect(newPassKey()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(normalizeShortCode(formatShortCode(code).toLowerCase())).toBe(code);
    expect(code).not.toMatch(/[01ILO]/);
  });
});

describe("a pass used on an earlier day of its range", () => {
  it("is known as used when the next day starts", async () => {
    const used: DayEvent = {
      id: "e1",
      day: "2026-11-23",
      at: "2026-11-23T08:00:00.000Z",
      actor: { kind: "device", id: "d-gate" },
      type: "pass:used",
      passId: "abcdefgh2345",
      deviceId: "d-gate",
      childIds: ["c1"],
      via: "scan",
    };
    const read: string[] = [];
    const journal: EventJournal = {
      readDay: async (day) => {
        read.push(day);
        return day === "2026-11-23" ? [used] : [];
      },
      append: async () => undefined,
      close: async () => undefined,
    };
    const state = emptyDay("2026-11-24");
    const passes = book(uncle({ validFrom: "2026-11-22", validTo: "2026-11-26" }));
    await seedEarlierPassUses(state, journal, passes);
    expect(read).toEqual(["2026-11-22", "2026-11-23"]);
    expect(state.passUses.get("abcdefgh2345")).toMatchObject({ day: "2026-11-23" });
  });

  it("reads nothing when no pass began before today", async () => {
    const journal: EventJournal = {
      readDay: async () => {
        throw new Error("must not read");
      },
      append: async () => undefined,
      close: async () => undefined,
    };
    await seedEarlierPassUses(emptyDay("2026-11-23"), journal, book(uncle()));
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });
});
