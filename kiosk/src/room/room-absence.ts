import { html, type TemplateResult } from "lit";
import type { ChildDayView } from "../../../protocol/model";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { type DialogContext, dialogFrame } from "./room-dialog";
import { textField } from "./room-fields";

/** Resolving an unexplained absence (rule 4): the teacher checked with the guardian and says why. */

const PRESETS = ["wentHome", "notToday", "elsewhere"] as const;

export interface AbsenceState {
  kind: "absence";
  child: ChildDayView;
  /** A preset key or "other". */
  choice: string;
  other: string;
}

export function absenceReason(d: AbsenceState): string {
  return d.choice === "other" ? d.other.trim() : t(`careRoom.reasons.${d.choice}`);
}

export function absenceDialog(
  d: AbsenceState,
  ctx: DialogContext,
  actions: { onResolve: () => void; onCheckIn: () => void },
): TemplateResult {
  const option = (key: string, label: string) => html`<button
    type="button"
    class="btn ${d.choice === key ? "btn-primary" : "btn-secondary"} care-reason"
    data-testid="absence-reason-${key}"
    aria-pressed=${d.choice === key ? "true" : "false"}
    @click=${() => {
      d.choice = key;
      requestRender();
    }}
  >
    ${label}
  </button>`;
  return dialogFrame(ctx, {
    testid: "absence-dialog",
    title: t("careRoom.resolveTitle", { name: d.child.name }),
    hint: t("careRoom.resolveHint"),
    confirmLabel: t("careRoom.resolveSave"),
    onConfirm: actions.onResolve,
    body: html`<div class="care-reasons">
        ${PRESETS.map((key) => option(key, t(`careRoom.reasons.${key}`)))}
        ${option("other", t("careRoom.resolveOther"))}
      </div>
      ${
        d.choice === "other"
          ? textField(
              t("careRoom.resolveOther"),
              "absence-other",
              d.other,
              (v) => {
                d.other = v;
              },
              { maxlength: 200 },
            )
          : ""
      }
      <button type="button" class="btn btn-secondary btn-lg care-late" data-testid="absence-check-in" @click=${actions.onCheckIn}>
        ${t("careRoom.lateCheckIn")}
      </button>`,
  });
}
