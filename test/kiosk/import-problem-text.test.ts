import { beforeEach, describe, expect, it } from "vitest";
import { problemText } from "../../kiosk/src/admin/admin-problem-text";
import { initI18n } from "../../kiosk/src/i18n";
import { normalisePhone } from "../../server/roster/fields";

describe("an import's phone problem on the Chinese screen (issue 11)", () => {
  beforeEach(() => initI18n("zh"));

  it("is said in Chinese, with the value", () => {
    const result = normalisePhone("139000099");
    if (result.ok) throw new Error("a 9-digit phone must be refused");
    const text = problemText(result.message);
    expect(text).toContain("手机号");
    expect(text).toContain("139000099");
    expect(text).not.toMatch(/Chinese mobile/);
  });
});
