import { describe, expect, it } from "vitest";
import { alertView, childView } from "../../server/domain/views";
import type { Db } from "../../server/store/schema";
import { gate, room1, smallSchool, tap, world } from "./fixtures";
import { at } from "./gate-fixtures";

/** 李爸爸 (p2) may collect 李四 (c3) but is on 张小明's (c1) not-authorised list; an old card too. */
function custodySchool(): Db {
  const db = smallSchool();
  const c1 = db.children.find((c) => c.id === "c1");
  if (!c1) throw new Error("c1");
  c1.notAuthorised = [
    { name: "李爸爸", relation: "继父", note: "法院裁定，不得接走", guardianId: "p2" },
    { name: "张某某", relation: "生父", note: "", cardId: "0000000777" },
  ];
  db.guardians.push({ id: "p3", name: "赵叔叔", phone: "3" });
  db.cards.push({ id: "0000000777", holder: { kind: "guardian", id: "p3" }, status: "revoked" });
  return db;
}

describe("who may collect: the not-authorised list (custody)", () => {
  it("a not-authorised adult's card: a red alert naming child and adult, never a request", () => {
    const w = world(custodySchool());
    w.state.children.set("c1", { status: "checked_in" });
    w.state.children.set("c3", { status: "checked_in" });
    const d = tap(w, gate, "0000000002", at("16:45"));
    expect(d.result).toMatchObject({
      kind: "pickup",
      children: [
        { childId: "c3", outcome: "requested" },
        { childId: "c1", childName: "张小明", outcome: "not_authorised" },
      ],
    });
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "pickup:requested", "alert:raised"]);
    expect(d.events[1]).toMatchObject({ childId: "c3" });
    const alert = w.state.alerts[0];
    if (!alert) throw new Error("no alert");
    expect(alertView(w.roster, alert)).toMatchObject({
      kind: "custody_refused",
      severity: "danger",
      holderName: "李爸爸",
      childOutcomes: [{ childName: "张小明", outcome: "not_authorised" }],
    });
  });

  it("not-authorised wins over a guardianship of the same child", () => {
    const db = custodySchool();
    db.guardianships.push({ childId: "c1", guardianId: "p2", relation: "继父" });
    const w = world(db);
    w.state.children.set("c1", { status: "checked_in" });
    w.state.children.set("c3", { status: "checked_in" });
    const d = tap(w, gate, "0000000002", at("16:45"));
    expect(d.events.map((e) => [e.type, "childId" in e ? e.childId : undefined])).toEqual([
      ["tap:received", undefined],
      ["pickup:requested", "c3"],
      ["alert:raised", undefined],
    ]);
    expect(d.result).toMatchObject({
      children: [
        { childId: "c3", outcome: "requested" },
        { childId: "c1", outcome: "not_authorised" },
      ],
    });
  });

  it("only the custody alert when the adult has no child to collect; raised even if the child is not in", () => {
    const db = custodySchool();
    db.guardianships.splice(
      db.guardianships.findIndex((g) => g.guardianId === "p2"),
      1,
    );
    const w = world(db);
    const d = tap(w, gate, "0000000002", at("16:45"));
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(d.events[1]).toMatchObject({ kind: "custody_refused" });
  });

  it("a card number on the list is refused in red even when revoked or unknown to the roster", () => {
    const w = world(custodySchool());
    const d = tap(w, gate, "0000000777", at("16:45"));
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(d.events[1]).toMatchObject({ kind: "custody_refused", severity: "danger", holderName: "张某某" });
    const db = custodySchool();
    db.cards = db.cards.filter((c) => c.id !== "0000000777");
    const unknown = tap(world(db), gate, "0000000777", at("16:45"));
    expect(unknown.events[1]).toMatchObject({ kind: "custody_refused", cardId: "0000000777" });
  });

  it("at a room reader the list changes nothing (it is the gate's check)", () => {
    const w = world(custodySchool());
    const d = tap(w, room1, "0000000002", at("16:45"));
    expect(d.result).toEqual({ kind: "not_applicable", reason: "guardian_at_room" });
  });

  it("the guard sees the barred adult's photo on the alert and the ID card's last four with the photo on the row", () => {
    const db = custodySchool();
    const c1 = db.children.find((c) => c.id === "c1");
    const zhang = c1?.notAuthorised?.[1];
    if (!zhang) throw new Error("no entry");
    zhang.photo = "/api/photos/barred-c1-na-2.jpg";
    zhang.idLast4 = "123X";
    const w = world(db);
    w.state.children.set("c1", { status: "checked_in" });
    tap(w, gate, "0000000777", at("16:45"));
    const alert = w.state.alerts[0];
    if (!alert) throw new Error("no alert");
    expect(alertView(w.roster, alert)).toMatchObject({ holderName: "张某某", holderPhoto: zhang.photo });

    // The entry renamed since: the alert shows no face rather than someone else's.
    const renamed = custodySchool();
    const entry = renamed.children.find((c) => c.id === "c1")?.notAuthorised?.[1];
    if (!entry) throw new Error("no entry");
    Object.assign(entry, { name: "王某", photo: "/api/photos/barred-c1-na-2.jpg" });
    expect(alertView(world(renamed).roster, alert).holderPhoto).toBeUndefined();

    tap(w, gate, "0000000001", at("16:46")); // 张妈妈 asks for c1
    expect(childView(w.roster, w.state, "c1")?.custody).toEqual([
      { name: "李爸爸", relation: "继父", note: "法院裁定，不得接走" },
      { name: "张某某", relation: "生父", note: "", idLast4: "123X", photo: zhang.photo },
    ]);
  });
});
