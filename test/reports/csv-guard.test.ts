import { describe, expect, it } from "vitest";
import { toCsv } from "../../server/reports/csv";
import { attendanceCsv } from "../../server/staff/attendance-service";

/** Finding 10: one guarded CSV writer for every export; TAB and CR before a formula count too. */
describe("the CSV formula guard", () => {
  it("quotes every cell Excel would run as a formula", () => {
    const csv = toCsv({
      name: "t",
      header: ["a"],
      rows: [["=1+1"], ["\t=cmd|' /C calc'!A0"], ["\r@SUM(A1)"], ["-2+3"], [-5], ["王小明"]],
    });
    const lines = csv.slice(1).split("\r\n");
    expect(lines.slice(1, 7)).toEqual([
      `"'=1+1"`,
      `"'\t=cmd|' /C calc'!A0"`,
      `"'\r@SUM(A1)"`,
      `"'-2+3"`,
      "-5",
      "王小明",
    ]);
  });

  it("guards the staff attendance export too", () => {
    const csv = attendanceCsv({
      month: "2026-11",
      rows: [
        {
          userId: "u1",
          role: "teacher",
          name: '=HYPERLINK("http://evil","x")',
          days: 1,
          periods: [],
          periodMinutes: 0,
          signedMinutes: 0,
          missingSignOuts: [],
        },
      ],
    });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });
});
