import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The offline cache's signing key, derived from the device token: the agent has the token, the
 * server keeps its sha256 (server/auth/devices.ts), so both derive the same key and no new secret
 * is handed out. The signature stops anyone without the token from editing the cache on the gate
 * PC's disk (adding their own card); it cannot stop someone who has the token, who could already
 * report taps as this device.
 */
export function offlineCacheKey(tokenSha256Hex: string): Buffer {
  return createHmac("sha256", tokenSha256Hex).update("wanfeng offline cache v1").digest();
}

export function offlineCacheKeyFromToken(token: string): Buffer {
  return offlineCacheKey(createHash("sha256").update(token, "utf8").digest("hex"));
}

export function signOfflineCache(body: string, key: Buffer): string {
  return createHmac("sha256", key).update(body).digest("hex");
}

export function offlineCacheSignatureOk(body: string, signature: string, key: Buffer): boolean {
  const expected = Buffer.from(signOfflineCache(body, key), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
