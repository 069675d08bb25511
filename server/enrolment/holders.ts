import type { HolderMatch } from "../../protocol";
import type { SchoolRoster } from "../domain/entities";

const MAX_MATCHES = 20;

/**
 * Children and guardians whose name or id contains the query (case-insensitive), for choosing whom
 * a card belongs to. Children first, then guardians, each by name. `familyLinks`: whether a
 * guardian's line names their children; the technician gets no family map from one-letter
 * searches, only the office does.
 */
export function searchHolders(
  db: SchoolRoster,
  query: string,
  options: { familyLinks: boolean; limit?: number } = { familyLinks: true },
): HolderMatch[] {
  const limit = options.limit ?? MAX_MATCHES;
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const matches = (p: { id: string; name: string }) =>
    p.name.toLowerCase().includes(q) || p.id.toLowerCase() === q;
  const cardsOf = (kind: "child" | "guardian", id: string) =>
    db.cards.filter((c) => c.holder.kind === kind && c.holder.id === id).map((c) => c.id);
  const groups = new Map(db.groups.map((g) => [g.id, g.name]));
  const childNames = new Map(db.children.map((c) => [c.id, c.name]));

  const children: HolderMatch[] = db.children.filter(matches).map((c) => ({
    kind: "child",
    id: c.id,
    name: c.name,
    grade: c.grade,
    className: c.className,
    ...(groups.has(c.groupId) ? { groupName: groups.get(c.groupId) } : {}),
    detail: "",
    cardIds: cardsOf("child", c.id),
  }));
  const guardians: HolderMatch[] = db.guardians.filter(matches).map((g) => ({
    kind: "guardian",
    id: g.id,
    name: g.name,
    detail: options.familyLinks
      ? db.guardianships
          .filter((l) => l.guardianId === g.id)
          .map((l) => `${childNames.get(l.childId) ?? l.childId}（${l.relation}）`)
          .join("、")
      : "",
    cardIds: cardsOf("guardian", g.id),
  }));
  const byName = (a: HolderMatch, b: HolderMatch) => a.name.localeCompare(b.name, "zh");
  return [...children.sort(byName), ...guardians.sort(byName)].slice(0, limit);
}
