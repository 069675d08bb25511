import { describe, expect, it } from "vitest";
import { emptyDay } from "../../server/domain/day-state";
import { unexplainedAbsences } from "../../server/domain/room/absences";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { copyRosterParts } from "../../server/roster/apply-roster";
import { readRecords } from "../../server/roster/csv-import";
import { mergeInOnePass } from "../../server/roster/one-pass";
import { AFTERNOON, DAY, smallSchool } from "./fixtures";

describe("children imported during care (issue 11)", () => {
  it("are expected but not unexplained absences on the day they came onto the roster", () => {
    const db = smallSchool();
    const parts = copyRosterParts(db);
    const csv =
      "学号,姓名,年级,班级,托管班,教室,家长姓名,关系\n20250301,周新,1,1班,一二年级,101,周妈妈,妈妈\n";
    mergeInOnePass(parts, readRecords(csv), DAY);
    Object.assign(db, parts);
    expect(db.children.find((c) => c.id === "20250301")?.addedOn).toBe(DAY);

    const today = unexplainedAbsences(buildRosterIndex(db, DAY), emptyDay(DAY), AFTERNOON).map(
      (a) => a.childId,
    );
    expect(today).not.toContain("20250301");
    // Children already on the roster are still missed; and the next day the new child is too.
    expect(today).toContain("c1");
    const tomorrow = "2026-11-24";
    const later = new Date(AFTERNOON.getTime() + 86_400_000);
    const next = unexplainedAbsences(buildRosterIndex(db, tomorrow), emptyDay(tomorrow), later).map(
      (a) => a.childId,
    );
    expect(next).toContain("20250301");
  });
});
