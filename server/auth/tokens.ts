import { createHash, randomBytes } from "node:crypto";

/** A secret for a cookie or a device: 256 bits, URL-safe so it fits headers and config files. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored only as their sha256, so a copy of wanfeng.json does not log anyone in. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
