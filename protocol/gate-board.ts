import type { EarlyAskView, GateBoard, GateRegisterEntry, LateChildView } from "./gate";

/**
 * The gate board changes row by row: after a tap the guard's screen gets the rows of the children
 * it touched, never the whole board again. The order of each list is defined here once, used by
 * the server when it builds a board and by the kiosk when it merges a change into one.
 */
export interface GateBoardChange {
  /** Early pickups of the touched children, new or changed (matched by id). */
  early: EarlyAskView[];
  /** Late entries of the touched children, new or changed (matched by child id). */
  late: LateChildView[];
  /** Touched children who are no longer on the late list. */
  lateGone: string[];
  /** Gate register entries of the touched children, new or changed (matched by id). */
  register: GateRegisterEntry[];
}

/** Waiting for the guard first, then the decided ones; newest first within each. */
export function compareEarly(a: EarlyAskView, b: EarlyAskView): number {
  const rank = (v: EarlyAskView) => (v.status === "pending" ? 0 : 1);
  return rank(a) - rank(b) || b.at.localeCompare(a.at);
}

/** Open entries first (longest waiting first), then the closed ones. */
export function compareLate(a: LateChildView, b: LateChildView): number {
  return (
    Number(a.collectedAt !== undefined) - Number(b.collectedAt !== undefined) ||
    a.careEndsAt.localeCompare(b.careEndsAt) ||
    a.child.name.localeCompare(b.child.name)
  );
}

export function isEmptyChange(change: GateBoardChange): boolean {
  return (
    change.early.length === 0 &&
    change.late.length === 0 &&
    change.lateGone.length === 0 &&
    change.register.length === 0
  );
}

/** The board after a change; the board passed in is not modified. */
export function applyGateChange(board: GateBoard, change: GateBoardChange): GateBoard {
  const gone = new Set([...change.lateGone, ...change.late.map((l) => l.child.childId)]);
  return {
    ...board,
    early: upsert(board.early, change.early, (e) => e.id).sort(compareEarly),
    late: [...board.late.filter((l) => !gone.has(l.child.childId)), ...change.late].sort(compareLate),
    // The gate's book keeps the order it was written in: a changed entry stays, a new one is last.
    register: upsert(board.register, change.register, (r) => r.id),
  };
}

/** Rows in place where they were (replaced by their changed version), new rows after them. */
function upsert<T>(rows: readonly T[], changed: readonly T[], key: (row: T) => string): T[] {
  if (changed.length === 0) return [...rows];
  const fresh = new Map(changed.map((row) => [key(row), row]));
  const merged = rows.map((row) => {
    const replacement = fresh.get(key(row));
    fresh.delete(key(row));
    return replacement ?? row;
  });
  return [...merged, ...fresh.values()];
}
