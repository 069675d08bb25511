/** RDM6300 frames built from the documented format (hardware.md), for tests. */

export const CARD_A = { digits: "01000734E0D2", cardId: "0000472288" };
export const CARD_B = { digits: "010063E9AE25", cardId: "0006547886" };

export function rdm6300Frame(digits: string): Buffer {
  return Buffer.concat([Buffer.from([0x02]), Buffer.from(digits, "latin1"), Buffer.from([0x03])]);
}

/** Deterministic bytes (xorshift32) so a failing random test can be replayed. */
export function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** An RDM6300 frame for any 32-bit card number, checksum included; cardId as the decoder prints it. */
export function rdm6300Card(n: number): { frame: Buffer; cardId: string } {
  const data = [0x01, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const checksum = data.reduce((a, b) => a ^ b, 0);
  const digits = [...data, checksum].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("");
  return { frame: rdm6300Frame(digits), cardId: String(n >>> 0).padStart(10, "0") };
}
