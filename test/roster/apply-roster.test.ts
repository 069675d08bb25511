import { describe, expect, it } from "vitest";
import { isWanfengError } from "../../protocol";
import { applyRoster, parseRosterCsv } from "../../server/roster/csv-import";
import { createMemoryStore } from "../../server/store/lowdb-store";
import { DbSchema, emptyDb } from "../../server/store/schema";

const HEADER =
  "child_id,child_name,grade,class,group,room,child_card,guardian_name,relation,phone,guardian_card";
const rowsOf = (...lines: string[]) => parseRosterCsv(`${[HEADER, ...lines].join("\n")}\n`);

const FAMILY = [
  "20250101,王小明,1,1班,一二年级托管班,101教室,0003012345,李娜,妈妈,13900001111,0006547886",
  "20250101,王小明,1,1班,一二年级托管班,101教室,,王强,爸爸,13900002222,",
  "20230203,王小红,3,2班,三四年级托管班,203 room,,李娜,妈妈,13900001111,010063E9AE",
];

describe("applyRoster", () => {
  it("adds rooms, groups, children, guardians, guardianships and cards", () => {
    const db = emptyDb();
    const summary = applyRoster(db, rowsOf(...FAMILY));
    expect(DbSchema.parse(db)).toEqual(db);
    expect(summary.added).toEqual({
      rooms: 2,
      groups: 2,
      children: 2,
      guardians: 2,
      guardianships: 3,
      cards: 2,
    });
    expect(db.rooms).toEqual([
      { id: "room-101", name: "101教室" },
      { id: "room-203-room", name: "203 room" },
    ]);
    expect(db.groups.map((g) => [g.id, g.roomId, g.capacity])).toEqual([
      ["group-1", "room-101", 30],
      ["group-2", "room-203-room", 30],
    ]);
    const mum = db.guardians.find((g) => g.name === "李娜");
    expect(db.guardianships.filter((g) => g.guardianId === mum?.id).map((g) => g.childId)).toEqual([
      "20250101",
      "20230203",
    ]);
    expect(db.cards).toEqual([
      { id: "0003012345", holder: { kind: "child", id: "20250101" }, status: "active" },
      { id: "0006547886", holder: { kind: "guardian", id: mum?.id }, status: "active" },
    ]);
  });

  it("is idempotent, and updates what changed", () => {
    const db = emptyDb();
    applyRoster(db, rowsOf(...FAMILY));
    const again = applyRoster(db, rowsOf(...FAMILY));
    expect(again.added).toEqual({
      rooms: 0,
      groups: 0,
      children: 0,
      guardians: 0,
      guardianships: 0,
      cards: 0,
    });
    expect(again.updated).toEqual({
      rooms: 0,
      groups: 0,
      children: 0,
      guardians: 0,
      guardianships: 0,
      cards: 0,
    });

    const changed = applyRoster(
      db,
      rowsOf("20250101,王小明,2,3班,一二年级托管班,101教室,,李娜娜,外婆,13900001111,"),
    );
    expect(changed.updated).toMatchObject({ children: 1, guardians: 1, guardianships: 1 });
    expect(db.children.find((c) => c.id === "20250101")).toMatchObject({ grade: 2, className: "3班" });
  });

  it("refuses a card that the document already gives to someone else, naming row and column", () => {
    const db = emptyDb();
    applyRoster(db, rowsOf(...FAMILY));
    const before = structuredClone(db);
    let problems: unknown;
    try {
      applyRoster(
        db,
        rowsOf('30000001,赵一,2,1班,一二年级托管班,101教室,"099,59822",赵父,爸爸,13900003333,'),
      );
    } catch (err) {
      if (isWanfengError(err)) problems = err.details?.problems;
    }
    expect(problems).toEqual([
      {
        row: 2,
        column: "child_card",
        problem: "cardBelongs",
        params: expect.objectContaining({ who: "李娜 (guardian)" }),
        message: expect.stringContaining("李娜"),
      },
    ]);
    expect(db).toEqual(before);
  });

  it("keeps a lost card lost when the roster lists it again", () => {
    const db = emptyDb();
    applyRoster(db, rowsOf(...FAMILY));
    const card = db.cards.find((c) => c.id === "0006547886");
    if (card) card.status = "lost";
    applyRoster(db, rowsOf(...FAMILY));
    expect(db.cards.find((c) => c.id === "0006547886")?.status).toBe("lost");
  });

  it("counts children already in the group against its capacity", () => {
    const db = emptyDb();
    const first = Array.from({ length: 20 }, (_, i) => `${100 + i},孩子${i},1,1班,A,101,,家长${i},妈妈,,`);
    applyRoster(db, rowsOf(...first));
    const more = Array.from({ length: 11 }, (_, i) => `${200 + i},新生${i},1,1班,A,101,,新家长${i},妈妈,,`);
    expect(() => applyRoster(db, rowsOf(...more))).toThrow(/row 12, group: .*31 children/);
    expect(db.children).toHaveLength(20);
  });

  it("writes nothing through store.update when any row is bad", async () => {
    const store = createMemoryStore();
    await store.update((db) => {
      applyRoster(db, rowsOf(...FAMILY));
    });
    const before = store.read();
    const bad = rowsOf("30000001,赵一,2,1班,一二年级托管班,101教室,,赵父,爸爸,13900003333,0006547886");
    await expect(
      store.update((db) => {
        applyRoster(db, bad);
      }),
    ).rejects.toMatchObject({ code: "IMPORT_BAD_ROW" });
    expect(store.read()).toBe(before);
    expect(store.read().children).toHaveLength(2);
  });
});
