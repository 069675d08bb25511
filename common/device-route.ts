import { createHash } from "node:crypto";

/**
 * A server process that serves several schools must know a gate agent's school before socket.io
 * reads the token (in the connect packet, after the transport is up). The agent sends this header
 * with every socket request: a digest of its token's sha256, which the server keeps, so the
 * server can match it without a new secret, and which says nothing about the token or its hash.
 */
export const DEVICE_ROUTE_HEADER = "x-wanfeng-device";

export function deviceRoute(tokenSha256Hex: string): string {
  return createHash("sha256").update(`wanfeng device route v1 ${tokenSha256Hex}`).digest("hex").slice(0, 32);
}

export function deviceRouteFromToken(token: string): string {
  return deviceRoute(createHash("sha256").update(token, "utf8").digest("hex"));
}
