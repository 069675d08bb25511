import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../server/auth/password";
import { newSecretToken, sha256Hex } from "../../server/auth/tokens";

describe("password hashing", () => {
  it("encodes scrypt parameters, salt and key, and verifies", async () => {
    const hash = await hashPassword("晚风-secret-1");
    const parts = hash.split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", "32768", "8", "1"]);
    expect(Buffer.from(parts[4] ?? "", "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5] ?? "", "base64")).toHaveLength(32);
    expect(await verifyPassword("晚风-secret-1", hash)).toBe(true);
    expect(await verifyPassword("晚风-secret-2", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("answers logins that arrive together each with its own result (derivations take turns)", async () => {
    const hash = await hashPassword("晚风-secret-1");
    const answers = await Promise.all([
      verifyPassword("晚风-secret-1", hash),
      verifyPassword("wrong", hash),
      verifyPassword("晚风-secret-1", "scrypt$1000$8$1$abc$def"),
      verifyPassword("晚风-secret-1", hash),
    ]);
    expect(answers).toEqual([true, false, false, true]);
  });

  it("returns false, not an error, for malformed hashes", async () => {
    const good = await hashPassword("password1");
    const [, n, r, p, salt, key] = good.split("$");
    const malformed = [
      "",
      "plain",
      "bcrypt$10$abc",
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${key}`, // absurd cost
      `scrypt$${n}$${r}$${p}$!!!$${key}`,
      `scrypt$${n}$x$${p}$${salt}$${key}`,
    ];
    for (const hash of malformed) expect(await verifyPassword("password1", hash)).toBe(false);
  });
});

describe("tokens", () => {
  it("makes 32-byte base64url secrets, all different", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newSecretToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("hashes with sha256 as hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
