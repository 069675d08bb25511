import { z } from "zod";

/** What a device is and what its readers send the server (socket `tap:report`). */

export const DEVICE_KINDS = ["gate", "room"] as const;
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

const isoTime = z.iso.datetime({ offset: true });
/** An agent clock off by more than a week is broken; its taps are refused, not corrected. */
const MAX_OFFSET_MS = 7 * 24 * 3600_000;
const id = z.string().min(1).max(64);

export const ReadingSchema = z.discriminatedUnion("kind", [
  /** A card, already normalised to its canonical id by the agent's decoder. */
  z.object({ kind: z.literal("card"), cardId: z.string().min(1).max(64) }),
  /** A scanned code (QR pass, barcode). */
  z.object({ kind: z.literal("code"), text: z.string().min(1).max(2048) }),
]);
export type Reading = z.infer<typeof ReadingSchema>;

export const TapReportSchema = z.object({
  /** Made by the agent when the tap happens; a re-delivered tap keeps its id and is applied once. */
  id: z.uuid(),
  readerId: id,
  /** When the tap happened, by the agent's clock. */
  at: isoTime,
  reading: ReadingSchema,
  /**
   * Server clock minus agent clock, in ms, as the agent last measured it (from the server's time in
   * its acknowledgements); the server adds it to `at`. Left out until the agent has measured one.
   */
  clockOffsetMs: z.number().int().min(-MAX_OFFSET_MS).max(MAX_OFFSET_MS).optional(),
  /** Taken while the server was unreachable: what the gate answered from its offline cache. */
  offline: z.object({ answer: z.enum(["accept", "refuse"]) }).optional(),
  /** The frame as the reader sent it, hex, for the technician's console and the record. */
  rawHex: z
    .string()
    .regex(/^[0-9a-f]*$/i)
    .max(4096)
    .optional(),
});
export type TapReport = z.infer<typeof TapReportSchema>;
