import { type Pn532Options, Pn532OptionsSchema } from "../../../common/profiles/pn532-options";
import { Pn532Driver } from "../../../gate-agent/drivers/pn532/driver";
import type { DriverContext } from "../../../gate-agent/drivers/types";

/** A PN532 driver on a fake DriverContext that records what it writes, reads and rejects. */

export const OPTIONS = Pn532OptionsSchema.parse({
  pollIntervalMs: 100,
  pollTimeoutMs: 1000,
  replyTimeoutMs: 200,
  retries: 3,
  healthCheckMs: 0,
});

export interface Harness {
  driver: Pn532Driver;
  writes: string[];
  reads: { cardId: string; rawHex: string }[];
  rejects: { reason: string; rawHex: string; why: string }[];
  junk: () => number;
  /** Chip bytes to the driver. */
  chip: (...frames: Buffer[]) => void;
}

export function harness(options: Partial<Pn532Options> = {}, wire?: (bytes: Buffer) => void): Harness {
  const writes: string[] = [];
  const reads: Harness["reads"] = [];
  const rejects: Harness["rejects"] = [];
  let junk = 0;
  const ctx: DriverContext = {
    readerId: "test",
    write: async (bytes) => {
      writes.push(bytes.toString("hex"));
      wire?.(bytes);
    },
    read: (reading, rawHex) => {
      if (reading.kind === "card") reads.push({ cardId: reading.cardId, rawHex });
    },
    reject: (reason, rawHex, why) => rejects.push({ reason, rawHex, why }),
    junk: (count) => {
      junk += count;
    },
    now: () => Date.now(),
  };
  const driver = new Pn532Driver({ ...OPTIONS, ...options }, ctx);
  return {
    driver,
    writes,
    reads,
    rejects,
    junk: () => junk,
    chip: (...frames) => {
      for (const f of frames) driver.onData(f);
    },
  };
}
