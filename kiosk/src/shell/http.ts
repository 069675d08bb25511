import type { Ack, WireError } from "../../../protocol/errors";

/**
 * The kiosk's one HTTP helper, for the calls that are not on the socket. Every answer is an Ack:
 * a network failure comes back as INTERNAL "OFFLINE", an answer that is not an Ack as INTERNAL
 * "HTTP <status>", never a throw. A Blob body (a roster file, a photo) is sent as it is; any other
 * body as JSON.
 */
export async function call<T>(method: string, url: string, body?: unknown): Promise<Ack<T>> {
  // The server refuses writes without JSON or this header (server/http/same-origin.ts).
  const base = { accept: "application/json", "x-wanfeng-request": "1" };
  const init: RequestInit = { method, credentials: "same-origin", headers: base };
  if (body instanceof Blob) {
    init.body = body;
    init.headers = { ...base, "content-type": body.type || "application/octet-stream" };
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...base, "content-type": "application/json" };
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    return { error: { code: "INTERNAL", message: "OFFLINE" } };
  }
  if (response.status === 204) return { data: undefined as T };
  const parsed: unknown = await response.json().catch(() => undefined);
  if (isAck<T>(parsed)) return parsed;
  return { error: { code: "INTERNAL", message: `HTTP ${response.status}` } };
}

function isAck<T>(value: unknown): value is Ack<T> {
  if (typeof value !== "object" || value === null) return false;
  if ("data" in value) return true;
  if (!("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error;
}

/** Network failure is reported with message "OFFLINE" so the screen can say so. */
export function isOffline(error: WireError): boolean {
  return error.message === "OFFLINE";
}
