import { html, nothing, type TemplateResult } from "lit";
import { headCount } from "../../../protocol/head-count";
import { t } from "../i18n";
import { timeOf } from "../shell/format";
import { serverNow } from "../shell/server-clock";
import { countsTable, type DialogContext, dialogFrame } from "./room-dialog";
import { countStepper } from "./room-fields";

export interface RollCallState {
  kind: "rollcall";
  counted: number;
}

export function rollCallDialog(d: RollCallState, ctx: DialogContext, onConfirm: () => void): TemplateResult {
  const counts = headCount(ctx.children, serverNow());
  const mismatch = d.counted !== counts.present;
  return dialogFrame(ctx, {
    testid: "rollcall-dialog",
    title: t("careRoom.rollCallTitle"),
    hint: t("careRoom.rollCallHint"),
    confirmLabel: t("careRoom.confirmCount"),
    onConfirm,
    body: html`${countsTable(counts)}
      <div class="care-row"><span class="care-label">${t("careRoom.counted")}</span>
        ${countStepper(d.counted, "rollcall-counted", (v) => {
          d.counted = v;
        })}
      </div>
      ${
        mismatch
          ? html`<p class="care-warning" data-testid="rollcall-mismatch">
            ${t("careRoom.mismatch", { present: counts.present, counted: d.counted })}
          </p>`
          : nothing
      }`,
  });
}

/** The header line: when roll call was last confirmed, or that it was not yet. */
export function rollCallLine(ctx: Pick<DialogContext, "room">): TemplateResult {
  const last = ctx.room?.rollCall;
  if (!last) {
    return html`<span class="care-status care-status-warn" data-testid="rollcall-status" data-done="false">
      ${t("careRoom.noRollCall")}
    </span>`;
  }
  return html`<span class="care-status ${last.mismatch ? "care-status-warn" : "care-status-ok"}"
    data-testid="rollcall-status" data-done="true">
    ✓ ${t("careRoom.lastRollCall", { time: timeOf(last.at), counted: last.counted })}
  </span>`;
}
