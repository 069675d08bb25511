import type { ChildCustodyView, PendingAuthorityView } from "../../protocol";
import { notAuthorisedId, type SchoolRoster } from "../domain/entities";

/** One child's guardians (with their cards) and not-authorised list, for the admin child page. */
export function childCustodyView(db: SchoolRoster, childId: string): ChildCustodyView {
  const guardians = db.guardianships
    .filter((link) => link.childId === childId)
    .map((link) => {
      const guardian = db.guardians.find((g) => g.id === link.guardianId);
      return {
        id: link.guardianId,
        name: guardian?.name ?? link.guardianId,
        phone: guardian?.phone ?? "",
        relation: link.relation,
        ...(guardian?.photo ? { photo: guardian.photo } : {}),
        pending: link.pending !== undefined,
        cards: db.cards
          .filter((c) => c.holder.kind === "guardian" && c.holder.id === link.guardianId)
          .map((c) => ({ id: c.id, status: c.status, pending: c.pending !== undefined })),
      };
    });
  const child = db.children.find((c) => c.id === childId);
  const notAuthorised = (child?.notAuthorised ?? []).map((entry, i) => ({
    ...entry,
    id: notAuthorisedId(entry, i),
  }));
  return { guardians, notAuthorised };
}

/** Every pickup authority waiting for the office, oldest first: links added and cards bound on screens. */
export function pendingAuthorities(db: SchoolRoster): PendingAuthorityView[] {
  const guardianName = (id: string) => db.guardians.find((g) => g.id === id)?.name ?? id;
  const childLine = (childId: string, relation: string) => ({
    id: childId,
    name: db.children.find((c) => c.id === childId)?.name ?? childId,
    relation,
  });
  const links: PendingAuthorityView[] = db.guardianships.flatMap((link) =>
    link.pending
      ? [
          {
            ref: { kind: "link" as const, childId: link.childId, guardianId: link.guardianId },
            guardianId: link.guardianId,
            guardianName: guardianName(link.guardianId),
            children: [childLine(link.childId, link.relation)],
            byName: link.pending.byName,
            at: link.pending.at,
          },
        ]
      : [],
  );
  const cards: PendingAuthorityView[] = db.cards.flatMap((card) =>
    card.pending && card.holder.kind === "guardian"
      ? [
          {
            ref: { kind: "card" as const, cardId: card.id },
            guardianId: card.holder.id,
            guardianName: guardianName(card.holder.id),
            children: db.guardianships
              .filter((l) => l.guardianId === card.holder.id)
              .map((l) => childLine(l.childId, l.relation)),
            cardId: card.id,
            byName: card.pending.byName,
            at: card.pending.at,
          },
        ]
      : [],
  );
  return [...links, ...cards].sort((a, b) => a.at.localeCompare(b.at));
}
