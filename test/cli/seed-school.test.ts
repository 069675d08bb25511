import { describe, expect, it } from "vitest";
import { seedSchool } from "../../cli/seed-school";
import { buildDemoSchool } from "../../demo/demo-school";
import { createMemoryStore } from "../../server/store/lowdb-store";

describe("the demo school written through the storage ports (start --database --demo)", () => {
  it("arrives whole in an empty school: roster, logins, devices, timetable and paperwork", async () => {
    const { db } = await buildDemoSchool({ random: () => 0.5 });
    const target = createMemoryStore();
    await seedSchool(target, db);
    const seeded = target.read();
    for (const part of [
      "rooms",
      "groups",
      "children",
      "guardians",
      "guardianships",
      "cards",
      "users",
      "devices",
    ] as const)
      expect(seeded[part], part).toEqual(db[part]);
    expect(seeded.schedule).toEqual(db.schedule);
    expect(seeded.enrolments).toEqual(db.enrolments);
    expect(seeded.specialCare ?? []).toEqual(db.specialCare ?? []);
    expect(seeded.duties).toEqual(db.duties);
    expect(seeded.leaves).toEqual(db.leaves);
  });
});
