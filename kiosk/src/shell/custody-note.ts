import { html, nothing, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import { t } from "../i18n";

/** Beside the child on the guard's row: who may not collect them (custody), with the school's note. */
export function custodyNote(child: ChildDayView): TemplateResult | typeof nothing {
  const barred = child.custody ?? [];
  if (barred.length === 0) return nothing;
  return html`<div class="custody-note" data-testid="custody-note" role="note">
    <strong>${t("guard.custody.title")}</strong>
    ${barred.map(
      (b) =>
        html`<span>${t("guard.custody.who", { name: b.name, relation: b.relation })}${b.note ? html` · ${b.note}` : nothing}</span>`,
    )}
  </div>`;
}
