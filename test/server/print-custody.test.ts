import { describe, expect, it } from "vitest";
import { printCards } from "../../server/admin/admin-views";
import { smallSchool } from "../domain/fixtures";

describe("pickup-card printing and the custody list", () => {
  it("a barred adult's card never names the child; a card with only barred children is not printed", () => {
    const db = smallSchool();
    const c2 = db.children.find((c) => c.id === "c2");
    if (c2) c2.notAuthorised = [{ name: "张妈妈", relation: "妈妈", note: "法院裁定", guardianId: "p1" }];
    const c3 = db.children.find((c) => c.id === "c3");
    if (c3) c3.notAuthorised = [{ name: "李爸爸", relation: "爸爸", note: "", cardId: "0000000002" }];
    const cards = printCards(db, {});
    expect(cards.map((c) => [c.cardId, c.children.map((k) => k.name)])).toEqual([["0000000001", ["张小明"]]]);
    // Printing for the barred child: the family's other card still prints, without that child.
    expect(printCards(db, { childId: "c2" }).map((c) => c.children.map((k) => k.name))).toEqual([["张小明"]]);
    expect(printCards(db, { childId: "c3" })).toEqual([]);
  });

  it("a guardian without a custody entry prints as before", () => {
    const cards = printCards(smallSchool(), {});
    expect(cards.map((c) => [c.cardId, c.children.length])).toEqual([
      ["0000000001", 2],
      ["0000000002", 1],
    ]);
  });
});
