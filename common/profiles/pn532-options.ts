import { z } from "zod";

/**
 * `driver.options` of a PN532 profile (the driver is gate-agent/drivers/pn532/); schema.ts plugs
 * it into the DriverSchema.
 */
export const Pn532OptionsSchema = z.strictObject({
  /** Pause between one poll's end (card read, or aborted) and the next InListPassiveTarget. */
  pollIntervalMs: z.int().min(0).max(10_000).default(100),
  /**
   * How long one InListPassiveTarget may wait for a card before it is aborted (ACK) and sent
   * again. The chip answers at once when a card arrives, so this only bounds how long a dead
   * link goes unnoticed.
   */
  pollTimeoutMs: z.int().min(50).max(60_000).default(1_000),
  /** Wait for an ACK, and for the replies of set-up commands, before counting a failure. */
  replyTimeoutMs: z.int().min(10).max(10_000).default(500),
  /** Consecutive failures (no answer, bad frame, NACK) before the set-up runs again. */
  retries: z.int().min(1).max(20).default(3),
  /** GetFirmwareVersion between polls this often, to notice a chip that reset; 0 = never. */
  healthCheckMs: z.int().min(0).max(3_600_000).default(30_000),
});
export type Pn532Options = z.infer<typeof Pn532OptionsSchema>;
