import { html, nothing, type TemplateResult } from "lit";
import type { AdminSnapshot, PrintCard, PrintCardsView } from "../../../protocol/admin";
import { t } from "../i18n";
import { classLabel, relationLabel } from "../shell/format";

/**
 * Printable pickup cards (接送卡): per guardian card, the school, the guardian and relation, the
 * children with their classes, the card number as printed and a QR code of the card (read at the
 * gate like the card itself). Eight cards per A4 sheet, cut along the dashed lines (@media print
 * in admin.css hides everything else).
 */

export const CARDS_PER_PAGE = 8;

export interface PrintState {
  guardianId?: string;
  view?: PrintCardsView;
  /** cardId → QR image (data URL), drawn in the browser. */
  qr: Map<string, string>;
}

function relationText(card: PrintCard): string {
  const relations = [...new Set(card.children.map((c) => relationLabel(c.relation)))];
  return relations.join("、");
}

function pickupCard(card: PrintCard, qr: string | undefined, schoolName: string): TemplateResult {
  return html`<article class="pickup-card" data-testid="pickup-card" data-card-id=${card.cardId}>
    <header>
      <span class="pickup-card-school">${schoolName}</span>
      <strong>${t("admin.print.cardTitle")}</strong>
    </header>
    <div class="pickup-card-body">
      <div class="pickup-card-facts">
        <p class="pickup-card-guardian">
          <strong>${card.guardianName}</strong>
          <span>${relationText(card)}</span>
        </p>
        <ul>
          ${card.children.map((c) => html`<li><strong>${c.name}</strong> ${classLabel(c)}</li>`)}
        </ul>
        <p class="pickup-card-number">
          <small>${t("admin.print.cardNo")}</small>
          <span class="mono">${card.cardId}</span>
        </p>
      </div>
      ${
        qr
          ? html`<img class="pickup-card-qr" src=${qr} alt=${card.cardId} data-testid="pickup-card-qr" />`
          : html`<div class="pickup-card-qr">${t("common.loading")}</div>`
      }
    </div>
    <footer>${t("admin.print.rule")}</footer>
  </article>`;
}

export function cardSheet(view: PrintCardsView, qr: ReadonlyMap<string, string>): TemplateResult {
  const pages: PrintCard[][] = [];
  for (let i = 0; i < view.cards.length; i += CARDS_PER_PAGE)
    pages.push(view.cards.slice(i, i + CARDS_PER_PAGE));
  return html`<div class="card-sheet" data-testid="card-sheet">
    ${pages.map(
      (cards) => html`<section class="card-page" data-testid="card-page">
        ${cards.map((c) => pickupCard(c, qr.get(c.cardId), view.schoolName))}
      </section>`,
    )}
  </div>`;
}

interface PrintHost {
  printState: PrintState;
  loadPrint(guardianId: string | undefined): Promise<void>;
}

export function printPanel(screen: PrintHost, snapshot: AdminSnapshot): TemplateResult {
  const state = screen.printState;
  const withCards = snapshot.guardians.filter((g) => g.cards.some((c) => c.status === "active"));
  const ready = state.view?.cards.every((c) => state.qr.has(c.cardId)) === true;
  return html`<div class="admin-panel" data-testid="admin-print">
    <div class="admin-toolbar admin-print-controls">
      <label
        >${t("admin.print.family")}
        <select
          data-testid="print-guardian"
          @change=${(e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            void screen.loadPrint(value === "" ? undefined : value);
          }}
        >
          <option value="" ?selected=${state.guardianId === undefined}>${t("admin.print.all")}</option>
          ${withCards.map(
            (g) => html`<option value=${g.id} ?selected=${g.id === state.guardianId}>${g.name}</option>`,
          )}
        </select></label
      >
      <span class="muted">
        ${state.view ? t("admin.print.count", { cards: state.view.cards.length, pages: Math.ceil(state.view.cards.length / CARDS_PER_PAGE) }) : ""}
      </span>
      <button class="btn btn-primary" data-testid="print-now" ?disabled=${!ready} @click=${() => window.print()}>
        ${t("admin.print.print")}
      </button>
    </div>
    ${state.view ? cardSheet(state.view, state.qr) : html`<p class="muted">${t("common.loading")}</p>`}
    ${state.view?.cards.length === 0 ? html`<p class="muted">${t("admin.print.none")}</p>` : nothing}
  </div>`;
}
