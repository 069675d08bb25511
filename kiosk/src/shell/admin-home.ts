import { html, nothing, type TemplateResult } from "lit";
import { until } from "lit/directives/until.js";
import type { PendingAuthorityView } from "../../../protocol/custody";
import { t } from "../i18n";
import { call } from "./http";

/** How long the home card trusts its count of pending authorities before asking again. */
const PENDING_FRESH_MS = 30_000;
let pending: { at: number; count: Promise<number> } | undefined;

/** New pickup authorities waiting for an administrator (docs/decisions.md "Who may collect, on screen"). */
function pendingCount(): Promise<number> {
  if (!pending || Date.now() - pending.at > PENDING_FRESH_MS) {
    const count = call<PendingAuthorityView[]>("GET", "/api/admin/pending-authorities")
      .then((answer) => ("data" in answer ? answer.data.length : 0))
      // Offline or logged out: the card shows no count rather than an error.
      .catch(() => 0);
    pending = { at: Date.now(), count };
  }
  return pending.count;
}

/** The home page's card for the office (admin): opens the administration screen. */
export function adminHomeCard(): TemplateResult {
  const waiting = pendingCount().then((count) =>
    count > 0
      ? html`<p class="chip admin-chip-wait" data-testid="home-pending-authorities" data-count=${count}>
          ${t("custody.pending.banner", { count })}
        </p>`
      : nothing,
  );
  return html`<div class="card home-card">
    <h2>${t("admin.home.title")}</h2>
    <p class="muted">${t("admin.home.hint")}</p>
    ${until(waiting, nothing)}
    <a class="btn btn-primary btn-lg" href="#/admin" data-testid="open-admin">${t("admin.home.open")}</a>
  </div>`;
}
