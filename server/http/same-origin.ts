import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { createLogger } from "../../common/log";
import { sendError } from "./errors";

const log = createLogger("same-origin");

/** The header the kiosk sends on every API call: a page of another origin cannot add it without CORS. */
export const REQUEST_HEADER = "x-wanfeng-request";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Bodies a plain HTML form or a no-cors fetch can send without asking the server first. */
const FORM_TYPES = new Set(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]);
/** What a browser says about where a request comes from (Fetch Metadata); anything else is refused. */
const OWN_FETCH_SITES = new Set(["same-origin", "none"]);

/**
 * Why a request may not have come from one of our own pages, or undefined when it may have. A
 * browser names the page's origin (`Origin`, `Sec-Fetch-Site`); it must be this server's host.
 * Another port of the same host is the same *site*, so SameSite cookies do not stop it: this does.
 * Clients that are not browsers (agents, scripts) send neither header and carry their own secret.
 */
export function foreignOrigin(
  headers: IncomingMessage["headers"],
  host: string | undefined,
): string | undefined {
  const origin = headers.origin;
  if (origin !== undefined) {
    if (host === undefined) return "no Host header";
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return "unreadable Origin";
    }
    if (originHost.toLowerCase() !== host.toLowerCase()) return `Origin ${origin} is not ${host}`;
  }
  const site = headers["sec-fetch-site"];
  if (typeof site === "string" && !OWN_FETCH_SITES.has(site)) return `Sec-Fetch-Site ${site}`;
  return undefined;
}

/**
 * Every state-changing request comes from our own origin. A POST must also be JSON, a file type
 * no form can send, or carry the kiosk's explicit header: a form or no-cors POST (text/plain, no
 * body) is refused. PUT and DELETE cannot leave another origin without a CORS preflight, which
 * this server never grants.
 */
export function sameOriginWrites(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) {
    next();
    return;
  }
  // Express's req.host honours X-Forwarded-Host only when `trust proxy` is on (--trust-proxy).
  const foreign = foreignOrigin(req.headers, req.host);
  const type = (req.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const explicit = req.method !== "POST" || req.get(REQUEST_HEADER) !== undefined;
  const reason =
    foreign ?? (explicit || (type !== "" && !FORM_TYPES.has(type)) ? undefined : "form-like body");
  if (reason === undefined) {
    next();
    return;
  }
  log.warn({ method: req.method, path: req.path, reason, ip: req.ip }, "cross-origin write refused");
  sendError(res, "AUTH_FORBIDDEN", "request refused: not from this server's own pages");
}

type AllowRequest = (
  req: IncomingMessage,
  callback: (err: string | null | undefined, ok: boolean) => void,
) => void;

/** socket.io's `allowRequest`: a browser's handshake must come from a page of this server. */
export function allowOwnOrigin(trustProxy: boolean): AllowRequest {
  return (req, callback) => {
    const forwarded = trustProxy ? req.headers["x-forwarded-host"] : undefined;
    const host = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : req.headers.host;
    const foreign = foreignOrigin(req.headers, host);
    if (foreign !== undefined) {
      log.warn({ reason: foreign, url: req.url }, "cross-origin socket refused");
      callback("cross-origin connection refused", false);
      return;
    }
    callback(null, true);
  };
}
