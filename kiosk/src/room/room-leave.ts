import { html, nothing, type TemplateResult } from "lit";
import { LEAVE_CHANNELS, type LeaveChannel, type LeaveRecord, type LeaveView } from "../../../protocol/room";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { classLabel, timeOf } from "../shell/format";
import { type DialogContext, dialogFrame } from "./room-dialog";
import { choiceButtons, textField } from "./room-fields";

/** The leave dialog (请假): a form for a new leave and the group's leave list with cancel. */

const RELATIONS = ["妈妈", "爸爸", "爷爷", "奶奶", "外公", "外婆"];

export interface LeaveState {
  kind: "leave";
  childId: string;
  from: string;
  to: string;
  askedByName: string;
  askedByRelation: string;
  channel: LeaveChannel;
  /** "HH:MM" today; empty: now. */
  askedAtTime: string;
  reason: string;
  /** A leave being cancelled, with the reason typed so far. */
  cancelling?: { leaveId: string; reason: string };
}

export function newLeave(today: string): LeaveState {
  return {
    kind: "leave",
    childId: "",
    from: today,
    to: "",
    askedByName: "",
    askedByRelation: "",
    channel: "phone",
    askedAtTime: "",
    reason: "",
  };
}

/** The command for the form, or undefined when something required is missing. */
export function leaveCommand(d: LeaveState, today: string): LeaveRecord | undefined {
  if (!d.childId || !d.askedByName.trim() || !d.askedByRelation.trim() || !d.reason.trim()) return undefined;
  const command: LeaveRecord = {
    childId: d.childId,
    from: d.from,
    askedBy: { name: d.askedByName.trim(), relation: d.askedByRelation.trim() },
    channel: d.channel,
    reason: d.reason.trim(),
  };
  if (d.to && d.to !== d.from) command.to = d.to;
  if (/^\d{2}:\d{2}$/.test(d.askedAtTime)) {
    // The tablet's clock and zone are the school's in practice; the server records what it gets.
    const at = new Date(`${today}T${d.askedAtTime}:00`);
    if (!Number.isNaN(at.getTime())) command.askedAt = at.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  return command;
}

export function leaveDialog(
  d: LeaveState,
  ctx: DialogContext,
  actions: { onSave: () => void; onCancelLeave: (leaveId: string, reason: string) => void },
): TemplateResult {
  const set = (key: keyof LeaveState) => (value: string) => {
    (d as unknown as Record<string, string>)[key] = value;
  };
  const pickable = ctx.children.filter((c) => c.status === "expected" || c.status === "on_leave");
  return dialogFrame(ctx, {
    testid: "leave-dialog",
    title: t("careRoom.leaveTitle"),
    hint: t("careRoom.leaveHint"),
    confirmLabel: t("careRoom.saveLeave"),
    onConfirm: actions.onSave,
    wide: true,
    body: html`<div class="care-grid">
        <label class="care-field">
          <span>${t("careRoom.leaveChild")}</span>
          <select
            data-testid="leave-child"
            .value=${d.childId}
            @change=${(e: Event) => {
              d.childId = (e.target as HTMLSelectElement).value;
              requestRender();
            }}
          >
            <option value="">${t("careRoom.leaveChildPick")}</option>
            ${pickable.map((c) => html`<option value=${c.childId} ?selected=${c.childId === d.childId}>${c.name} · ${classLabel(c)}</option>`)}
          </select>
        </label>
        ${textField(t("careRoom.reason"), "leave-reason", d.reason, set("reason"), { maxlength: 200 })}
        ${textField(t("careRoom.leaveFrom"), "leave-from", d.from, set("from"), { type: "date" })}
        ${textField(t("careRoom.leaveTo"), "leave-to", d.to, set("to"), { type: "date" })}
        ${textField(t("careRoom.askedByName"), "leave-asked-name", d.askedByName, set("askedByName"), { maxlength: 40 })}
        ${textField(t("careRoom.askedByRelation"), "leave-asked-relation", d.askedByRelation, set("askedByRelation"), { maxlength: 20, list: "care-relations" })}
        ${textField(t("careRoom.askedAt"), "leave-asked-at", d.askedAtTime, set("askedAtTime"), { type: "time" })}
        <div class="care-field">
          <span>${t("careRoom.channel")}</span>
          ${choiceButtons(
            LEAVE_CHANNELS,
            d.channel,
            (c) => t(`careRoom.channels.${c}`),
            "leave-channel",
            (c) => {
              d.channel = c;
            },
          )}
        </div>
      </div>
      <datalist id="care-relations">${RELATIONS.map((r) => html`<option value=${r}></option>`)}</datalist>
      ${leaveList(d, ctx.room?.leaves ?? [], actions.onCancelLeave)}`,
  });
}

function leaveList(
  d: LeaveState,
  leaves: readonly LeaveView[],
  onCancelLeave: (leaveId: string, reason: string) => void,
): TemplateResult {
  return html`<section class="care-list" data-testid="leave-list">
    <h3>${t("careRoom.leaveList")}</h3>
    ${leaves.length === 0 ? html`<p class="care-hint">${t("careRoom.noLeaves")}</p>` : nothing}
    ${leaves.map((leave) => {
      const cancelling = d.cancelling?.leaveId === leave.id ? d.cancelling : undefined;
      return html`<div class="care-list-row" data-testid="leave-row" data-leave-id=${leave.id} data-child-id=${leave.childId}>
        <div>
          <strong>${leave.childName}</strong>
          <span>${leave.from === leave.to ? leave.from : t("careRoom.leaveRange", { from: leave.from, to: leave.to })}</span>
          <span>${leave.reason}</span>
          <small>${t("careRoom.leaveAsked", {
            name: leave.askedBy.name,
            relation: leave.askedBy.relation,
            channel: t(`careRoom.channels.${leave.channel}`),
            time: timeOf(leave.askedAt),
            by: leave.recordedByName,
          })}</small>
        </div>
        ${
          cancelling
            ? html`<div class="care-inline">
              ${textField(t("careRoom.cancelReason"), "leave-cancel-reason", cancelling.reason, (v) => {
                cancelling.reason = v;
              })}
              <button type="button" class="btn btn-warning" data-testid="leave-cancel-confirm"
                @click=${() => cancelling.reason.trim() && onCancelLeave(leave.id, cancelling.reason.trim())}>
                ${t("careRoom.cancelConfirm")}
              </button>
            </div>`
            : html`<button type="button" class="btn btn-secondary" data-testid="leave-cancel"
              @click=${() => {
                d.cancelling = { leaveId: leave.id, reason: "" };
                requestRender();
              }}>${t("careRoom.cancelLeave")}</button>`
        }
      </div>`;
    })}
  </section>`;
}
