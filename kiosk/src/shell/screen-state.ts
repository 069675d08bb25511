import { html, type TemplateResult } from "lit";
import { t } from "../i18n";
import { errorText } from "./format";

/** What a live screen shows before its first snapshot, or when the server refused the view. */

export function loadingView(): TemplateResult {
  return html`<div class="screen-message" data-testid="screen-loading">${t("common.loading")}</div>`;
}

export function joinErrorView(code: string, retry: () => void): TemplateResult {
  return html`<div class="screen-message" data-testid="screen-error" data-code=${code}>
    <p class="form-error">${errorText(code)}</p>
    <div class="dialog-actions">
      <button class="btn btn-secondary btn-lg" @click=${retry}>${t("common.retry")}</button>
      <a class="btn btn-primary btn-lg" href="#/">${t("common.home")}</a>
    </div>
  </div>`;
}
