import { html, type TemplateResult } from "lit";
import { t } from "../i18n";

/** The home page's card for the office (admin): opens the administration screen. */
export function adminHomeCard(): TemplateResult {
  return html`<div class="card home-card">
    <h2>${t("admin.home.title")}</h2>
    <p class="muted">${t("admin.home.hint")}</p>
    <a class="btn btn-primary btn-lg" href="#/admin" data-testid="open-admin">${t("admin.home.open")}</a>
  </div>`;
}
