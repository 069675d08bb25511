import { html, nothing, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import { t } from "../i18n";
import { avatar } from "./avatar";
import { classLabel } from "./format";

/**
 * The warning on the guard's row and the teacher's tile when another child's name could be
 * mistaken for this one's: who (photo, name, class, group) and why (same name, same sound…), so
 * the right child goes to the gate.
 */
export function lookAlikeWarning(child: ChildDayView): TemplateResult | typeof nothing {
  const others = child.lookAlikes ?? [];
  if (others.length === 0) return nothing;
  return html`<div class="look-alike" data-testid="look-alike" role="note">
    <strong>${t("guard.lookAlike.title")}</strong>
    ${others.map(
      (
        o,
      ) => html`<span class="look-alike-other" data-testid="look-alike-other" data-child-id=${o.childId} data-kind=${o.kind}>
        ${avatar(o.photo, o.name)}
        <span>${t(`guard.lookAlike.kind.${o.kind}`)}：<strong>${o.name}</strong>
          ${t("guard.lookAlike.where", { class: classLabel(o), group: o.groupName })}</span>
      </span>`,
    )}
  </div>`;
}
