import { z } from "zod";
import type { ChildDayView } from "./child-day";

/**
 * The guard's search box: any child of the school by name, student number, class or group, with
 * where the child is today and who may collect them. Answered only to the gate's own screens.
 */
export const GateSearchSchema = z.object({ query: z.string().trim().min(1).max(40) });

export interface GateSearchHit {
  child: ChildDayView;
  /** In care today (enrolled or kept for special care). */
  inCareToday: boolean;
  /** The adults on the roster who may collect the child, with their relation. */
  mayCollect: { name: string; relation: string }[];
}

/** At most this many children per answer: the guard types more to narrow it down. */
export const GATE_SEARCH_LIMIT = 20;
