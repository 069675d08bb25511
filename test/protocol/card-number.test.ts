import { describe, expect, it } from "vitest";
import { em4100CardId, isWanfengError, normaliseCardNumber, uidCardId } from "../../protocol";

describe("one card, many spellings", () => {
  // hardware.md: 010063E9AE → low 32 bits 0x0063E9AE → printed 0006547886, W26 099,59822
  it.each([
    ["0006547886", "printed 10-digit decimal"],
    ["010063E9AE", "reader's 10 hex digits"],
    ["010063e9ae", "lower-case hex"],
    ["0x010063E9AE", "explicit hex"],
    ["099,59822", "W26"],
    ["099-59822", "W26 with a dash"],
    [" 000 654 7886 ", "spaces"],
    ["6547886", "decimal without leading zeros"],
  ])("%s (%s) → 0006547886", (input) => {
    expect(normaliseCardNumber(input)).toBe("0006547886");
  });

  it("the reader's bytes give the same id", () => {
    expect(em4100CardId([0x01, 0x00, 0x63, 0xe9, 0xae])).toBe("0006547886");
  });

  it("an all-digit 10-character number is the printed decimal unless it exceeds 32 bits", () => {
    expect(normaliseCardNumber("0100073400")).toBe("0100073400");
    expect(normaliseCardNumber("9900000001")).toBe(em4100CardId([0x99, 0, 0, 0, 1]));
  });

  it("UIDs keep their bytes", () => {
    expect(normaliseCardNumber("uid: 04 a1 b2 c3")).toBe("UID:04A1B2C3");
    expect(uidCardId([4, 0xa1, 0xb2, 0xc3])).toBe("UID:04A1B2C3");
  });

  it.each(["", "hello", "256,1", "12,70000", "uid:123", "0x12345678901"])(
    "rejects %j with a coded error",
    (input) => {
      try {
        normaliseCardNumber(input);
        expect.unreachable();
      } catch (err) {
        expect(isWanfengError(err) && err.code).toBe("CARD_NUMBER_INVALID");
      }
    },
  );
});
