import { html, nothing, type TemplateResult } from "lit";
import type { AdminSnapshot } from "../../../protocol/admin";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { askConfirm } from "../shell/confirm";
import { classLabel } from "../shell/format";
import { adminApi } from "./admin-api";
import { type AdminHost, formFields } from "./admin-panel";

/**
 * Guardians and their pickup cards (mark lost or revoked: the gate raises the red alert on the
 * next tap), each family's printable cards, and staff cards for attendance.
 */

type CardStatus = "active" | "lost" | "revoked";

function cardChip(screen: AdminHost, card: { id: string; status: string }, holder: string): TemplateResult {
  const set = async (status: CardStatus) => {
    const yes =
      status === "active" ||
      (await askConfirm(
        t(`admin.cards.confirm.${status}`),
        t("admin.cards.confirmBody", { card: card.id, name: holder }),
        t(`admin.cards.${status}`),
      ));
    if (yes) await screen.run(adminApi.cardStatus(card.id, status), t("admin.saved"));
  };
  const tone = card.status === "active" ? "admin-chip-ok" : "chip-danger";
  return html`<span class="admin-card" data-testid="admin-card" data-card-id=${card.id} data-status=${card.status}>
    <span class="mono">${card.id}</span>
    <span class="chip ${tone}">${t(`admin.cards.status.${card.status}`)}</span>
    ${
      card.status === "active"
        ? html`<button class="btn btn-ghost" data-testid="card-lost" @click=${() => void set("lost")}>
              ${t("admin.cards.lost")}
            </button>
            <button class="btn btn-ghost" data-testid="card-revoked" @click=${() => void set("revoked")}>
              ${t("admin.cards.revoked")}
            </button>`
        : html`<button class="btn btn-ghost" data-testid="card-active" @click=${() => void set("active")}>
            ${t("admin.cards.active")}
          </button>`
    }
  </span>`;
}

interface CardsHost extends AdminHost {
  /** Opens one family's cards on the print tab. */
  printFamily(guardianId: string): void;
}

export function cardsPanel(screen: CardsHost, snapshot: AdminSnapshot): TemplateResult {
  const q = screen.search.toLowerCase();
  const guardians = snapshot.guardians.filter(
    (g) =>
      q === "" ||
      [g.name, g.phone, ...g.children.map((c) => c.name)].some((s) => s.toLowerCase().includes(q)),
  );
  return html`<div class="admin-panel">
    <div class="admin-toolbar">
      <input
        class="admin-input"
        type="search"
        data-testid="admin-search"
        placeholder=${t("admin.cards.search")}
        .value=${screen.search}
        @input=${(e: Event) => {
          screen.search = (e.target as HTMLInputElement).value;
          requestRender();
        }}
      />
    </div>
    <table class="admin-table" data-testid="admin-guardians">
      <thead>
        <tr>
          <th>${t("admin.cards.guardian")}</th>
          <th>${t("admin.cards.phone")}</th>
          <th>${t("admin.cards.children")}</th>
          <th>${t("admin.cards.cards")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${guardians.map(
          (g) => html`<tr data-testid="admin-guardian-row" data-guardian-id=${g.id}>
            <td><strong>${g.name}</strong></td>
            <td class="mono">${g.phone}</td>
            <td>
              ${g.children.map((c) => html`<div class="admin-nowrap">${c.relation} · <strong>${c.name}</strong> ${classLabel(c)}</div>`)}
            </td>
            <td>${g.cards.length === 0 ? html`<span class="muted">—</span>` : g.cards.map((c) => cardChip(screen, c, g.name))}</td>
            <td>
              ${
                g.cards.some((c) => c.status === "active")
                  ? html`<button class="btn btn-secondary" data-testid="print-family" @click=${() => screen.printFamily(g.id)}>
                      ${t("admin.cards.print")}
                    </button>`
                  : nothing
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    <h3>${t("admin.cards.staffTitle")}</h3>
    <p class="muted">${t("admin.cards.staffHint")}</p>
    <table class="admin-table" data-testid="admin-staff">
      <tbody>
        ${snapshot.staff.map(
          (u) => html`<tr>
            <td><strong>${u.displayName}</strong></td>
            <td>${t(`role.${u.role}`)}</td>
            <td>${u.cards.length === 0 ? html`<span class="muted">—</span>` : u.cards.map((c) => cardChip(screen, c, u.displayName))}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <form
      class="admin-form"
      data-testid="staff-card-form"
      @submit=${(e: Event) => {
        const f = formFields(e);
        void screen.run(adminApi.bindStaffCard(f.userId ?? "", f.cardNumber ?? ""), t("admin.saved"));
      }}
    >
      <label
        >${t("admin.cards.staffMember")}
        <select name="userId">
          ${snapshot.staff.map((u) => html`<option value=${u.id}>${u.displayName}</option>`)}
        </select></label
      >
      <label>${t("admin.cards.cardNumber")}<input name="cardNumber" class="mono" required /></label>
      <button class="btn btn-primary">${t("admin.cards.bind")}</button>
    </form>
  </div>`;
}
