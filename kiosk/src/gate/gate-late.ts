import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { ContactView, LateChildView } from "../../../protocol/gate";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { avatar } from "../shell/avatar";
import { classLabel, nameWithRelation, timeOf } from "../shell/format";

export interface LateActions {
  toReception(entry: LateChildView): Promise<boolean>;
  logContact(
    entry: LateChildView,
    call: { guardianId?: string; calledName?: string; reached: boolean; note: string },
  ): Promise<boolean>;
  busy(id: string): boolean;
}

interface CallDraft {
  /** A guardian's id, or "" for someone not in the roster. */
  who: string;
  otherName: string;
  note: string;
}

/**
 * Late children (rule 9): still in care after their care end. The guard moves them to the
 * reception room and logs every call, reached or not; collection closes the entry.
 */
export class LatePanel {
  private readonly drafts = new Map<string, CallDraft>();

  constructor(private readonly actions: LateActions) {}

  view(late: readonly LateChildView[], receptionRoom: string): TemplateResult | typeof nothing {
    if (late.length === 0) return nothing;
    const open = late.filter((l) => !l.collectedAt).length;
    return html`<section class="panel late-panel ${open > 0 ? "late-open" : ""}" data-testid="late-panel">
      <div class="panel-head">
        <h2>${t("gateCare.late.title")} <span class="late-count" data-testid="late-count">${open}</span></h2>
        <p class="muted">${t("gateCare.late.hint", { room: receptionRoom })}</p>
      </div>
      <ol class="late-list">
        ${repeat(
          late,
          (l) => l.child.childId,
          (l) => this.row(l, receptionRoom),
        )}
      </ol>
    </section>`;
  }

  private draft(entry: LateChildView): CallDraft {
    let draft = this.drafts.get(entry.child.childId);
    if (!draft) {
      draft = { who: entry.guardians[0]?.guardianId ?? "", otherName: "", note: "" };
      this.drafts.set(entry.child.childId, draft);
    }
    return draft;
  }

  private row(entry: LateChildView, receptionRoom: string): TemplateResult {
    const child = entry.child;
    const closed = entry.collectedAt !== undefined;
    return html`<li
      class="late-row ${closed ? "late-closed" : ""}"
      data-testid="late-row"
      data-child-id=${child.childId}
      data-closed=${String(closed)}
    >
      <div class="late-child">
        ${avatar(child.photo, child.name, "large")}
        <div>
          <strong class="late-name">${child.name}</strong>
          <span>${classLabel(child)} · ${child.groupName} · ${child.roomName}</span>
          <span class="chip chip-${child.status}">${t(`status.${child.status}`)}</span>
          <span class="muted">${t("gateCare.late.careEnded", { time: timeOf(entry.careEndsAt) })}</span>
        </div>
      </div>
      <div class="late-where">
        ${
          closed
            ? html`<strong class="late-collected" data-testid="late-collected"
                >${t("gateCare.late.collected", { time: timeOf(entry.collectedAt) })}</strong
              >`
            : entry.receptionRoom
              ? html`<strong data-testid="late-in-reception"
                  >${t("gateCare.late.inReception", { room: entry.receptionRoom, time: timeOf(entry.receptionAt) })}</strong
                >`
              : html`<button
                  class="btn btn-secondary btn-lg"
                  data-testid="late-to-reception"
                  ?disabled=${this.actions.busy(child.childId)}
                  @click=${() => void this.actions.toReception(entry)}
                >
                  ${t("gateCare.late.toReception", { room: receptionRoom })}
                </button>`
        }
      </div>
      <div class="late-calls">
        <strong>${t("gateCare.late.call")}</strong>
        ${
          entry.contacts.length === 0
            ? html`<p class="muted">${t("gateCare.late.noContacts")}</p>`
            : html`<ul class="contact-list" data-testid="contact-list">
              ${entry.contacts.map(contactLine)}
            </ul>`
        }
        ${closed ? nothing : this.callForm(entry)}
      </div>
    </li>`;
  }

  private callForm(entry: LateChildView): TemplateResult {
    const draft = this.draft(entry);
    const busy = this.actions.busy(entry.child.childId);
    const log = async (reached: boolean) => {
      const call =
        draft.who === ""
          ? { calledName: draft.otherName.trim(), reached, note: draft.note.trim() }
          : { guardianId: draft.who, reached, note: draft.note.trim() };
      if (await this.actions.logContact(entry, call)) draft.note = "";
    };
    return html`<div class="call-form" data-testid="call-form">
      <label>
        <span>${t("gateCare.late.callWho")}</span>
        <select
          data-testid="call-who"
          @change=${(e: Event) => {
            draft.who = (e.target as HTMLSelectElement).value;
            requestRender();
          }}
        >
          ${entry.guardians.map(
            (g) =>
              html`<option value=${g.guardianId} ?selected=${draft.who === g.guardianId}>
                ${nameWithRelation(g.name, g.relation)} ${g.phone}
              </option>`,
          )}
          <option value="" ?selected=${draft.who === ""}>${t("gateCare.late.other")}</option>
        </select>
      </label>
      ${
        draft.who === ""
          ? html`<label
              ><span>${t("gateCare.late.otherName")}</span
              ><input
                data-testid="call-other-name"
                maxlength="40"
                .value=${draft.otherName}
                @input=${(e: Event) => {
                  draft.otherName = (e.target as HTMLInputElement).value;
                }}
            /></label>`
          : nothing
      }
      <label>
        <span>${t("gateCare.late.note")}</span>
        <input
          data-testid="call-note"
          maxlength="300"
          placeholder=${t("gateCare.late.notePlaceholder")}
          .value=${draft.note}
          @input=${(e: Event) => {
            draft.note = (e.target as HTMLInputElement).value;
          }}
        />
      </label>
      <div class="call-buttons">
        <button class="btn btn-primary" data-testid="call-reached" ?disabled=${busy} @click=${() => void log(true)}>
          ${t("gateCare.late.reached")}
        </button>
        <button class="btn btn-warning" data-testid="call-not-reached" ?disabled=${busy} @click=${() => void log(false)}>
          ${t("gateCare.late.notReached")}
        </button>
      </div>
    </div>`;
  }
}

function contactLine(c: ContactView): TemplateResult {
  const result = t(c.reached ? "gateCare.late.reached" : "gateCare.late.notReached");
  const name = nameWithRelation(c.calledName, c.relation);
  return html`<li class="contact ${c.reached ? "contact-reached" : "contact-missed"}" data-testid="contact-line">
    <span>${t("gateCare.late.contactLine", { time: timeOf(c.at), name, phone: c.phone ?? "", result })}</span>
    ${c.note ? html`<span class="muted">${c.note}</span>` : nothing}
    <span class="muted">${t("gateCare.late.byLine", { by: c.byName })}</span>
  </li>`;
}
