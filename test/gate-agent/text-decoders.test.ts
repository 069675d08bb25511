import { describe, expect, it } from "vitest";
import { W26_FORMS } from "../../common/profiles/decoder-options";
import { decodeCodeText } from "../../gate-agent/decoding/code-text";
import { checkParity, decodeW26Text, withParity } from "../../gate-agent/decoding/w26-text";
import { normaliseCardNumber } from "../../protocol/card-number";

const bytes = (s: string) => Buffer.from(s, "utf8");
const strip = { aimIds: "strip" as const };

function reasonOf(result: ReturnType<typeof decodeCodeText>): string | undefined {
  return "error" in result ? result.error.reason : undefined;
}

describe("code-text decoder", () => {
  it.each([
    ["]Q1WF-PASS-1234", "WF-PASS-1234"],
    ["]Q3(01)09501101530003", "(01)09501101530003"],
    ["]C0ABC-123", "ABC-123"],
    ["]E09787115020002", "9787115020002"],
    ["]d1WF-PASS-5", "WF-PASS-5"],
    ["WF-PASS-1234", "WF-PASS-1234"],
    ["接送卡 7", "接送卡 7"],
  ])("strips the AIM id of %s", (input, text) => {
    expect(decodeCodeText(bytes(input), strip)).toEqual({ reading: { kind: "code", text } });
  });

  it("keeps the AIM id when asked", () => {
    expect(decodeCodeText(bytes("]Q1WF"), { aimIds: "keep" })).toEqual({
      reading: { kind: "code", text: "]Q1WF" },
    });
  });

  it("keeps GS1 separators (GS) inside the code", () => {
    const result = decodeCodeText(bytes("]Q3010950110153000317\x1d10ABC"), strip);
    expect(result).toEqual({ reading: { kind: "code", text: "010950110153000317\x1d10ABC" } });
  });

  it("refuses symbologies outside allowedAims, and codes without an AIM id then", () => {
    const options = { aimIds: "strip" as const, allowedAims: ["]Q1", "]Q3"] };
    expect(decodeCodeText(bytes("]Q1WF-PASS-1"), options)).toEqual({
      reading: { kind: "code", text: "WF-PASS-1" },
    });
    expect(reasonOf(decodeCodeText(bytes("]E09787115020002"), options))).toBe("aim_not_allowed");
    expect(reasonOf(decodeCodeText(bytes("WF-PASS-1"), options))).toBe("aim_not_allowed");
  });

  it("refuses bytes that are not UTF-8 text, control characters, empty codes and huge ones", () => {
    expect(reasonOf(decodeCodeText(Buffer.from([0x57, 0xff, 0xfe]), strip))).toBe("not_utf8");
    expect(reasonOf(decodeCodeText(bytes("WF\x00PASS"), strip))).toBe("not_text");
    expect(reasonOf(decodeCodeText(bytes("]Q1"), strip))).toBe("empty");
    expect(reasonOf(decodeCodeText(bytes(""), strip))).toBe("empty");
    expect(reasonOf(decodeCodeText(bytes("x".repeat(2049)), strip))).toBe("too_long");
  });

  it("drops a UTF-8 byte order mark", () => {
    expect(decodeCodeText(bytes("\uFEFF]Q1WF"), strip)).toEqual({ reading: { kind: "code", text: "WF" } });
  });
});

describe("w26-text decoder", () => {
  const all = { forms: [...W26_FORMS] };
  const printed = normaliseCardNumber("099,59822");

  it.each(["099,59822", "099-59822", "099 59822", " 99 , 59822 ", "02C7D35C", "02c7d35c", "0006547886"])(
    "reads %s as the card printed 099,59822",
    (line) => {
      expect(decodeW26Text(bytes(line), all)).toEqual({ reading: { kind: "card", cardId: printed } });
    },
  );

  it("gives the same id as the EM4100 reader for a card whose top byte is zero", () => {
    expect(printed).toBe("0006547886");
    expect(normaliseCardNumber("010063E9AE")).toBe(printed);
  });

  it("builds the raw 26 bits with both parity bits (HID H10301 layout)", () => {
    expect(withParity(0x63e9ae)).toBe(0x2c7d35c);
    expect(withParity(0)).toBe(0x1);
    expect(withParity(0xffffff)).toBe(0x1ffffff);
    for (const data24 of [0, 1, 0x800, 0x1000, 0x63e9ae, 0xabcdef, 0xffffff]) {
      expect(checkParity(withParity(data24))).toEqual({ data24 });
    }
  });

  it("refuses raw bits with a wrong parity bit", () => {
    const good = 0x2c7d35c;
    for (const [flip, which] of [
      [1 << 25, "even"],
      [1, "odd"],
      [(1 << 25) | 1, "both"],
      [1 << 5, "odd"],
      [1 << 20, "even"],
    ] as const) {
      const line = (good ^ flip).toString(16).padStart(8, "0");
      const result = decodeW26Text(bytes(line), all);
      expect(result).toMatchObject({ error: { reason: "bad_parity" } });
      expect("error" in result && result.error.why).toContain(which);
    }
  });

  it("refuses numbers W26 cannot carry", () => {
    expect(decodeW26Text(bytes("256,00001"), all)).toMatchObject({ error: { reason: "out_of_range" } });
    expect(decodeW26Text(bytes("099,65536"), all)).toMatchObject({ error: { reason: "out_of_range" } });
    expect(decodeW26Text(bytes("0016777216"), all)).toMatchObject({ error: { reason: "out_of_range" } });
    expect(decodeW26Text(bytes("0FFFFFFF"), all)).toMatchObject({ error: { reason: "out_of_range" } });
  });

  it("refuses other text and forms the profile does not list", () => {
    for (const line of ["", "hello", "99,", "1234567", "099;59822", "0x02C7D35C"]) {
      expect(decodeW26Text(bytes(line), all)).toMatchObject({ error: { reason: "not_w26" } });
    }
    const onlyPrinted = { forms: ["facility-number" as const] };
    expect(decodeW26Text(bytes("02C7D35C"), onlyPrinted)).toMatchObject({ error: { reason: "not_w26" } });
  });
});
