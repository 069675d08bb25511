import type { GateRegisterEntry } from "../../../protocol/gate";

/** Pure filtering of the gate register on the guard screen (tested without a DOM). */
export type RegisterKind = "all" | "exit" | "reentry";

export function filterRegister(
  entries: readonly GateRegisterEntry[],
  text: string,
  kind: RegisterKind,
): GateRegisterEntry[] {
  const needle = text.trim().toLowerCase();
  return entries
    .filter((e) => kind === "all" || e.kind === kind)
    .filter((e) => {
      if (needle === "") return true;
      const hay = [
        e.childName,
        e.className,
        `${e.grade}`,
        e.groupName,
        e.adultName ?? "",
        e.gateName,
        e.reason ?? "",
      ];
      return hay.some((h) => h.toLowerCase().includes(needle));
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** The children whose last register line is an exit: the ones a re-entry can be recorded for. */
export function outsideNow(entries: readonly GateRegisterEntry[]): Set<string> {
  const last = new Map<string, GateRegisterEntry["kind"]>();
  for (const e of [...entries].sort((a, b) => a.at.localeCompare(b.at))) last.set(e.childId, e.kind);
  return new Set([...last].filter(([, k]) => k === "exit").map(([id]) => id));
}
