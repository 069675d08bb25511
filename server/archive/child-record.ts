import type { SchoolRoster } from "../domain/entities";
import type { DayEvent, EventJournal } from "../domain/events";

/**
 * Everything the school holds about one child (PIPL: the right to see one's data): the roster's
 * entries (child, guardians with their cards, custody list, enrolment, special care) and every
 * journal event of every day that concerns the child. Read-only; the office downloads it as JSON.
 */

export interface ChildRecordExport {
  exportedAt: string;
  child: unknown;
  guardians: unknown[];
  childCards: unknown[];
  enrolments: unknown[];
  specialCare: unknown[];
  days: { day: string; events: DayEvent[] }[];
}

export async function exportChildRecord(
  roster: SchoolRoster,
  journal: EventJournal,
  childId: string,
  now: Date,
): Promise<ChildRecordExport | undefined> {
  const child = roster.children.find((c) => c.id === childId);
  if (!child) return undefined;
  const guardians = roster.guardianships
    .filter((g) => g.childId === childId)
    .map((link) => {
      const guardian = roster.guardians.find((g) => g.id === link.guardianId);
      const cards = roster.cards.filter(
        (c) => c.holder.kind === "guardian" && c.holder.id === link.guardianId,
      );
      return { ...guardian, relation: link.relation, cards };
    });
  const days: ChildRecordExport["days"] = [];
  for (const day of (await journal.days?.()) ?? []) {
    const events = (await journal.readDay(day)).filter((e) => concerns(e, childId, child.name));
    if (events.length > 0) days.push({ day, events });
  }
  return {
    exportedAt: now.toISOString(),
    child,
    guardians,
    childCards: roster.cards.filter((c) => c.holder.kind === "child" && c.holder.id === childId),
    enrolments: (roster.enrolments ?? []).filter((e) => (e as { childId?: string }).childId === childId),
    specialCare: (roster.specialCare ?? []).filter((s) => (s as { childId?: string }).childId === childId),
    days,
  };
}

/** An event about the child: by its id anywhere in the event, or an alert naming the child. */
function concerns(event: DayEvent, childId: string, childName: string): boolean {
  const text = JSON.stringify(event);
  if (text.includes(`"${childId}"`)) return true;
  return event.type === "alert:raised" && (event.childOutcomes ?? []).some((c) => c.childName === childName);
}
