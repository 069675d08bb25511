import { html, nothing, type TemplateResult } from "lit";
import type { AdminChildView, AdminSnapshot } from "../../../protocol/admin";
import type { CustodyGuardianView } from "../../../protocol/custody";
import { t } from "../i18n";
import { type AdminHost, formFields } from "./admin-panel";
import { custodyApi } from "./custody-api";

/**
 * The child's guardians on the admin child page: add (a new adult or a sibling's guardian), edit
 * relation and phone, unlink; their cards: bind by the printed number, mark lost, revoke,
 * reactivate, unbind. A guardian or card added here waits for an administrator's confirmation
 * (pending-authorities.ts). Photos are in the page's photo section (admin-photo.ts).
 */

function pendingChip(pending: boolean): TemplateResult | typeof nothing {
  return pending
    ? html`<span class="chip admin-chip-wait" data-testid="custody-pending">${t("custody.status.pending")}</span>`
    : nothing;
}

function cardLine(screen: AdminHost, card: CustodyGuardianView["cards"][number]): TemplateResult {
  const status = (s: "active" | "lost" | "revoked", label: string) =>
    card.status === s
      ? nothing
      : html`<button class="btn btn-ghost" @click=${() => void screen.run(custodyApi.cardStatus(card.id, s), t("admin.saved"))}>
          ${label}
        </button>`;
  return html`<li data-testid="guardian-card" data-card-id=${card.id} data-status=${card.status}>
    <span class="mono">${card.id}</span>
    <span class="chip">${t(`custody.status.${card.status}`)}</span>
    ${pendingChip(card.pending)}
    ${status("lost", t("custody.guardians.lost"))} ${status("revoked", t("custody.guardians.revoke"))}
    ${status("active", t("custody.guardians.activate"))}
    <button class="btn btn-ghost" @click=${() => void screen.run(custodyApi.unbindCard(card.id), t("admin.saved"))}>
      ${t("custody.guardians.unbind")}
    </button>
  </li>`;
}

function guardianRow(screen: AdminHost, child: AdminChildView, g: CustodyGuardianView): TemplateResult {
  return html`<li data-testid="custody-guardian" data-guardian-id=${g.id}>
    <strong>${t("common.nameRelation", { name: g.name, relation: g.relation })}</strong> <span class="mono">${g.phone}</span> ${pendingChip(g.pending)}
    <ul>
      ${g.cards.length === 0 ? html`<li class="muted">${t("custody.guardians.noCards")}</li>` : nothing}
      ${g.cards.map((card) => cardLine(screen, card))}
    </ul>
    <form
      class="admin-form"
      data-testid="guardian-bind-card"
      @submit=${(e: Event) => {
        const f = formFields(e);
        void screen.run(custodyApi.bindCard(g.id, f.cardNumber ?? ""), t("admin.saved"));
      }}
    >
      <label>${t("custody.guardians.cardNumber")}<input name="cardNumber" required /></label>
      <button class="btn btn-secondary">${t("custody.guardians.bind")}</button>
    </form>
    <details>
      <summary>${t("custody.guardians.edit")}</summary>
      <form
        class="admin-form"
        data-testid="guardian-edit"
        @submit=${(e: Event) => {
          const f = formFields(e);
          const input = { name: f.name ?? "", phone: f.phone ?? "", relation: f.relation ?? "" };
          void screen.run(custodyApi.editGuardian(child.id, g.id, input), t("admin.saved"));
        }}
      >
        <label>${t("custody.guardians.name")}<input name="name" .value=${g.name} required /></label>
        <label>${t("custody.guardians.relation")}<input name="relation" .value=${g.relation} required /></label>
        <label>${t("custody.guardians.phone")}<input name="phone" .value=${g.phone} /></label>
        <button class="btn btn-primary">${t("custody.guardians.save")}</button>
      </form>
      <button
        class="btn btn-warning"
        data-testid="guardian-unlink"
        @click=${() => void screen.run(custodyApi.unlinkGuardian(child.id, g.id), t("admin.saved"))}
      >
        ${t("custody.guardians.unlink")}
      </button>
    </details>
  </li>`;
}

export function childGuardians(
  screen: AdminHost,
  snapshot: AdminSnapshot,
  child: AdminChildView,
): TemplateResult {
  const guardians = child.custody?.guardians ?? [];
  const linked = new Set(guardians.map((g) => g.id));
  const others = snapshot.guardians.filter((g) => !linked.has(g.id));
  return html`<section data-testid="child-guardians">
    <h3>${t("custody.guardians.title")}</h3>
    <p class="muted">${t("custody.guardians.hint")}</p>
    ${guardians.length === 0 ? html`<p class="muted">${t("custody.guardians.none")}</p>` : nothing}
    <ul class="admin-steps">
      ${guardians.map((g) => guardianRow(screen, child, g))}
    </ul>
    <form
      class="admin-form"
      data-testid="guardian-add"
      @submit=${(e: Event) => {
        const f = formFields(e);
        const existing = snapshot.guardians.find((g) => g.id === f.guardianId);
        const input = existing
          ? {
              guardianId: existing.id,
              name: existing.name,
              phone: existing.phone,
              relation: f.relation ?? "",
            }
          : { name: f.name ?? "", phone: f.phone ?? "", relation: f.relation ?? "" };
        void screen.run(custodyApi.addGuardian(child.id, input), t("admin.saved"));
      }}
    >
      <label>${t("custody.guardians.existing")}
        <select name="guardianId">
          <option value="">${t("custody.guardians.newAdult")}</option>
          ${others.map((g) => html`<option value=${g.id}>${g.name} ${g.phone}</option>`)}
        </select>
      </label>
      <label>${t("custody.guardians.name")}<input name="name" /></label>
      <label>${t("custody.guardians.phone")}<input name="phone" /></label>
      <label>${t("custody.guardians.relation")}<input name="relation" required /></label>
      <button class="btn btn-primary">${t("custody.guardians.add")}</button>
    </form>
  </section>`;
}
