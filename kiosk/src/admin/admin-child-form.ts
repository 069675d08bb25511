import { html, nothing, type TemplateResult } from "lit";
import type { AdminChildView, AdminSnapshot } from "../../../protocol/admin";
import type { ChildForm, ChildFormProblem } from "../../../protocol/child-form";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { adminApi } from "./admin-api";
import { type AdminHost, formFields } from "./admin-panel";

/**
 * One child by form (教导处): add, edit, withdraw. The server checks the fields as the import
 * checks a row and answers every problem at once; each is worded here, naming the field's label.
 */

/** The problems of the last save, by form ("new" or the child's id), until the next save. */
const lastProblems = new Map<string, ChildFormProblem[]>();

function formOf(f: Record<string, string>): ChildForm {
  return {
    id: f.id ?? "",
    name: f.name ?? "",
    grade: Number(f.grade ?? 0),
    className: f.className ?? "",
    groupId: f.groupId ?? "",
    healthNote: f.healthNote ?? "",
  };
}

export function problemText(p: ChildFormProblem): string {
  return t(`admin.childForm.problem.${p.problem}`, { field: t(`admin.childForm.field.${p.field}`) });
}

async function save(screen: AdminHost, key: string, childId: string | undefined, form: ChildForm) {
  const answer = await screen.run(adminApi.saveChild(childId, form));
  const problems = answer?.problems ?? [];
  lastProblems.set(key, problems);
  if (answer && problems.length === 0) lastProblems.delete(key);
  requestRender();
}

/** The fields of a child; `child` fills them for an edit (the student number then stays). */
export function childForm(
  screen: AdminHost,
  snapshot: AdminSnapshot,
  child?: AdminChildView,
): TemplateResult {
  const key = child?.id ?? "new";
  const problems = lastProblems.get(key) ?? [];
  return html`<form
    class="admin-form"
    data-testid=${child ? "child-edit-form" : "child-add-form"}
    @submit=${(e: Event) => void save(screen, key, child?.id, formOf(formFields(e)))}
  >
    <label>${t("admin.childForm.field.id")}<input name="id" .value=${child?.id ?? ""} ?readonly=${child !== undefined} /></label>
    <label>${t("admin.childForm.field.name")}<input name="name" .value=${child?.name ?? ""} /></label>
    <label>${t("admin.childForm.field.grade")}
      <select name="grade">
        ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(
          (g) =>
            html`<option value=${g} ?selected=${g === (child?.grade ?? 1)}>${t("admin.childForm.gradeOption", { grade: g })}</option>`,
        )}
      </select>
    </label>
    <label>${t("admin.childForm.field.className")}<input name="className" .value=${child?.className ?? ""} /></label>
    <label>${t("admin.childForm.field.groupId")}
      <select name="groupId">
        ${snapshot.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === child?.groupId}>${g.name}</option>`)}
      </select>
    </label>
    <label>${t("admin.childForm.field.healthNote")}<input name="healthNote" .value=${child?.health?.note ?? ""} /></label>
    <button class="btn btn-primary">${child ? t("admin.childForm.save") : t("admin.childForm.add")}</button>
    ${
      problems.length > 0
        ? html`<ul class="admin-problems" data-testid="child-form-problems">
            ${problems.map((p) => html`<li data-field=${p.field}>${problemText(p)}</li>`)}
          </ul>`
        : nothing
    }
  </form>`;
}

/** Withdrawal by the written request, for any child in care (with or without paperwork). */
export function withdrawForm(screen: AdminHost, child: AdminChildView, today: string): TemplateResult {
  return html`<form
    class="admin-form"
    data-testid="child-withdraw-form"
    @submit=${(e: Event) => {
      const f = formFields(e);
      void screen.run(
        adminApi.withdrawChild(child.id, {
          requestedOn: f.requestedOn ?? today,
          ...(f.effectiveFrom ? { effectiveFrom: f.effectiveFrom } : {}),
          reason: f.reason ?? "",
        }),
        t("admin.saved"),
      );
    }}
  >
    <label>${t("admin.enrolment.requestedOn")}<input type="date" name="requestedOn" .value=${today} required /></label>
    <label>${t("admin.childForm.effectiveFrom")}<input type="date" name="effectiveFrom" /></label>
    <label>${t("admin.enrolment.withdrawReason")}<input name="reason" required /></label>
    <button class="btn btn-warning">${t("admin.enrolment.withdraw")}</button>
  </form>`;
}
