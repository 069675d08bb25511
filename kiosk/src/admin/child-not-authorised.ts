import { html, nothing, type TemplateResult } from "lit";
import type { AdminChildView } from "../../../protocol/admin";
import type { NotAuthorisedView } from "../../../protocol/custody";
import { t } from "../i18n";
import { avatar } from "../shell/avatar";
import { type AdminHost, formFields } from "./admin-panel";
import { photoLine } from "./admin-photo";
import { custodyApi } from "./custody-api";

/**
 * The child's not-authorised list (不得接走) on the admin child page: who, the ID card's last four,
 * a photo for the guard, the reason or court order, a card the adult may carry or which of the child's guardians it is,
 * and the dates the bar holds. The gate raises the red custody alert for that adult's card.
 */

function entryForm(screen: AdminHost, child: AdminChildView, entry?: NotAuthorisedView): TemplateResult {
  const guardians = child.custody?.guardians ?? [];
  return html`<form
    class="admin-form"
    data-testid=${entry ? "not-authorised-edit" : "not-authorised-add"}
    @submit=${(e: Event) => {
      const f = formFields(e);
      void screen.run(custodyApi.saveNotAuthorised(child.id, entry?.id, f), t("admin.saved"));
    }}
  >
    <label>${t("custody.barred.name")}<input name="name" .value=${entry?.name ?? ""} required /></label>
    <label>${t("custody.barred.relation")}<input name="relation" .value=${entry?.relation ?? ""} /></label>
    <label>${t("custody.barred.idLast4")}<input name="idLast4" maxlength="4" .value=${entry?.idLast4 ?? ""} /></label>
    <label>${t("custody.barred.note")}<input name="note" .value=${entry?.note ?? ""} /></label>
    <label>${t("custody.barred.cardNumber")}<input name="cardNumber" .value=${entry?.cardId ?? ""} /></label>
    <label>${t("custody.barred.guardian")}
      <select name="guardianId">
        <option value="">${t("custody.barred.noGuardian")}</option>
        ${guardians.map(
          (g) =>
            html`<option value=${g.id} ?selected=${g.id === entry?.guardianId}>${t("common.nameRelation", { name: g.name, relation: g.relation })}</option>`,
        )}
      </select>
    </label>
    <label>${t("custody.barred.validFrom")}<input type="date" name="validFrom" .value=${entry?.validFrom ?? ""} /></label>
    <label>${t("custody.barred.validTo")}<input type="date" name="validTo" .value=${entry?.validTo ?? ""} /></label>
    <button class="btn btn-primary">${entry ? t("custody.barred.save") : t("custody.barred.add")}</button>
  </form>`;
}

function entryRow(screen: AdminHost, child: AdminChildView, entry: NotAuthorisedView): TemplateResult {
  const always = t("custody.barred.always");
  const photoUrl = `/api/admin/children/${encodeURIComponent(child.id)}/not-authorised/${encodeURIComponent(entry.id)}/photo`;
  return html`<li data-testid="not-authorised-entry" data-entry-id=${entry.id}>
    ${avatar(entry.photo, entry.name, "large")}
    <strong class="text-danger">${t("custody.barred.line", { name: entry.name, relation: entry.relation || "—" })}</strong>
    ${entry.idLast4 ? html`<span class="mono">${entry.idLast4}</span>` : nothing}
    <span>${entry.note}</span>
    ${entry.cardId ? html`<span class="mono">${entry.cardId}</span>` : nothing}
    <span class="muted">${t("custody.barred.valid", { from: entry.validFrom ?? always, to: entry.validTo ?? always })}</span>
    <details>
      <summary>${t("custody.barred.edit")}</summary>
      ${entryForm(screen, child, entry)}
      ${photoLine(screen, { url: photoUrl, kind: "not-authorised", id: entry.id }, t("custody.barred.photo"))}
    </details>
    <button
      class="btn btn-ghost"
      data-testid="not-authorised-remove"
      @click=${() => void screen.run(custodyApi.removeNotAuthorised(child.id, entry.id), t("admin.saved"))}
    >
      ${t("custody.barred.remove")}
    </button>
  </li>`;
}

export function childNotAuthorised(screen: AdminHost, child: AdminChildView): TemplateResult {
  const entries = child.custody?.notAuthorised ?? [];
  return html`<section data-testid="child-not-authorised">
    <h3>${t("custody.barred.title")}</h3>
    <p class="muted">${t("custody.barred.hint")}</p>
    ${entries.length === 0 ? html`<p class="muted">${t("custody.barred.none")}</p>` : nothing}
    <ul class="admin-steps">
      ${entries.map((entry) => entryRow(screen, child, entry))}
    </ul>
    ${entryForm(screen, child)}
  </section>`;
}
