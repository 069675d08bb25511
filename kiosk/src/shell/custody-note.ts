import { html, nothing, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import { t } from "../i18n";
import { zoomableFace } from "./photo-zoom";

/**
 * Beside the child on the guard's row: who may not collect them (custody), with the school's note,
 * the ID card's last four and the adult's face at the guard's photo size, to compare at the gate.
 */
export function custodyNote(child: ChildDayView): TemplateResult | typeof nothing {
  const barred = child.custody ?? [];
  if (barred.length === 0) return nothing;
  return html`<div class="custody-note" data-testid="custody-note" role="note">
    <strong>${t("guard.custody.title")}</strong>
    ${barred.map(
      (b) =>
        html`<div class="custody-adult" data-testid="custody-adult">
          ${zoomableFace(b.photo, b.name)}
          <span>${t("guard.custody.who", { name: b.name, relation: b.relation })}${
            b.idLast4
              ? html` · <span class="mono">${t("guard.custody.idLast4", { last4: b.idLast4 })}</span>`
              : nothing
          }${b.note ? html` · ${b.note}` : nothing}</span>
        </div>`,
    )}
  </div>`;
}
