import { html, nothing, type TemplateResult } from "lit";
import type { PassView } from "../../../protocol/passes";
import { speechLocale, t } from "../i18n";
import { classLabel } from "../shell/format";

/**
 * The delegate pass as printed or shown on a phone: QR code, short code, who, which children,
 * which dates. Everything the guard compares is on the sheet, so a print-out stands on its own.
 */

function dateText(day: string): string {
  const date = new Date(`${day}T12:00:00`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(speechLocale(), {
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
  });
}

function issuedTime(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleString(speechLocale(), {
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
}

export function shortCodeText(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function passSheet(pass: PassView, qrDataUrl: string | undefined, schoolName: string): TemplateResult {
  const valid =
    pass.validFrom === pass.validTo
      ? t("pass.validOne", { from: dateText(pass.validFrom) })
      : t("pass.validRange", { from: dateText(pass.validFrom), to: dateText(pass.validTo) });
  return html`<article class="pass-sheet" data-testid="pass-sheet" data-pass-id=${pass.id} data-status=${pass.status}>
    <header class="pass-sheet-head">
      <span class="pass-school">${schoolName}</span>
      <h2>${t("pass.sheetTitle")}</h2>
    </header>
    <div class="pass-sheet-body">
      <figure class="pass-qr">
        ${
          qrDataUrl
            ? html`<img src=${qrDataUrl} alt=${t("pass.sheetTitle")} data-testid="pass-qr" data-token=${pass.token} />`
            : html`<div class="pass-qr-placeholder" data-testid="pass-qr-loading">${t("common.loading")}</div>`
        }
        <figcaption>
          <small>${t("pass.shortCode")}</small>
          <strong class="pass-code mono" data-testid="pass-short-code">${shortCodeText(pass.shortCode)}</strong>
        </figcaption>
      </figure>
      <dl class="pass-facts">
        <dt>${t("pass.delegate")}</dt>
        <dd data-testid="pass-delegate">
          <strong>${t("pass.delegateLine", { name: pass.delegate.name, relation: pass.delegate.relation })}</strong>
          <span>${t("pass.phoneLine", { phone: pass.delegate.phone })}</span>
          ${pass.delegate.idLast4 ? html`<span>${t("pass.idLine", { idLast4: pass.delegate.idLast4 })}</span>` : nothing}
        </dd>
        <dt>${t("pass.childrenLabel")}</dt>
        <dd data-testid="pass-children">
          ${pass.children.map(
            (c) =>
              html`<span class="pass-child"><strong>${c.name}</strong> ${classLabel(c)} · ${c.groupName}</span>`,
          )}
        </dd>
        <dt>${t("pass.validLabel")}</dt>
        <dd data-testid="pass-valid"><strong>${valid}</strong></dd>
      </dl>
    </div>
    <p class="pass-rule">${t("pass.showAtGate")}</p>
    <footer class="pass-sheet-foot">
      <span>${t("pass.announcedBy", { name: pass.guardianName })}</span>
      <span>${t("pass.issuedBy", { name: pass.createdByName, time: issuedTime(pass.createdAt) })}</span>
    </footer>
  </article>`;
}
