import { describe, expect, it } from "vitest";
import { decodeFrame } from "../../gate-agent/decoding";
import { decodeDecimalCard } from "../../gate-agent/decoding/decimal-card";
import { decodeUidDecimal } from "../../gate-agent/decoding/uid-decimal";
import { decodeUidHex } from "../../gate-agent/decoding/uid-hex";
import { normaliseCardNumber } from "../../protocol/card-number";

const text = (s: string) => Buffer.from(s, "latin1");
const card = (cardId: string) => ({ reading: { kind: "card", cardId } });
const reason = (r: string) => ({ error: { reason: r, why: expect.any(String) } });

describe("decimal-card decoder", () => {
  const options = { minDigits: 8 };

  it("reads the printed 10-digit number as the canonical EM4100 id", () => {
    expect(decodeDecimalCard(text("0006547886"), options)).toEqual(card("0006547886"));
    // The same card as the RDM6300 and a technician typing the printed number see it.
    expect(normaliseCardNumber("010063E9AE")).toBe("0006547886");
    expect(decodeDecimalCard(text("4294967295"), options)).toEqual(card("4294967295"));
  });

  it("pads shorter readings down to minDigits", () => {
    expect(decodeDecimalCard(text("06547886"), options)).toEqual(card("0006547886"));
    expect(decodeDecimalCard(text("472288"), { minDigits: 1 })).toEqual(card("0000472288"));
  });

  it("refuses non-digits, wrong lengths and numbers over 32 bits", () => {
    expect(decodeDecimalCard(text("00065478A6"), options)).toEqual(reason("not_decimal"));
    expect(decodeDecimalCard(text(" 0006547886"), options)).toEqual(reason("not_decimal"));
    expect(decodeDecimalCard(text(""), options)).toEqual(reason("not_decimal"));
    expect(decodeDecimalCard(text("6547886"), options)).toEqual(reason("wrong_length"));
    expect(decodeDecimalCard(text("00006547886"), options)).toEqual(reason("wrong_length"));
    expect(decodeDecimalCard(text("4294967296"), options)).toEqual(reason("out_of_range"));
  });
});

describe("uid-decimal decoder", () => {
  // UID 04 A2 3B 1C in the chip's order.
  it("reads an msb-first 4-byte UID", () => {
    const options = { byteLength: 4, byteOrder: "msb-first" } as const;
    expect(decodeUidDecimal(text("0077740828"), options)).toEqual(card("UID:04A23B1C"));
    expect(decodeUidDecimal(text("77740828"), options)).toEqual(card("UID:04A23B1C"));
  });

  it("reads an lsb-first 4-byte UID back into the chip's order", () => {
    const options = { byteLength: 4, byteOrder: "lsb-first" } as const;
    expect(decodeUidDecimal(text("0473670148"), options)).toEqual(card("UID:04A23B1C"));
    expect(decodeUidDecimal(text("0000000001"), options)).toEqual(card("UID:01000000"));
  });

  it("reads 7-byte UIDs past Number's exact range", () => {
    // UID 04 11 22 33 44 55 E6 (56 bits).
    const uid = 0x04112233_4455e6n;
    expect(decodeUidDecimal(text(uid.toString()), { byteLength: 7, byteOrder: "msb-first" })).toEqual(
      card("UID:041122334455E6"),
    );
    const reversed = 0xe6554433_221104n;
    expect(decodeUidDecimal(text(reversed.toString()), { byteLength: 7, byteOrder: "lsb-first" })).toEqual(
      card("UID:041122334455E6"),
    );
    expect(decodeUidDecimal(text("72057594037927935"), { byteLength: 7, byteOrder: "msb-first" })).toEqual(
      card("UID:FFFFFFFFFFFFFF"),
    );
  });

  it("refuses non-digits, too many digits and values over the byte length", () => {
    const options = { byteLength: 4, byteOrder: "msb-first" } as const;
    expect(decodeUidDecimal(text("12ab"), options)).toEqual(reason("not_decimal"));
    expect(decodeUidDecimal(text(""), options)).toEqual(reason("not_decimal"));
    expect(decodeUidDecimal(text("00000000001"), options)).toEqual(reason("wrong_length"));
    expect(decodeUidDecimal(text("4294967296"), options)).toEqual(reason("out_of_range"));
    expect(decodeUidDecimal(text("72057594037927936"), { byteLength: 7, byteOrder: "lsb-first" })).toEqual(
      reason("out_of_range"),
    );
  });
});

describe("uid-hex decoder", () => {
  it("reads hex in either byte order, any case, 4, 7 or 10 bytes", () => {
    expect(decodeUidHex(text("04a23b1c"), { byteOrder: "msb-first" })).toEqual(card("UID:04A23B1C"));
    expect(decodeUidHex(text("1C3BA204"), { byteOrder: "lsb-first" })).toEqual(card("UID:04A23B1C"));
    expect(decodeUidHex(text("041122334455E6"), { byteOrder: "msb-first" })).toEqual(
      card("UID:041122334455E6"),
    );
    expect(decodeUidHex(text("00112233445566778899"), { byteOrder: "lsb-first" })).toEqual(
      card("UID:99887766554433221100"),
    );
  });

  it("refuses non-hex and lengths that are no UID size", () => {
    expect(decodeUidHex(text("04A23B1G"), { byteOrder: "msb-first" })).toEqual(reason("not_hex"));
    expect(decodeUidHex(text("04:A2:3B:1C"), { byteOrder: "msb-first" })).toEqual(reason("not_hex"));
    expect(decodeUidHex(text("04A23B1"), { byteOrder: "msb-first" })).toEqual(reason("wrong_length"));
    expect(decodeUidHex(text("04A23B1C00"), { byteOrder: "msb-first" })).toEqual(reason("wrong_length"));
    expect(decodeUidHex(text(""), { byteOrder: "msb-first" })).toEqual(reason("not_hex"));
  });
});

describe("decodeFrame dispatch", () => {
  it("reaches the wedge decoders by kind", () => {
    expect(decodeFrame({ kind: "decimal-card", options: { minDigits: 8 } }, text("0006547886"))).toEqual(
      card("0006547886"),
    );
    expect(
      decodeFrame(
        { kind: "uid-decimal", options: { byteLength: 4, byteOrder: "lsb-first" } },
        text("0473670148"),
      ),
    ).toEqual(card("UID:04A23B1C"));
    expect(decodeFrame({ kind: "uid-hex", options: { byteOrder: "msb-first" } }, text("04A23B1C"))).toEqual(
      card("UID:04A23B1C"),
    );
  });

  it("never throws on arbitrary bytes", () => {
    for (const bytes of [Buffer.from([0xff, 0x00, 0x39]), Buffer.alloc(300, 0x39), Buffer.alloc(0)]) {
      expect(() => decodeDecimalCard(bytes, { minDigits: 8 })).not.toThrow();
      expect(() => decodeUidDecimal(bytes, { byteLength: 7, byteOrder: "msb-first" })).not.toThrow();
      expect(() => decodeUidHex(bytes, { byteOrder: "lsb-first" })).not.toThrow();
    }
  });
});
