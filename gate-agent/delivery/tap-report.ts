import { randomUUID } from "node:crypto";
import type { TapReport } from "../../protocol/model";
import type { CardReading } from "../reader/pipeline";

/** A reading becomes a report with its own id, kept through every retry so the server applies it once. */
export function toTapReport(reading: CardReading, newId: () => string = randomUUID): TapReport {
  return {
    id: newId(),
    readerId: reading.readerId,
    at: reading.at,
    reading: { kind: "card", cardId: reading.cardId },
    ...(reading.rawHex === "" ? {} : { rawHex: reading.rawHex }),
  };
}
