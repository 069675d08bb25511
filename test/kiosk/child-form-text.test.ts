import { describe, expect, it } from "vitest";
import { en } from "../../kiosk/src/i18n/en";
import { zh } from "../../kiosk/src/i18n/zh";
import { CHILD_FORM_FIELDS, CHILD_FORM_PROBLEMS } from "../../protocol/child-form";

/** Each problem the server may answer for the child form is worded in both languages, naming a field the form shows. */
describe("the child form's problems (issue 11, deliverable 2)", () => {
  it.each([
    ["zh", zh],
    ["en", en],
  ])("%s words every problem and labels every field", (_lang, catalogue) => {
    const form = (
      catalogue as {
        admin: { childForm: { field: Record<string, string>; problem: Record<string, string> } };
      }
    ).admin.childForm;
    for (const field of CHILD_FORM_FIELDS) expect(form.field[field]).toBeTruthy();
    for (const problem of CHILD_FORM_PROBLEMS) expect(form.problem[problem]).toContain("{{field}}");
  });
});
