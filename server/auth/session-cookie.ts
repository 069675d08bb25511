import { parse, serialize } from "cookie";

export const SESSION_COOKIE = "wf_session";
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return parse(header)[SESSION_COOKIE] || undefined;
}

/**
 * HttpOnly so page scripts never see it; SameSite=Strict so other sites cannot ride on it; Secure
 * when the login came over HTTPS, so the browser never sends it in clear.
 */
export function sessionCookie(token: string, secure = false): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export function clearedSessionCookie(secure = false): string {
  return serialize(SESSION_COOKIE, "", { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: 0 });
}
