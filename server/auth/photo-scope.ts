import type { SchoolRoster, User } from "../domain/entities";

/**
 * Photos are scoped like the data they show. The office, the duty leader and the guard see every
 * child's and adult's photo: the gate releases any child of the school, and the guard checks the
 * face of whoever comes for them. A teacher sees the photos of the children of their own groups,
 * of those children's guardians and of the adults barred from collecting them; no one else's.
 */
export function canSeePhoto(user: User, roster: SchoolRoster, photoPath: string): boolean {
  if (user.role === "admin" || user.role === "leader" || user.role === "guard") return true;
  if (user.role !== "teacher") return false;
  const own = roster.children.filter((c) => user.groupIds.includes(c.groupId));
  if (own.some((c) => c.photo === photoPath || c.notAuthorised?.some((n) => n.photo === photoPath))) {
    return true;
  }
  const ownIds = new Set(own.map((c) => c.id));
  const guardianIds = new Set(
    roster.guardianships.filter((g) => ownIds.has(g.childId)).map((g) => g.guardianId),
  );
  return roster.guardians.some((g) => guardianIds.has(g.id) && g.photo === photoPath);
}
