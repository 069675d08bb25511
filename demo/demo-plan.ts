import { careOnDay } from "../server/domain/enrolment";
import type { SchoolRoster } from "../server/domain/entities";

export interface DemoDevice {
  name: string;
  kind: "gate" | "room";
  groupId?: string;
  token: string;
}

export interface DemoStep {
  token: string;
  cardId: string;
  label: string;
}

/** Card id no demo card has: shows the guard's "unknown card" alert. */
export const DEMO_UNKNOWN_CARD = "0099999999";

/**
 * A plausible afternoon for the demo school: most children tap in at their room, a few never
 * come; then parents tap at the gate, with one lost card and one unknown card among them.
 */
export function planDemoTaps(db: SchoolRoster, devices: readonly DemoDevice[]): DemoStep[] {
  const gate = devices.find((d) => d.kind === "gate");
  const steps: DemoStep[] = [];
  const activeCard = (kind: "child" | "guardian", id: string) =>
    db.cards.find((c) => c.holder.kind === kind && c.holder.id === id && c.status === "active");

  const inCare = careOnDay(db).inCare;
  const checkedIn = new Set<string>();
  for (const room of devices.filter((d) => d.kind === "room")) {
    // Only children in care (a withdrawn child's card would just be refused).
    const children = db.children.filter((c) => c.groupId === room.groupId && inCare.has(c.id));
    children.forEach((child, i) => {
      const card = activeCard("child", child.id);
      // Every fifth child stays away, so the kiosk shows someone still expected.
      if (!card || i % 5 === 4) return;
      checkedIn.add(child.id);
      steps.push({ token: room.token, cardId: card.id, label: `${room.name}: ${child.name}` });
    });
  }
  if (!gate) return steps;

  const guardians = db.guardians.filter((g) =>
    db.guardianships.some((link) => link.guardianId === g.id && checkedIn.has(link.childId)),
  );
  guardians.slice(0, 12).forEach((guardian, i) => {
    const card = activeCard("guardian", guardian.id);
    if (card) steps.push({ token: gate.token, cardId: card.id, label: `${gate.name}: ${guardian.name}` });
    if (i === 3)
      steps.push({ token: gate.token, cardId: DEMO_UNKNOWN_CARD, label: `${gate.name}: unknown card` });
    if (i === 6) {
      const lost = db.cards.find((c) => c.status === "lost");
      if (lost) steps.push({ token: gate.token, cardId: lost.id, label: `${gate.name}: lost card` });
    }
  });
  return steps;
}
