import { describe, expect, it } from "vitest";
import { changedKinds } from "../../server/store/change-announcer";
import { sameJson } from "../../server/store/same-json";
import { emptyDb } from "../../server/store/schema";

describe("sameJson: the same JSON data, found without writing it", () => {
  const equalPairs: [unknown, unknown][] = [
    [
      { a: 1, b: ["x", null, true] },
      { a: 1, b: ["x", null, true] },
    ],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: { c: [1, { d: "e" }] } }, { a: { c: [1, { d: "e" }] } }],
    [undefined, undefined],
    [[], []],
    [{}, Object.create(null)],
  ];
  it.each(equalPairs)("same: %j and %j", (a, b) => {
    expect(sameJson(a, b)).toBe(true);
    expect(sameJson(b, a)).toBe(true);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  const differentPairs: [unknown, unknown][] = [
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [
      { a: 1, b: undefined },
      { a: 1, b: null },
    ],
    [
      [1, 2],
      [2, 1],
    ],
    [[1], [1, 1]],
    [{ 0: "x" }, ["x"]],
    ["1", 1],
    [null, {}],
    [{ a: [] }, { a: {} }],
  ];
  it.each(differentPairs)("different: %j and %j", (a, b) => {
    expect(sameJson(a, b)).toBe(false);
    expect(sameJson(b, a)).toBe(false);
  });

  it("never calls what is not JSON data the same, not even itself (it must be validated)", () => {
    const fn = () => 1;
    const date = new Date(0);
    for (const odd of [fn, Symbol("s"), Number.NaN, Number.POSITIVE_INFINITY, date, new Map()]) {
      expect(sameJson(odd, odd)).toBe(false);
      expect(sameJson({ a: odd }, { a: odd })).toBe(false);
    }
    expect(sameJson({ at: date }, { at: date.toJSON() })).toBe(false);
    expect(sameJson([undefined], [null])).toBe(false);
  });

  it("changedKinds names the parts whose data differ, as comparing their JSON texts did", () => {
    const before = emptyDb();
    const after = structuredClone(before);
    expect([...changedKinds(before, after)]).toEqual([]);
    after.sessions.push({ tokenHash: "a".repeat(64), userId: "u1", expiresAt: "2026-12-06T00:00:00Z" });
    after.settings.schoolName = "晚风小学";
    expect([...changedKinds(before, after)].sort()).toEqual(["sessions", "settings"]);
  });
});
