import { randomUUID } from "node:crypto";
import { normaliseCardNumber } from "../../protocol/card-number";
import type { Reading, TapReport } from "../../protocol/devices";
import { ERROR_CODES, WanfengError } from "../../protocol/errors";
import type { TapOutcome } from "../../protocol/model";
import { type DeliveryEvent, type DeliveryStats, TapSender, type TapSenderOptions } from "./sender";

export const SIMULATED_READER_ID = "simulator";

export interface TapClient {
  /**
   * Sends one reading as if a reader had produced it now and resolves with the server's outcome,
   * retrying meanwhile. Card numbers may be in any printed form. Rejects with VALIDATION_FAILED
   * when the server refuses the report.
   */
  send(reading: Reading, readerId?: string): Promise<TapOutcome>;
  stats(): DeliveryStats;
  close(): Promise<void>;
}

/** Readings without a serial port: for the demo script and `wanfeng tap`. */
export function createTapSender(options: TapSenderOptions): TapClient {
  const sender = new TapSender(options);
  const waiting = new Map<string, { resolve: (o: TapOutcome) => void; reject: (e: Error) => void }>();
  sender.subscribe((event: DeliveryEvent) => {
    if (event.type === "tap:acked") waiting.get(event.report.id)?.resolve(event.outcome);
    if (event.type === "tap:dropped") {
      waiting.get(event.report.id)?.reject(new WanfengError(event.error.code, event.error.message));
    }
    if (event.type === "tap:acked" || event.type === "tap:dropped") waiting.delete(event.report.id);
  });
  return {
    async send(reading, readerId = SIMULATED_READER_ID) {
      const report: TapReport = {
        id: randomUUID(),
        readerId,
        at: new Date().toISOString(),
        reading:
          reading.kind === "card" ? { kind: "card", cardId: normaliseCardNumber(reading.cardId) } : reading,
      };
      const outcome = new Promise<TapOutcome>((resolve, reject) =>
        waiting.set(report.id, { resolve, reject }),
      );
      await sender.enqueue(report);
      return outcome;
    },
    stats: () => sender.stats(),
    close: () => sender.close(),
  };
}

export interface SendOneTapOptions {
  serverUrl: string;
  token: string;
  cardNumber: string;
  readerId?: string;
  /** Give up after this long (unreachable server); default 15 s. */
  timeoutMs?: number;
}

/** One simulated card tap: connect, send, wait for the acknowledgement, disconnect. */
export async function sendOneTap(options: SendOneTapOptions): Promise<TapOutcome> {
  const cardId = normaliseCardNumber(options.cardNumber);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let refused: (err: WanfengError) => void = () => {};
  const refusal = new Promise<never>((_, reject) => {
    refused = reject;
  });
  const client = createTapSender({
    serverUrl: options.serverUrl,
    token: options.token,
    onEvent: (event) => {
      if (event.type === "server:refused") {
        const code =
          ERROR_CODES.find((c) => c === event.code) ??
          (event.code.startsWith("AUTH") ? "AUTH_BAD_TOKEN" : "INTERNAL");
        refused(new WanfengError(code, `server refused the connection: ${event.code} ${event.message}`));
      }
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new WanfengError("INTERNAL", `no acknowledgement from ${options.serverUrl} within ${timeoutMs} ms`),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([client.send({ kind: "card", cardId }, options.readerId), refusal, timeout]);
  } finally {
    clearTimeout(timer);
    await client.close();
  }
}
