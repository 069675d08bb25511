import { html, nothing, type TemplateResult } from "lit";
import type { AdminSnapshot } from "../../../protocol/admin";
import type { PendingAuthorityView } from "../../../protocol/custody";
import { t } from "../i18n";
import { timeOf } from "../shell/format";
import type { AdminHost } from "./admin-panel";
import { custodyApi } from "./custody-api";

/**
 * New pickup authorities waiting for an administrator (docs/decisions.md "Who may collect, on
 * screen"): a count above the admin screen's tabs, and the list with confirm and reject.
 */

/** The count above the tabs; opened, every pending authority of the school with its buttons. */
export function pendingBanner(screen: AdminHost, snapshot: AdminSnapshot): TemplateResult | typeof nothing {
  const count = snapshot.pendingAuthorities?.length ?? 0;
  if (count === 0) return nothing;
  return html`<details class="admin-pending" data-testid="pending-authorities-all">
    <summary class="chip admin-chip-wait" data-testid="pending-authorities-count" data-count=${count}>
      ${t("custody.pending.banner", { count })}
    </summary>
    ${pendingList(screen, snapshot)}
  </details>`;
}

function describe(p: PendingAuthorityView): string {
  const children = p.children.map((c) => t("common.nameRelation", c)).join(t("common.listSeparator"));
  return p.ref.kind === "link"
    ? t("custody.pending.link", { guardian: p.guardianName, children })
    : t("custody.pending.card", { guardian: p.guardianName, card: p.cardId ?? "", children });
}

/** The pending authorities naming this child (all of them without `childId`). */
export function pendingList(screen: AdminHost, snapshot: AdminSnapshot, childId?: string): TemplateResult {
  const all = snapshot.pendingAuthorities ?? [];
  const shown = childId ? all.filter((p) => p.children.some((c) => c.id === childId)) : all;
  return html`<section data-testid="pending-authorities">
    <h3>${t("custody.pending.title")}</h3>
    ${shown.length === 0 ? html`<p class="muted">${t("custody.pending.none")}</p>` : nothing}
    <ul class="admin-steps">
      ${shown.map(
        (p) => html`<li data-testid="pending-authority" data-kind=${p.ref.kind}>
          <span>${describe(p)}</span>
          <span class="muted">${t("custody.pending.asked", { by: p.byName, time: `${p.at.slice(0, 10)} ${timeOf(p.at)}` })}</span>
          <button
            class="btn btn-primary"
            data-testid="pending-confirm"
            @click=${() => void screen.run(custodyApi.answer(p.ref, "confirm"), t("custody.pending.confirmed"))}
          >
            ${t("custody.pending.confirm")}
          </button>
          <button
            class="btn btn-warning"
            data-testid="pending-reject"
            @click=${() => void screen.run(custodyApi.answer(p.ref, "reject"), t("custody.pending.rejected"))}
          >
            ${t("custody.pending.reject")}
          </button>
        </li>`,
      )}
    </ul>
  </section>`;
}
