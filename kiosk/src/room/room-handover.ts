import { html, nothing, type TemplateResult } from "lit";
import { headCount } from "../../../protocol/head-count";
import type { Handover } from "../../../protocol/room";
import { t } from "../i18n";
import { serverNow } from "../shell/server-clock";
import { countsTable, type DialogContext, dialogFrame } from "./room-dialog";
import { choiceButtons, countStepper, textField } from "./room-fields";

/**
 * Handover (交接, rule 5): both count the children and read the leave list; the person taking
 * over confirms by logging in here (a teacher) or is named (a parent volunteer).
 */

export interface HandoverState {
  kind: "handover";
  mode: "staff" | "volunteer";
  username: string;
  password: string;
  name: string;
  phone: string;
  counted: number;
}

export function newHandover(present: number): HandoverState {
  return {
    kind: "handover",
    mode: "staff",
    username: "",
    password: "",
    name: "",
    phone: "",
    counted: present,
  };
}

export function handoverCommand(d: HandoverState, groupId: string): Handover | undefined {
  if (d.mode === "staff") {
    if (!d.username.trim() || !d.password) return undefined;
    return {
      groupId,
      counted: d.counted,
      to: { kind: "staff", username: d.username.trim(), password: d.password },
    };
  }
  if (!d.name.trim()) return undefined;
  const to = {
    kind: "volunteer" as const,
    name: d.name.trim(),
    ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
  };
  return { groupId, counted: d.counted, to };
}

export function handoverDialog(
  d: HandoverState,
  ctx: DialogContext,
  fromName: string,
  onConfirm: () => void,
): TemplateResult {
  const now = serverNow();
  const counts = headCount(ctx.children, now);
  const onLeave = ctx.children.filter((c) => c.status === "on_leave");
  const receiver =
    d.mode === "staff"
      ? html`${textField(t("careRoom.receiverUsername"), "handover-username", d.username, (v) => {
          d.username = v;
        })}
        ${textField(
          t("careRoom.receiverPassword"),
          "handover-password",
          d.password,
          (v) => {
            d.password = v;
          },
          { type: "password" },
        )}`
      : html`${textField(t("careRoom.volunteerName"), "handover-volunteer-name", d.name, (v) => {
          d.name = v;
        })}
        ${textField(
          t("careRoom.volunteerPhone"),
          "handover-volunteer-phone",
          d.phone,
          (v) => {
            d.phone = v;
          },
          { type: "tel", maxlength: 20 },
        )}`;
  return dialogFrame(ctx, {
    testid: "handover-dialog",
    title: t("careRoom.handoverTitle"),
    hint: t("careRoom.handoverHint"),
    confirmLabel: t("careRoom.handoverConfirm"),
    onConfirm,
    wide: true,
    body: html`<p class="care-from" data-testid="handover-from">${t("careRoom.handoverFrom", { name: fromName })}</p>
      ${countsTable(counts)}
      <section class="care-list" data-testid="handover-leaves">
        <h3>${t("careRoom.leaveList")}</h3>
        ${
          onLeave.length === 0
            ? html`<p class="care-hint">${t("careRoom.noLeaves")}</p>`
            : html`<ul>${onLeave.map((c) => html`<li><strong>${c.name}</strong> ${c.leaveReason ?? ""}</li>`)}</ul>`
        }
      </section>
      <div class="care-row"><span class="care-label">${t("careRoom.handoverCounted")}</span>
        ${countStepper(d.counted, "handover-counted", (v) => {
          d.counted = v;
        })}
      </div>
      ${choiceButtons(
        ["staff", "volunteer"] as const,
        d.mode,
        (m) => t(m === "staff" ? "careRoom.receiverStaff" : "careRoom.receiverVolunteer"),
        "handover-mode",
        (m) => {
          d.mode = m;
        },
      )}
      <div class="care-grid">${receiver}</div>
      ${d.counted !== counts.present ? html`<p class="care-warning">${t("careRoom.mismatch", { present: counts.present, counted: d.counted })}</p>` : nothing}`,
  });
}
