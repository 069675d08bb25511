import { describe, expect, it } from "vitest";
import { offlineCacheFor } from "../../server/devices/offline-cache";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { DAY, gate, smallSchool } from "../domain/fixtures";

describe("a gate's offline cache", () => {
  it("counts the children in care a guardian's card may collect, barred ones not", () => {
    const db = smallSchool();
    // 李爸爸 (p2, card 0000000002) is linked to 张小明 (c1) too, but c1's list bars him by name;
    // 张妈妈's old card number is barred from 张小红 (c2) by number.
    db.guardianships.push({ childId: "c1", guardianId: "p2", relation: "继父" });
    const c1 = db.children.find((c) => c.id === "c1");
    const c2 = db.children.find((c) => c.id === "c2");
    if (!c1 || !c2) throw new Error("fixture");
    c1.notAuthorised = [{ name: "李爸爸", relation: "继父", note: "", guardianId: "p2" }];
    c2.notAuthorised = [{ name: "张某某", relation: "生父", note: "", cardId: "0000000001" }];
    const roster = buildRosterIndex(db, DAY);
    const { cache } = offlineCacheFor(gate, roster, DAY, new Date("2026-11-23T08:00:00Z"));
    const byCard = new Map(cache.cards.map((c) => [c.cardId, c]));
    expect(byCard.get("0000000002")).toMatchObject({ holder: "guardian", active: true, children: 1 });
    expect(byCard.get("0000000001")).toMatchObject({ holder: "guardian", active: true, children: 1 });
    expect(byCard.get("0000000099")).toMatchObject({ active: false });
    expect(byCard.get("0000000011")).toMatchObject({ holder: "child", children: 0 });
  });
});
