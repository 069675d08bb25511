import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashes: scrypt, encoded `scrypt$N$r$p$saltB64$keyB64` so the cost can be raised later
 * and old hashes still verify with the parameters they were made with.
 */

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Upper bounds for parameters read from a stored hash, so a tampered hash cannot exhaust memory. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * Derivations run one at a time. Each holds 128·N·r bytes (32 MiB at the cost above) outside the
 * JavaScript heap for its whole run, and libuv runs four at once: two logins arriving together
 * (a kiosk and a guard screen after a power cut) took the server from ~145 to ~210 MB in the
 * bench. Run side by side they gain little anyway: scrypt is bound by memory bandwidth (two
 * parallel derivations took as long as two in a row on the 2-core test machine).
 */
let derivations: Promise<unknown> = Promise.resolve();

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  const run = derivations.then(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize("NFC"), salt, keyLength, options, (err, key) =>
          err ? reject(err) : resolve(key),
        );
      }),
  );
  // A failed derivation must not hold up the ones queued behind it.
  derivations = run.catch(() => undefined);
  return run;
}

/** scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is exactly too small for N=2^15, r=8. */
function options(n: number, r: number, p: number): ScryptOptions {
  return { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, options(N, R, P));
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

/** False for a wrong password and for a hash that cannot be read: a login never throws on data. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (parsed === undefined) return false;
  try {
    const key = await derive(password, parsed.salt, parsed.key.length, options(parsed.n, parsed.r, parsed.p));
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false;
  }
}

interface ParsedHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(encoded: string): ParsedHash | undefined {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [n, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : Number.NaN));
  if (n === undefined || r === undefined || p === undefined) return undefined;
  const isPowerOfTwo = Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
  if (!isPowerOfTwo || n > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return undefined;
  const salt = decodeBase64(parts[4]);
  const key = decodeBase64(parts[5]);
  if (salt === undefined || key === undefined || salt.length < 8 || key.length < 16) return undefined;
  return { n, r, p, salt, key };
}

function decodeBase64(text: string | undefined): Buffer | undefined {
  if (text === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, "base64");
}
