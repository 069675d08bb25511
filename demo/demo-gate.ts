import type { Db } from "../server/store/schema";

/** The demo adult who must not collect: a card of theirs at the gate shows the red custody alert. */
export const DEMO_NOT_AUTHORISED_CARD = "0066778899";

/**
 * Gate facts of the demo school: one child has a not-authorised adult (a parent without custody
 * by a court order, 法院裁定) who still holds a pickup card, so the guard screen's custody alert
 * can be seen by tapping that card.
 */
export function addDemoGate(db: Db): void {
  const child = db.children[0];
  if (!child) return;
  db.guardians.push({ id: "guardian-barred", name: "赵建国", phone: "13900009999" });
  db.cards.push({
    id: DEMO_NOT_AUTHORISED_CARD,
    holder: { kind: "guardian", id: "guardian-barred" },
    status: "active",
  });
  child.notAuthorised = [
    { name: "赵建国", relation: "生父", note: "法院裁定无探视接送权（示例）", guardianId: "guardian-barred" },
  ];
}
