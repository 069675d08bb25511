import { z } from "zod";

/**
 * What a gate agent needs to answer a tap alone while the server is unreachable (server →
 * agent `device:cache`, kept on the agent's disk). No names: card ids, whether each card is
 * usable, and for a guardian's card how many children in care today it may collect. Signed with
 * HMAC-SHA256 under a key derived from the device token (common/offline-cache-key.ts).
 */

const isoTime = z.iso.datetime({ offset: true });

export const OfflineCardSchema = z.object({
  cardId: z.string().min(1).max(64),
  holder: z.enum(["guardian", "child", "staff"]),
  /** False for a lost or revoked card. */
  active: z.boolean(),
  /** For a guardian: children in care on `day` this card may collect (not barred). */
  children: z.number().int().min(0),
});
export type OfflineCard = z.infer<typeof OfflineCardSchema>;

export const OfflineCacheSchema = z.object({
  deviceId: z.string().min(1).max(128),
  /** The school day (YYYY-MM-DD) the cache is valid for. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  issuedAt: isoTime,
  cards: z.array(OfflineCardSchema).max(100_000),
});
export type OfflineCache = z.infer<typeof OfflineCacheSchema>;

export const SignedOfflineCacheSchema = z.object({
  cache: OfflineCacheSchema,
  /** Hex HMAC-SHA256 of JSON.stringify(cache) as sent. */
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SignedOfflineCache = z.infer<typeof SignedOfflineCacheSchema>;

/** What the gate answered a tap taken while the server was away. */
export const OfflineAnswerSchema = z.enum(["accept", "refuse"]);
export type OfflineAnswer = z.infer<typeof OfflineAnswerSchema>;
