import type {
  AdminChildView,
  AdminDutyView,
  AdminEnrolmentView,
  AdminGroupView,
  AdminGuardianView,
  AdminSnapshot,
  PrintCard,
} from "../../protocol";
import { dutyFor } from "../domain/duty";
import { careOnDay, careStanding } from "../domain/enrolment";
import type { Card, Duty, Enrolment, SchoolRoster } from "../domain/entities";
import { childCustodyView, pendingAuthorities } from "./custody-views";

/** The admin screen's picture of the school on a day. Pure: document and day in, plain objects out. */
export function adminSnapshot(db: SchoolRoster, today: string): AdminSnapshot {
  const care = careOnDay(db, today);
  const groupName = (id: string) => db.groups.find((g) => g.id === id)?.name ?? id;
  const cardsOf = (kind: Card["holder"]["kind"], holderId: string) =>
    db.cards
      .filter((c) => c.holder.kind === kind && c.holder.id === holderId)
      .map((c) => ({ id: c.id, status: c.status }));

  const children: AdminChildView[] = db.children.map((child) => {
    const records = (db.enrolments ?? []).filter((e) => e.childId === child.id);
    return {
      id: child.id,
      name: child.name,
      grade: child.grade,
      className: child.className,
      groupId: child.groupId,
      groupName: groupName(child.groupId),
      standing: careStanding(records, today),
      inCareToday: care.inCare.has(child.id),
      enrolments: records.map(enrolmentView),
      specialCare: (db.specialCare ?? [])
        .filter((s) => s.childId === child.id && s.days.some((d) => d >= today))
        .map((s) => ({
          id: s.id,
          groupId: s.groupId,
          groupName: groupName(s.groupId),
          days: s.days,
          decidedBy: s.decidedBy,
          reason: s.reason,
        })),
      guardians: db.guardianships
        .filter((g) => g.childId === child.id)
        .map((g) => {
          const guardian = db.guardians.find((x) => x.id === g.guardianId);
          return {
            id: g.guardianId,
            name: guardian?.name ?? g.guardianId,
            relation: g.relation,
            phone: guardian?.phone ?? "",
          };
        }),
      cards: cardsOf("child", child.id),
      ...(child.health ? { health: child.health } : {}),
      custody: childCustodyView(db, child.id),
    };
  });

  const guardians: AdminGuardianView[] = db.guardians.map((guardian) => ({
    id: guardian.id,
    name: guardian.name,
    phone: guardian.phone,
    children: db.guardianships
      .filter((g) => g.guardianId === guardian.id)
      .map((g) => {
        const child = db.children.find((c) => c.id === g.childId);
        return {
          id: g.childId,
          name: child?.name ?? g.childId,
          relation: g.relation,
          grade: child?.grade ?? 0,
          className: child?.className ?? "",
        };
      }),
    cards: cardsOf("guardian", guardian.id),
  }));

  const groups: AdminGroupView[] = db.groups.map((group) => {
    const expected = db.children.filter((c) => {
      if (!care.inCare.has(c.id)) return false;
      return (care.special.get(c.id)?.groupId ?? c.groupId) === group.id;
    }).length;
    return {
      id: group.id,
      name: group.name,
      roomId: group.roomId,
      roomName: db.rooms.find((r) => r.id === group.roomId)?.name ?? "",
      capacity: group.capacity,
      members: db.children.filter((c) => c.groupId === group.id).length,
      expectedToday: expected,
      dutyToday: dutyFor(db, group.id, today).map((d) => ({
        name: d.name,
        kind: d.kind,
        ...(d.from ? { from: d.from } : {}),
      })),
    };
  });

  return {
    schoolName: db.settings.schoolName,
    today,
    children,
    guardians,
    groups,
    rooms: db.rooms.map((r) => ({ id: r.id, name: r.name })),
    duties: (db.duties ?? []).map((d) => dutyLineView(db, d)),
    staff: db.users
      .filter((u) => u.role !== "technician")
      .map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, cards: cardsOf("staff", u.id) })),
    pendingAuthorities: pendingAuthorities(db),
  };
}

function enrolmentView(e: Enrolment): AdminEnrolmentView {
  return {
    id: e.id,
    application: e.application,
    ...(e.approval ? { approval: e.approval } : {}),
    ...(e.declined ? { declined: e.declined } : {}),
    ...(e.agreement ? { agreement: e.agreement } : {}),
    ...(e.withdrawal ? { withdrawal: e.withdrawal } : {}),
  };
}

function dutyLineView(db: SchoolRoster, d: Duty): AdminDutyView {
  const when = d.date ? { date: d.date } : d.weekday ? { weekday: d.weekday } : {};
  const extra = { ...(d.from ? { from: d.from } : {}), ...(d.note ? { note: d.note } : {}) };
  if (d.person.kind === "teacher") {
    const { userId } = d.person;
    const name = db.users.find((u) => u.id === userId)?.displayName ?? userId;
    return { id: d.id, groupId: d.groupId, ...when, kind: "teacher", userId, name, ...extra };
  }
  const phone = d.person.phone ? { phone: d.person.phone } : {};
  return {
    id: d.id,
    groupId: d.groupId,
    ...when,
    kind: "volunteer",
    name: d.person.name,
    ...phone,
    ...extra,
  };
}

/**
 * The pickup cards to print: every active guardian card, or one family's (the guardian's own cards
 * and, for a child id, the cards of each of the child's guardians).
 */
export function printCards(db: SchoolRoster, filter: { guardianId?: string; childId?: string }): PrintCard[] {
  const guardianIds = new Set<string>();
  if (filter.guardianId) guardianIds.add(filter.guardianId);
  if (filter.childId) {
    for (const g of db.guardianships) if (g.childId === filter.childId) guardianIds.add(g.guardianId);
  }
  const all = !filter.guardianId && !filter.childId;
  // A card never names a child its holder may not collect (custody, 不得接走); a card left with
  // no child is not printed at all.
  const barred = (cardId: string, guardianId: string, childId: string) =>
    (db.children.find((c) => c.id === childId)?.notAuthorised ?? []).some(
      (n) => n.guardianId === guardianId || n.cardId === cardId,
    );
  return (
    db.cards
      // Not yet confirmed by the office: no pickup authority to print.
      .filter((c) => c.holder.kind === "guardian" && c.status === "active" && c.pending === undefined)
      .filter((c) => all || guardianIds.has(c.holder.id))
      .map((card) => {
        const guardian = db.guardians.find((g) => g.id === card.holder.id);
        return {
          cardId: card.id,
          guardianId: card.holder.id,
          guardianName: guardian?.name ?? card.holder.id,
          anyBarred: db.guardianships
            .filter((g) => g.guardianId === card.holder.id)
            .some((g) => barred(card.id, card.holder.id, g.childId)),
          children: db.guardianships
            .filter((g) => g.guardianId === card.holder.id && !g.pending)
            .filter((g) => !barred(card.id, card.holder.id, g.childId))
            .map((g) => {
              const child = db.children.find((c) => c.id === g.childId);
              return {
                name: child?.name ?? g.childId,
                grade: child?.grade ?? 0,
                className: child?.className ?? "",
                relation: g.relation,
              };
            }),
        };
      })
      // A card whose every child was struck off for custody has nothing left to print.
      .filter(({ anyBarred, children }) => !anyBarred || children.length > 0)
      .map(({ anyBarred: _, ...card }) => card)
  );
}
