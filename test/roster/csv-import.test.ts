import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { isWanfengError } from "../../protocol";
import { parseRosterCsv, type RosterProblem } from "../../server/roster/csv-import";

const ENGLISH_HEADER =
  "child_id,child_name,grade,class,group,room,child_card,guardian_name,relation,phone,guardian_card";
const CHINESE_HEADER = "学号,姓名,年级,班级,托管班,教室,学生卡号,家长姓名,关系,电话,家长卡号";

function csv(header: string, ...rows: string[]): string {
  return `${[header, ...rows].join("\n")}\n`;
}

/** The problems of a rejected file, or a failed expectation when it was accepted. */
function problemsOf(input: string | Buffer): RosterProblem[] {
  try {
    parseRosterCsv(input);
  } catch (err) {
    if (isWanfengError(err) && err.code === "IMPORT_BAD_ROW") return err.details?.problems as RosterProblem[];
    throw err;
  }
  throw new Error("expected the roster to be rejected");
}

describe("parseRosterCsv", () => {
  it("reads English headers", () => {
    const rows = parseRosterCsv(
      csv(ENGLISH_HEADER, "20250101,王小明,1,1班,一二年级托管班,101教室,0003012345,李娜,妈妈,139 0000 1111,"),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 2,
      childId: "20250101",
      childName: "王小明",
      grade: 1,
      className: "1班",
      groupName: "一二年级托管班",
      roomName: "101教室",
      childCardId: "0003012345",
      guardianName: "李娜",
      relation: "妈妈",
      phone: "13900001111",
    });
    expect(rows[0]?.guardianCardId).toBeUndefined();
  });

  it("reads Chinese headers, a UTF-8 BOM, Chinese grades and blank lines", () => {
    const text = `\ufeff${csv(
      CHINESE_HEADER,
      "20250101,王小明,一年级,1班,一二年级托管班,101教室,,李娜,妈妈,13900001111,",
      "",
      "20230203,王小红,3年级,2班,三四年级托管班,203教室,,李娜,妈妈,13900001111,",
    )}`;
    const rows = parseRosterCsv(Buffer.from(text, "utf-8"));
    expect(rows.map((r) => [r.line, r.grade])).toEqual([
      [2, 1],
      [4, 3],
    ]);
    expect(rows[0]?.columns?.grade).toBe("年级");
  });

  it("decodes GB18030 bytes as Excel in China saves them, and matches printed and hex forms of one card", async () => {
    const rows = parseRosterCsv(await readFile(new URL("./fixtures/roster-gb18030.csv", import.meta.url)));
    expect(rows.map((r) => r.childName)).toEqual(["王小明", "王小明", "王小红"]);
    expect(rows[0]?.guardianCardId).toBe("0006547886");
    // 010063E9AE is the reader's hex for the card printed 0006547886: the same guardian, no conflict.
    expect(rows[2]?.guardianCardId).toBe("0006547886");
    expect(rows[2]?.grade).toBe(3);
  });

  it("accepts the W26 form of a card", () => {
    const rows = parseRosterCsv(csv(ENGLISH_HEADER, "1,张三,2,1班,A,101,099-59822,李四,爸爸,,"));
    expect(rows[0]?.childCardId).toBe("0006547886");
  });

  it("names row and column of every field problem, in the header's language", () => {
    const problems = problemsOf(
      csv(
        CHINESE_HEADER,
        "20250101,,七年级上,1班,一二年级托管班,101教室,not-a-card,李娜,妈妈,1.39E+10,",
        "20250102,张三,10,1班,一二年级托管班,101教室,,,妈妈,,0x",
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: "姓名" }),
        expect.objectContaining({ row: 2, column: "年级" }),
        expect.objectContaining({ row: 2, column: "学生卡号" }),
        expect.objectContaining({ row: 2, column: "电话", message: expect.stringMatching(/scientific/) }),
        expect.objectContaining({ row: 3, column: "年级" }),
        expect.objectContaining({ row: 3, column: "家长姓名" }),
        expect.objectContaining({ row: 3, column: "家长卡号" }),
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it("puts every problem in the error message", () => {
    expect(() =>
      parseRosterCsv(csv(ENGLISH_HEADER, "1,,1,1班,A,101,,李四,爸爸,,", "2,王五,0,1班,A,101,,李四,爸爸,,")),
    ).toThrow(/row 2, child_name: .*\n.*row 3, grade: /s);
  });

  it("reports missing required columns on the header row", () => {
    const problems = problemsOf(csv("学号,姓名,年级,班级,托管班,家长姓名", "1,张三,1,1班,A,李四"));
    expect(problems).toEqual([
      {
        row: 1,
        column: "教室",
        problem: "missingColumn",
        params: { column: "教室" },
        message: expect.stringContaining("missing"),
      },
      {
        row: 1,
        column: "关系",
        problem: "missingColumn",
        params: { column: "关系" },
        message: expect.stringContaining("missing"),
      },
    ]);
  });

  it("reports a child described differently on two rows", () => {
    const problems = problemsOf(
      csv(
        ENGLISH_HEADER,
        "1,张三,1,1班,A,101,,李四,爸爸,13900000001,",
        "1,张三,2,1班,A,101,,王芳,妈妈,13900000002,",
      ),
    );
    expect(problems).toEqual([
      {
        row: 3,
        column: "grade",
        problem: "childDiffers",
        params: { child: "1", here: "2", there: "1", row: "2" },
        message: expect.stringContaining("row 2"),
      },
    ]);
  });

  it("reports one card given to two people, whatever form it is written in", () => {
    const problems = problemsOf(
      csv(
        ENGLISH_HEADER,
        "1,张三,1,1班,A,101,0006547886,李四,爸爸,13900000001,",
        "2,王五,1,1班,A,101,,赵六,妈妈,13900000002,010063E9AE",
      ),
    );
    expect(problems).toEqual([
      {
        row: 3,
        column: "guardian_card",
        problem: "cardGiven",
        params: expect.objectContaining({ row: "2" }),
        message: expect.stringContaining("张三"),
      },
    ]);
  });

  it("reports one phone used by two guardian names, and a guardian with two cards", () => {
    const problems = problemsOf(
      csv(
        ENGLISH_HEADER,
        "1,张三,1,1班,A,101,,李四,爸爸,13900000001,0000000001",
        "2,张四,1,1班,A,101,,李四,爸爸,13900000001,0000000002",
        "3,张五,1,1班,A,101,,王芳,妈妈,13900000001,",
      ),
    );
    expect(problems).toEqual([
      {
        row: 3,
        column: "guardian_card",
        problem: "guardianCard",
        params: expect.objectContaining({ card: "0000000001" }),
        message: expect.stringContaining("0000000001"),
      },
      {
        row: 4,
        column: "guardian_name",
        problem: "phoneOwner",
        params: expect.objectContaining({ who: "李四" }),
        message: expect.stringContaining("李四"),
      },
    ]);
  });

  it("reports a group over its capacity on the row that overflows it", () => {
    const rows = Array.from({ length: 31 }, (_, i) => `${100 + i},孩子${i},1,1班,A,101,,家长${i},妈妈,,`);
    const problems = problemsOf(csv(ENGLISH_HEADER, ...rows));
    expect(problems).toEqual([
      {
        row: 32,
        column: "group",
        problem: "full",
        params: { group: "A", max: "30" },
        message: expect.stringContaining("30"),
      },
    ]);
  });

  it("reports a group placed in two rooms", () => {
    const problems = problemsOf(
      csv(ENGLISH_HEADER, "1,张三,1,1班,A,101,,李四,爸爸,,", "2,王五,1,1班,A,102,,赵六,妈妈,,"),
    );
    expect(problems).toEqual([
      {
        row: 3,
        column: "room",
        problem: "groupRoom",
        params: expect.objectContaining({ room: "101" }),
        message: expect.stringContaining("101"),
      },
    ]);
  });

  it("reports unreadable CSV and empty files", () => {
    expect(problemsOf(`${ENGLISH_HEADER}\n1,"张三,1\n`)[0]).toMatchObject({ column: "" });
    expect(problemsOf("")[0]).toMatchObject({ row: 1 });
    expect(problemsOf(`${ENGLISH_HEADER}\n`)[0]).toMatchObject({
      row: 1,
      message: expect.stringContaining("no rows"),
    });
  });
});
