import { html, nothing, type TemplateResult } from "lit";
import type { AlertView } from "../../../protocol/model";
import { t } from "../i18n";
import { timeOf } from "./format";
import { cloneLines, refusalLines } from "./refusal-reasons";

/**
 * What the gate's own alerts add to an alert line: the children a not-authorised adult tried to
 * collect, the child released but not collected (and since when), a child's card at the gate, the
 * reason per child of a refused pickup, both gates of a possible cloned card.
 */
export function gateAlertDetails(alert: AlertView): TemplateResult | typeof nothing {
  switch (alert.kind) {
    case "custody_refused": {
      const names = (alert.childOutcomes ?? []).map((c) => c.childName).join("、");
      return html`<strong class="alert-children" data-testid="alert-children"
          >${t("gateCare.alertChildren", { names })}</strong
        >
        ${refusalLines((alert.childOutcomes ?? []).filter((c) => c.note))}`;
    }
    case "pickup_refused":
      return refusalLines(alert.childOutcomes ?? []);
    case "possible_clone":
      return html`${cloneLines(alert)}${refusalLines(alert.childOutcomes ?? [])}`;
    case "released_not_collected":
      return html`<strong data-testid="alert-children">${t("gateCare.alertChild", { name: alert.childName ?? "" })}</strong>
        <span>${t("gateCare.alertReleasedAt", { time: timeOf(alert.releasedAt) })}</span>`;
    case "exit_refused":
      return html`<strong data-testid="alert-children">${t("gateCare.alertChild", { name: alert.childName ?? "" })}</strong>
        ${alert.exitOutcome ? html`<span>${t(`gateCare.exitOutcome.${alert.exitOutcome}`)}</span>` : nothing}`;
    default:
      return nothing;
  }
}
