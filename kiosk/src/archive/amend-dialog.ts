import { html, nothing, type TemplateResult } from "lit";
import type { AmendRequest, Correction, CorrectionKind } from "../../../protocol/overview";
import type { DailyRecord } from "../../../protocol/reports";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import { amendDay } from "./archive-api";
import { dayLabel } from "./archive-format";

const KINDS: CorrectionKind[] = ["mark_collected", "record_leave", "note"];

interface Fields {
  kind: CorrectionKind;
  childId: string;
  adultName: string;
  relation: string;
  time: string;
  leaveReason: string;
  requestedBy: string;
  text: string;
  why: string;
}

const EMPTY: Fields = {
  kind: "mark_collected",
  childId: "",
  adultName: "",
  relation: "",
  time: "",
  leaveReason: "",
  requestedBy: "",
  text: "",
  why: "",
};

/** The request for the fields, or undefined while something is missing. Pure, tested. */
export function amendRequestOf(f: Fields): AmendRequest | undefined {
  const why = f.why.trim();
  if (why === "") return undefined;
  let correction: Correction | undefined;
  if (f.kind === "mark_collected" && f.childId && f.adultName.trim() && /^\d{2}:\d{2}$/.test(f.time)) {
    correction = { kind: f.kind, childId: f.childId, adultName: f.adultName.trim(), time: f.time };
    if (f.relation.trim()) correction.relation = f.relation.trim();
  }
  if (f.kind === "record_leave" && f.childId && f.leaveReason.trim() && f.requestedBy.trim()) {
    correction = {
      kind: f.kind,
      childId: f.childId,
      reason: f.leaveReason.trim(),
      requestedBy: f.requestedBy.trim(),
    };
  }
  if (f.kind === "note" && f.text.trim()) {
    correction = { kind: f.kind, text: f.text.trim(), ...(f.childId ? { childId: f.childId } : {}) };
  }
  return correction ? { reason: why, correction } : undefined;
}

/** An amendment of a signed-off day: the correction, and why; the original record stays. */
export class AmendDialog {
  private open = false;
  private fields: Fields = { ...EMPTY };
  private busy = false;
  private error: string | undefined;

  constructor(private readonly onSaved: () => void) {}

  show(): void {
    this.open = true;
    this.fields = { ...EMPTY };
    this.error = undefined;
    requestRender();
  }

  private set<K extends keyof Fields>(key: K, value: Fields[K]): void {
    this.fields = { ...this.fields, [key]: value };
    requestRender();
  }

  private async submit(day: string): Promise<void> {
    const request = amendRequestOf(this.fields);
    if (!request) {
      this.error = t("reports.amend.missing");
      requestRender();
      return;
    }
    this.busy = true;
    requestRender();
    const answer = await amendDay(day, request);
    this.busy = false;
    if ("error" in answer) this.error = failureText(answer.error);
    else {
      this.open = false;
      this.onSaved();
    }
    requestRender();
  }

  private input(key: keyof Fields, label: string, type = "text"): TemplateResult {
    return html`<label class="ov-field">
      <span>${label}</span>
      <input
        type=${type}
        data-testid="amend-${key}"
        .value=${this.fields[key]}
        @input=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value)}
      />
    </label>`;
  }

  view(record: DailyRecord): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const f = this.fields;
    const children = record.groups.flatMap((g) => g.children);
    return html`<div class="overlay" data-testid="amend-dialog">
      <form
        class="dialog ov-signoff-dialog"
        role="dialog"
        aria-modal="true"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit(record.day);
        }}
      >
        <h2>${t("reports.amend.title", { date: dayLabel(record.day, false) })}</h2>
        <p class="muted">${t("reports.amend.hint")}</p>
        <div class="report-tabs" role="group" aria-label=${t("reports.amend.kind")}>
          ${KINDS.map(
            (k) => html`<button
              type="button"
              class="btn ${f.kind === k ? "btn-primary" : "btn-secondary"}"
              data-testid="amend-kind-${k}"
              @click=${() => this.set("kind", k)}
            >
              ${t(`reports.amend.kinds.${k}`)}
            </button>`,
          )}
        </div>
        <label class="ov-field">
          <span>${t("reports.amend.child")}</span>
          <select data-testid="amend-child" @change=${(e: Event) => this.set("childId", (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${f.childId === ""}>${t("reports.amend.chooseChild")}</option>
            ${children.map((c) => html`<option value=${c.childId} ?selected=${f.childId === c.childId}>${c.name}</option>`)}
          </select>
        </label>
        ${
          f.kind === "mark_collected"
            ? html`${this.input("adultName", t("reports.amend.adultName"))}
              ${this.input("relation", t("reports.amend.relation"))} ${this.input("time", t("reports.amend.time"), "time")}`
            : nothing
        }
        ${
          f.kind === "record_leave"
            ? html`${this.input("leaveReason", t("reports.amend.reason"))}
              ${this.input("requestedBy", t("reports.amend.requestedBy"))}`
            : nothing
        }
        ${f.kind === "note" ? this.input("text", t("reports.amend.text")) : nothing}
        ${this.input("why", t("reports.amend.why"))}
        ${this.error ? html`<p class="form-error" role="alert" data-testid="amend-error">${this.error}</p>` : nothing}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary btn-lg" @click=${() => {
            this.open = false;
            requestRender();
          }}>${t("common.cancel")}</button>
          <button type="submit" class="btn btn-primary btn-lg" data-testid="amend-save" ?disabled=${this.busy}>
            ${t("reports.amend.save")}
          </button>
        </div>
      </form>
    </div>`;
  }
}
