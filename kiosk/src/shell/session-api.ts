import type { Ack, WireError } from "../../../protocol/errors";
import type { GroupSummary, SessionUser } from "../../../protocol/model";

/** HTTP helpers for the few calls that are not on the socket. Every answer is an Ack. */

export async function call<T>(method: string, url: string, body?: unknown): Promise<Ack<T>> {
  let response: Response;
  try {
    const init: RequestInit = { method, credentials: "same-origin", headers: { accept: "application/json" } };
    if (body !== undefined) {
      init.headers = { accept: "application/json", "content-type": "application/json" };
      init.body = JSON.stringify(body);
    }
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

export function getSession(): Promise<Ack<SessionUser>> {
  return call<SessionUser>("GET", "/api/session");
}

export function login(username: string, password: string): Promise<Ack<SessionUser>> {
  return call<SessionUser>("POST", "/api/session", { username, password });
}

export function logout(): Promise<Ack<undefined>> {
  return call<undefined>("DELETE", "/api/session");
}

export function getGroups(): Promise<Ack<GroupSummary[]>> {
  return call<GroupSummary[]>("GET", "/api/groups");
}
