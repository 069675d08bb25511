import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from "../domain/entities";

/**
 * The text in a pass's QR code: `WF1.<passId>.<expiry YYYYMMDD>.<signature>`.
 *
 * The signature is HMAC-SHA256 with the school's pass key over `WF1.<passId>.<validFrom>.<validTo>`,
 * truncated to 128 bits and written in base64url (22 characters). It binds the id and both dates,
 * so a changed id or date no longer matches; the expiry in clear is only for people reading it.
 * The whole token stays short (about 45 characters) so the QR code is coarse and scans from paper
 * or a phone screen at a distance.
 */

const VERSION = "WF1";
const SIGNATURE_BYTES = 16;
const TOKEN_PATTERN = /^WF1\.([a-z0-9]{8,32})\.(\d{8})\.([A-Za-z0-9_-]{22})$/;

export interface SignedDates {
  id: string;
  validFrom: string;
  validTo: string;
}

export interface ParsedToken {
  passId: string;
  /** YYYY-MM-DD */
  expiry: string;
  signature: Buffer;
}

/** 32 random bytes, base64url: the key lives in the roster document only. */
export function newPassKey(): string {
  return randomBytes(32).toString("base64url");
}

/** 60 random bits in lower-case base32: short in the QR code, never guessed. */
export function newPassId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let out = "";
  for (let i = 0; i < 12; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function newShortCode(taken: ReadonlySet<string>): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < SHORT_CODE_LENGTH; i++)
      code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
    if (!taken.has(code)) return code;
  }
}

/** What a guard typed → the stored form: upper case, without spaces and dashes. */
export function normalizeShortCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/** The short code as printed: `ABCD-EFGH`, easier to read aloud and to type. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function signature(key: string, pass: SignedDates): Buffer {
  return createHmac("sha256", Buffer.from(key, "base64url"))
    .update(`${VERSION}.${pass.id}.${pass.validFrom}.${pass.validTo}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES);
}

export function passToken(key: string, pass: SignedDates): string {
  const expiry = pass.validTo.replaceAll("-", "");
  return `${VERSION}.${pass.id}.${expiry}.${signature(key, pass).toString("base64url")}`;
}

export function isTokenLike(text: string): boolean {
  return text.trim().startsWith(`${VERSION}.`);
}

export function parseToken(text: string): ParsedToken | undefined {
  const match = TOKEN_PATTERN.exec(text.trim());
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const d = match[2];
  const signature = Buffer.from(match[3], "base64url");
  // The 22nd character carries 4 unused bits: only the canonical spelling is the signed token.
  if (signature.toString("base64url") !== match[3]) return undefined;
  return { passId: match[1], expiry: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, signature };
}

/** Constant-time comparison of the signature; the expiry in clear must match the signed one. */
export function tokenMatches(key: string, pass: SignedDates, token: ParsedToken): boolean {
  const expected = signature(key, pass);
  const sameSignature =
    token.signature.length === expected.length && timingSafeEqual(token.signature, expected);
  return sameSignature && token.expiry === pass.validTo;
}
