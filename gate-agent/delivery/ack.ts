import { type Ack, ERROR_CODES } from "../../protocol/errors";
import type { TapOutcome } from "../../protocol/model";

/** The acknowledgement comes off the network: check its shape before trusting it. */
export function readAck(value: unknown): Ack<TapOutcome> | undefined {
  if (!isRecord(value)) return undefined;
  const { data, error } = value;
  if (isRecord(data) && typeof data.tapId === "string" && typeof data.duplicate === "boolean") {
    const result = data.result;
    if (isRecord(result) && typeof result.kind === "string") {
      return {
        data: { tapId: data.tapId, duplicate: data.duplicate, result: result as TapOutcome["result"] },
      };
    }
  }
  if (isRecord(error) && typeof error.code === "string" && typeof error.message === "string") {
    const code = ERROR_CODES.find((c) => c === error.code) ?? "INTERNAL";
    return { error: { code, message: error.message } };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
