import type { ChildStatus } from "../../protocol/child-day";

/**
 * One child's day so far, derived from the journal. Apart from day-state.ts so the gate's and the
 * room's parts of the state can read a child's day while day-state.ts folds them in.
 */
export interface ChildDay {
  status: ChildStatus;
  checkedInAt?: string;
  requestedAt?: string;
  requestedByGuardianId?: string;
  requestDeviceId?: string;
  /** Set when a delegate with a pass asked for the child instead of a guardian's card. */
  requestPassId?: string;
  requestDelegateName?: string;
  requestDelegateRelation?: string;
  releasedAt?: string;
  collectedAt?: string;
  leaveReason?: string;
  /** The roster leave (请假) that put the child on leave, when it came from the care room. */
  leaveId?: string;
}

export const EXPECTED: ChildDay = Object.freeze({ status: "expected" }) as ChildDay;

export function childDay(state: { children: ReadonlyMap<string, ChildDay> }, childId: string): ChildDay {
  return state.children.get(childId) ?? EXPECTED;
}
