import { describe, expect, it } from "vitest";
import { decodeEm4100AsciiHex } from "../../gate-agent/decoding";
import { CARD_A, CARD_B } from "./helpers/frames";

const xor = { checksum: "xor" } as const;
const payload = (text: string) => Buffer.from(text, "latin1");

describe("em4100-ascii-hex decoder", () => {
  it("decodes the hardware.md example 01 00 07 34 E0 / D2", () => {
    expect(decodeEm4100AsciiHex(payload(CARD_A.digits), xor)).toEqual({
      reading: { kind: "card", cardId: CARD_A.cardId },
    });
  });

  it("gives the printed 10-digit number for 010063E9AE", () => {
    expect(decodeEm4100AsciiHex(payload(CARD_B.digits), xor)).toEqual({
      reading: { kind: "card", cardId: "0006547886" },
    });
  });

  it("accepts lower-case hex digits", () => {
    expect(decodeEm4100AsciiHex(payload("01000734e0d2"), xor)).toEqual({
      reading: { kind: "card", cardId: CARD_A.cardId },
    });
  });

  it("rejects a bad checksum and says why", () => {
    const result = decodeEm4100AsciiHex(payload("01000734E0D3"), xor);
    expect(result).toEqual({ error: { reason: "bad_checksum", why: "checksum D3 but data XOR is D2" } });
  });

  it("rejects non-hex characters", () => {
    expect(decodeEm4100AsciiHex(payload("01000734G0D2"), xor)).toMatchObject({
      error: { reason: "not_hex" },
    });
    expect(decodeEm4100AsciiHex(payload("01000734 0D2"), xor)).toMatchObject({
      error: { reason: "not_hex" },
    });
  });

  it("rejects a payload of the wrong length", () => {
    expect(decodeEm4100AsciiHex(payload("01000734E0"), xor)).toMatchObject({
      error: { reason: "wrong_length" },
    });
  });

  it("reads 10 digits with no checksum when the profile says so", () => {
    expect(decodeEm4100AsciiHex(payload("01000734E0"), { checksum: "none" })).toEqual({
      reading: { kind: "card", cardId: CARD_A.cardId },
    });
  });
});
