import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { EarlyAskView } from "../../../protocol/gate";
import { t } from "../i18n";
import { avatar } from "../shell/avatar";
import { classLabel, relationLabel, timeOf } from "../shell/format";

export interface EarlyActions {
  register(ask: EarlyAskView, reason: string): Promise<boolean>;
  cancel(ask: EarlyAskView): Promise<boolean>;
  busy(id: string): boolean;
}

/**
 * Early pickups (rule 7): an adult came before the child's dismissal window. The guard asks why,
 * writes it and registers; only then does the room hear of it. Decided ones stay as a record.
 */
export class EarlyPanel {
  private readonly reasons = new Map<string, string>();

  constructor(private readonly actions: EarlyActions) {}

  view(early: readonly EarlyAskView[]): TemplateResult | typeof nothing {
    if (early.length === 0) return nothing;
    const pending = early.filter((e) => e.status === "pending");
    const decided = early.filter((e) => e.status !== "pending");
    return html`<section class="panel early-panel ${pending.length > 0 ? "early-open" : ""}" data-testid="early-panel">
      <div class="panel-head">
        <h2>${t("gateCare.early.title")}</h2>
        <p class="muted">${t("gateCare.early.hint")}</p>
      </div>
      <ol class="early-list">
        ${repeat(
          pending,
          (e) => e.id,
          (e) => this.pendingRow(e),
        )}
      </ol>
      ${
        decided.length > 0
          ? html`<ul class="early-decided" data-testid="early-decided">
            ${decided.map((e) => html`<li data-testid="early-decided-row" data-status=${e.status}>${decidedLine(e)}</li>`)}
          </ul>`
          : nothing
      }
    </section>`;
  }

  private pendingRow(ask: EarlyAskView): TemplateResult {
    const reason = this.reasons.get(ask.id) ?? "";
    const busy = this.actions.busy(ask.id);
    const submit = async () => {
      // Read at submit time: typing does not re-render, so the value captured at render is stale.
      const typed = (this.reasons.get(ask.id) ?? "").trim();
      if (await this.actions.register(ask, typed)) this.reasons.delete(ask.id);
    };
    return html`<li class="early-row" data-testid="early-row" data-ask-id=${ask.id} data-child-id=${ask.child.childId}>
      <div class="early-who">
        ${avatar(ask.adult.photo, ask.adult.name)}
        <div>
          <strong>${ask.adult.name}</strong>
          <span>${ask.adult.passId ? t("pass.delegateChip") : relationLabel(ask.adult.relation)}</span>
        </div>
      </div>
      <div class="early-child">
        ${avatar(ask.child.photo, ask.child.name)}
        <div>
          <strong>${ask.child.name}</strong>
          <span>${classLabel(ask.child)} · ${ask.child.groupName}</span>
          <span class="muted">${t("gateCare.early.at", { time: timeOf(ask.at), gate: ask.gateName })}</span>
        </div>
      </div>
      <form
        class="early-form"
        @submit=${(e: Event) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          <span>${t("gateCare.early.reason")}</span>
          <input
            data-testid="early-reason"
            maxlength="200"
            placeholder=${t("gateCare.early.reasonPlaceholder")}
            .value=${reason}
            @input=${(e: Event) => this.reasons.set(ask.id, (e.target as HTMLInputElement).value)}
          />
        </label>
        <div class="early-buttons">
          <button class="btn btn-warning btn-lg" data-testid="early-register" ?disabled=${busy}>
            ${t("gateCare.early.register")}
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="early-cancel"
            ?disabled=${busy}
            @click=${() => void this.actions.cancel(ask)}
          >
            ${t("gateCare.early.cancel")}
          </button>
        </div>
      </form>
    </li>`;
  }
}

function decidedLine(ask: EarlyAskView): TemplateResult {
  const by = ask.decidedByName ?? "";
  const time = timeOf(ask.decidedAt);
  const what =
    ask.status === "registered"
      ? t("gateCare.early.registered", { reason: ask.reason ?? "", by, time })
      : t("gateCare.early.cancelled", { by, time });
  return html`<strong>${ask.child.name}</strong> · ${ask.adult.name} · ${what}`;
}
