import type { ErrorCode } from "../../protocol";

/** A socket.io middleware refusal whose code the client can read from `err.data.code`. */
export function connectError(code: ErrorCode): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(code), { data: { code } });
}
