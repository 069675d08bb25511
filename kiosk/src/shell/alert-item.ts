import { html, nothing, type TemplateResult } from "lit";
import type { AlertView } from "../../../protocol/model";
import { t } from "../i18n";
import { timeOf } from "./format";
import { gateAlertDetails } from "./gate-alert";

/**
 * One card alert at the gate: red for a lost or revoked card, amber for an unknown card. `actions`
 * (acknowledge, suspend the card) go under the details.
 */
export function alertItem(alert: AlertView, actions?: TemplateResult | typeof nothing): TemplateResult {
  return html`<li
    class="alert alert-${alert.severity}"
    data-testid="alert"
    data-alert-id=${alert.id}
    data-kind=${alert.kind}
    data-severity=${alert.severity}
    data-acknowledged=${alert.acknowledged ? "yes" : "no"}
  >
    <div class="alert-head">
      <strong>${t(`alert.kind.${alert.kind}`)}</strong>
      ${alert.cardStatus ? html`<span class="chip chip-danger">${t(`alert.cardStatus.${alert.cardStatus}`)}</span>` : nothing}
      <span class="alert-time">${timeOf(alert.at)}</span>
    </div>
    <div class="alert-body">
      ${alert.passRefusal ? html`<strong data-testid="alert-pass-reason">${t(`alert.passRefusal.${alert.passRefusal}`)}</strong>` : nothing}
      ${
        alert.holderName
          ? html`<span>${t(alert.passId ? "alert.delegate" : "alert.holder", { name: alert.holderName })}</span>`
          : nothing
      }
      ${gateAlertDetails(alert)}
      ${alert.cardId ? html`<span class="mono">${t("alert.card", { cardId: alert.cardId })}</span>` : nothing}
      <span class="muted">${alert.deviceName}</span>
    </div>
    ${actions ?? nothing}
  </li>`;
}
