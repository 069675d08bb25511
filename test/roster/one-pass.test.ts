import { describe, expect, it } from "vitest";
import { isWanfengError } from "../../protocol";
import { copyRosterParts } from "../../server/roster/apply-roster";
import { readRecords } from "../../server/roster/csv-import";
import { isChinesePhone, normalisePhone } from "../../server/roster/fields";
import { mergeInOnePass } from "../../server/roster/one-pass";
import type { RosterProblem } from "../../server/roster/roster-row";
import { smallSchool } from "../domain/fixtures";

const HEADER = "学号,姓名,年级,班级,托管班,教室,学生卡号,家长姓名,关系,电话,家长卡号";

function problemsOf(...lines: string[]): RosterProblem[] {
  try {
    mergeInOnePass(copyRosterParts(smallSchool()), readRecords([HEADER, ...lines].join("\n")));
  } catch (err) {
    if (isWanfengError(err) && err.code === "IMPORT_BAD_ROW") return err.details?.problems as RosterProblem[];
    throw err;
  }
  return [];
}

describe("an import lists every problem in one pass (issue 11, deliverable 5)", () => {
  it("an empty name, a card given twice in the file, a card of the school's and a 9-digit phone, together", () => {
    const problems = problemsOf(
      "20250201,,1,1班,一二年级,101,,王妈妈,妈妈,13900007777,",
      "20250202,赵一,1,1班,一二年级,101,0000000031,赵妈妈,妈妈,13900008888,",
      "20250203,钱二,1,1班,一二年级,101,0000000031,钱妈妈,妈妈,13900009999,",
      "20250204,孙三,1,1班,一二年级,101,0000000011,孙妈妈,妈妈,139000099,",
    );
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "姓名"],
      [4, "学生卡号"],
      [5, "电话"],
      [5, "学生卡号"],
    ]);
    expect(problems[2]?.message).toMatch(/not a Chinese mobile/);
    expect(problems[3]?.message).toMatch(/张小明/);
  });

  it("a clean file merges and says what it added", () => {
    expect(problemsOf("20250201,王新,1,1班,一二年级,101,,王妈妈,妈妈,010-6543 2100,")).toEqual([]);
  });
});

describe("phone numbers are Chinese mobile or landline numbers", () => {
  it.each(["13900001111", "+8613900001111", "010-12345678", "0755 1234567", "(021)87654321", "88881234"])(
    "accepts %s",
    (phone) => expect(normalisePhone(phone).ok).toBe(true),
  );
  it.each(["139000011", "1390000111122", "12345", "11900001111", "0101234567890"])("refuses %s", (phone) =>
    expect(normalisePhone(phone).ok).toBe(false),
  );
  it("keeps the digits as typed, so one phone matches itself", () => {
    expect(isChinesePhone("13900001111")).toBe(true);
    expect(normalisePhone("139 0000 1111")).toEqual({ ok: true, phone: "13900001111" });
  });
});
