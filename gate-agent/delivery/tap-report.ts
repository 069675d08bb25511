import { randomUUID } from "node:crypto";
import type { TapReport } from "../../protocol/devices";
import type { ReaderReading } from "../reader/pipeline";

/** A reading becomes a report with its own id, kept through every retry so the server applies it once. */
export function toTapReport(reading: ReaderReading, newId: () => string = randomUUID): TapReport {
  return {
    id: newId(),
    readerId: reading.readerId,
    at: reading.at,
    reading: reading.reading,
    ...(reading.rawHex === "" ? {} : { rawHex: reading.rawHex }),
  };
}
