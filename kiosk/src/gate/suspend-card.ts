import { html, nothing, type TemplateResult } from "lit";
import type { AlertView } from "../../../protocol/model";
import { t } from "../i18n";
import { appState } from "../shell/app";
import { askConfirm } from "../shell/confirm";
import { failureText } from "../shell/format";
import { call } from "../shell/http";
import { showToast } from "../shell/toast";

/**
 * The office stops a possibly cloned card in one touch from its alert. The card is marked lost
 * (挂失): refused at every reader from the next tap on, and the office can give it back its status
 * on the cards page once the family has a new one. Only an admin sees the button.
 */
export function suspendCardAction(alert: AlertView): TemplateResult | typeof nothing {
  if (alert.kind !== "possible_clone" || !alert.cardId || appState.user?.role !== "admin") return nothing;
  const cardId = alert.cardId;
  const suspend = async () => {
    const yes = await askConfirm(
      t("guard.clone.suspend"),
      t("guard.clone.suspendConfirm", { cardId }),
      t("guard.clone.suspend"),
    );
    if (!yes) return;
    const answer = await call<null>("POST", `/api/admin/cards/${encodeURIComponent(cardId)}/status`, {
      status: "lost",
    });
    if ("error" in answer) showToast(failureText(answer.error), "error");
    else showToast(t("guard.clone.suspended", { cardId }), "success");
  };
  return html`<button class="btn btn-danger" data-testid="alert-suspend-card" @click=${suspend}>
    ${t("guard.clone.suspend")}
  </button>`;
}
