import { describe, expect, it } from "vitest";
import { applyChange, validateOrThrow } from "../../server/store/apply-change";
import { type Db, DbSchema } from "../../server/store/schema";
import { smallSchool } from "../domain/fixtures";

/** What applyChange gave before it validated part by part: the whole draft through DbSchema. */
function wholeParse(current: Db, change: (db: Db) => void): Db | Error {
  const draft = structuredClone(current);
  change(draft);
  try {
    return validateOrThrow(draft, "VALIDATION_FAILED", "doc");
  } catch (err) {
    return err as Error;
  }
}

function byParts(current: Db, change: (db: Db) => void): Db | Error {
  try {
    return applyChange(current, change, "doc");
  } catch (err) {
    return err as Error;
  }
}

const current = validateOrThrow(smallSchool(), "STORE_CORRUPT", "doc");

const changes: Record<string, (db: Db) => void> = {
  "a new session": (db) => {
    db.sessions.push({ tokenHash: "a".repeat(64), userId: "u1", expiresAt: "2026-12-06T00:00:00Z" });
  },
  "a child's name": (db) => {
    const child = db.children[0];
    if (child) child.name = "张小明明";
  },
  "an optional part added": (db) => {
    db.leaves = [];
  },
  "an optional part removed and a key set to undefined": (db) => {
    delete db.passes;
    const child = db.children[1];
    if (child) child.photo = undefined;
  },
  "a key the schema does not know": (db) => {
    (db as Record<string, unknown>).extra = 1;
  },
  "a default filled in by the schema": (db) => {
    const child = db.children[0];
    if (child) child.notAuthorised = [{ name: "某某", guardianId: "p2" } as never];
  },
  "nothing at all": () => undefined,
  "the whole document assigned over the draft (seeding a school)": (db) => {
    const seed = smallSchool();
    seed.settings.schoolName = "晚风小学";
    Object.assign(db, seed);
  },
  "a part replaced after reading it, another removed and added back": (db) => {
    db.sessions = db.sessions.filter(() => false);
    delete db.passes;
    db.passes = [];
  },
  "the draft copied and spread inside the change": (db) => {
    const copy = structuredClone(db);
    const spread = { ...db };
    db.rooms = [...copy.rooms, { id: "r9", name: `${spread.rooms.length + 1}` }];
  },
  "an invalid grade and an invalid debounce": (db) => {
    db.settings.debounceMs = -1;
    const child = db.children[2];
    if (child) child.grade = "三" as never;
  },
  "a Date where a string belongs": (db) => {
    const session = { tokenHash: "b", userId: "u1", expiresAt: new Date(0) };
    db.sessions.push(session as never);
  },
};

describe("applyChange validates only the parts a change touched", () => {
  it("DbSchema is a plain object of parts with no check across them, so parts can be validated alone", () => {
    const def = DbSchema._zod.def as { checks?: unknown[]; catchall?: unknown };
    expect(def.checks ?? []).toEqual([]);
    expect(def.catchall).toBeUndefined();
  });

  it.each(Object.entries(changes))(
    "%s: the same document or error as a whole validation",
    (_name, change) => {
      const whole = wholeParse(current, change);
      const parts = byParts(current, change);
      if (whole instanceof Error) {
        expect(parts).toBeInstanceOf(Error);
        expect(parts).toMatchObject({
          message: whole.message,
          details: (whole as { details?: unknown }).details,
        });
      } else {
        expect(parts).not.toBeInstanceOf(Error);
        expect(JSON.stringify(parts)).toBe(JSON.stringify(whole));
        expect(parts).toEqual(whole);
      }
    },
  );

  it("keeps the untouched parts as they were (no copy held, none validated again)", () => {
    const next = applyChange(current, changes["a new session"] as (db: Db) => void, "doc");
    expect(next.children).toBe(current.children);
    expect(next.settings).toBe(current.settings);
    expect(next.sessions).not.toBe(current.sessions);
    expect(next.sessions).toHaveLength(current.sessions.length + 1);
  });
});
