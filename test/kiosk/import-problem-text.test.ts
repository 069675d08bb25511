import { beforeEach, describe, expect, it } from "vitest";
import { problemText } from "../../kiosk/src/admin/admin-problem-text";
import { hasKey, initI18n, setLanguage } from "../../kiosk/src/i18n";
import { IMPORT_PROBLEMS } from "../../protocol/admin";
import { normalisePhone } from "../../server/roster/fields";
import { rosterProblem } from "../../server/roster/roster-problem";

describe("an import's problems on the screen, worded from the server's code (issue 11)", () => {
  beforeEach(() => initI18n("zh"));

  it("a phone problem is said in Chinese, with the value", () => {
    const result = normalisePhone("139000099");
    if (result.ok) throw new Error("a 9-digit phone must be refused");
    const text = problemText(rosterProblem(2, "电话", result.problem, { value: result.value }));
    expect(text).toContain("手机号");
    expect(text).toContain("139000099");
    expect(text).not.toMatch(/Chinese mobile/);
  });

  it("every problem code has words in both languages", () => {
    for (const language of ["zh", "en"] as const) {
      setLanguage(language);
      for (const code of IMPORT_PROBLEMS)
        expect(hasKey(`admin.problem.${code}`), `${language} ${code}`).toBe(true);
    }
  });

  it("a conflict across rows names the row and the facts, in Chinese", () => {
    const p = rosterProblem(5, "电话", "phoneOwner", { phone: "13900000001", who: "张妈妈", row: 3 });
    expect(problemText(p)).toBe("电话 13900000001 在第 3 行属于 张妈妈");
    expect(p.message).toBe("phone 13900000001 belongs to 张妈妈 on row 3");
  });
});
