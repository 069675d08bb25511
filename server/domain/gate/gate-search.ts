import { GATE_SEARCH_LIMIT, type GateSearchHit } from "../../../protocol/gate-search";
import type { DayState } from "../day-state";
import type { RosterIndex } from "../roster-index";
import { childView } from "../views";

/**
 * The children whose name, student number, class or group contains the query (case and spaces
 * ignored), names that start with it first; each with today's status, group, room and who may
 * collect. Any child of the school, also one not in care today (the guard asks why).
 */
export function searchChildren(roster: RosterIndex, state: DayState, query: string): GateSearchHit[] {
  const loose = (text: string) => text.replace(/\s+/g, "").toLowerCase();
  const q = loose(query);
  if (q === "") return [];
  const adults = new Map<string, { name: string; relation: string }[]>();
  for (const [guardianId, links] of roster.guardianshipsByGuardian) {
    const name = roster.guardians.get(guardianId)?.name ?? guardianId;
    for (const link of links) {
      // Not yet confirmed by the office: not someone the guard may hand the child to.
      if (link.pending) continue;
      const list = adults.get(link.childId) ?? [];
      list.push({ name, relation: link.relation });
      adults.set(link.childId, list);
    }
  }
  const hits: { hit: GateSearchHit; starts: boolean }[] = [];
  for (const child of roster.children.values()) {
    const group = roster.groups.get(child.groupId)?.name ?? "";
    const fields = [child.name, child.id, child.className, group].map(loose);
    if (!fields.some((f) => f.includes(q))) continue;
    const view = childView(roster, state, child.id);
    if (!view) continue;
    hits.push({
      hit: { child: view, inCareToday: roster.inCare.has(child.id), mayCollect: adults.get(child.id) ?? [] },
      starts: loose(child.name).startsWith(q),
    });
  }
  return hits
    .sort(
      (a, b) => Number(b.starts) - Number(a.starts) || a.hit.child.name.localeCompare(b.hit.child.name, "zh"),
    )
    .slice(0, GATE_SEARCH_LIMIT)
    .map((h) => h.hit);
}
