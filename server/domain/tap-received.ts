import type { TapReport, TapResult } from "../../protocol";
import type { TapReceived } from "./events";

/**
 * The journal's record of one tap and what was decided about it. Every tap is recorded this way,
 * whichever rule decided it (the gate and room table, or a card enrolment), so a replay finds it
 * under its tap id and answers a re-delivery the same.
 */
export function tapReceived(
  report: TapReport,
  deviceId: string,
  day: string,
  at: Date,
  result: TapResult,
  received?: { at: Date; clockOffsetMs: number },
): TapReceived {
  return {
    day,
    at: at.toISOString(),
    actor: { kind: "device", id: deviceId },
    id: report.id,
    type: "tap:received",
    tapId: report.id,
    deviceId,
    readerId: report.readerId,
    tapAt: report.at,
    reading: report.reading,
    ...(report.rawHex === undefined ? {} : { rawHex: report.rawHex }),
    result,
    ...(received === undefined
      ? {}
      : {
          receivedAt: received.at.toISOString(),
          ...(received.clockOffsetMs === 0 ? {} : { clockOffsetMs: received.clockOffsetMs }),
        }),
  };
}
