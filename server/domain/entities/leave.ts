import { z } from "zod";
import { LEAVE_CHANNELS, LeaveAskerSchema } from "../../../protocol/room";

/**
 * A leave (请假) in the leave register. The register is the source for future days; each day it covers gets a `leave:recorded` event in that day's journal
 * (today's at once, later days' when the day starts), so the day's record stands on its own.
 */

const id = z.string().min(1).max(64);
const day = z.iso.date();

export const RosterLeaveSchema = z.object({
  id,
  childId: id,
  from: day,
  to: day,
  askedBy: LeaveAskerSchema,
  channel: z.enum(LEAVE_CHANNELS),
  askedAt: z.string(),
  reason: z.string().min(1).max(200),
  recordedAt: z.string(),
  recordedBy: id,
  /** Kept so the record reads the same after the user is renamed or removed. */
  recordedByName: z.string(),
  cancelledAt: z.string().optional(),
  cancelledBy: id.optional(),
  cancelReason: z.string().max(200).optional(),
});
export type RosterLeave = z.infer<typeof RosterLeaveSchema>;
