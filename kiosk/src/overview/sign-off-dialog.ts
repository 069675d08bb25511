import { html, nothing, type TemplateResult } from "lit";
import type { GroupCounts, SignOffView } from "../../../protocol/overview";
import { signOffDay } from "../archive/archive-api";
import { dayLabel } from "../archive/archive-format";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import { countsStrip } from "./overview-parts";

/**
 * The duty leader signs the day off: the counts as they are now, a note (required while children
 * are still in school, as the server insists too), one confirm button.
 */
export class SignOffDialog {
  private open = false;
  private note = "";
  private busy = false;
  private error: string | undefined;

  constructor(private readonly onSigned: (view: SignOffView) => void) {}

  show(): void {
    this.open = true;
    this.error = undefined;
    requestRender();
  }

  close(): void {
    this.open = false;
    requestRender();
  }

  private async submit(day: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    requestRender();
    const answer = await signOffDay(day, this.note);
    this.busy = false;
    if ("error" in answer) {
      this.error = failureText(answer.error);
    } else {
      this.open = false;
      this.note = "";
      this.onSigned(answer.data);
    }
    requestRender();
  }

  view(day: string, totals: GroupCounts): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    return html`<div class="overlay" data-testid="signoff-dialog">
      <form
        class="dialog ov-signoff-dialog"
        role="dialog"
        aria-modal="true"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit(day);
        }}
      >
        <h2>${t("overview.dialogTitle", { date: dayLabel(day, false) })}</h2>
        <p class="muted">${t("overview.dialogHint")}</p>
        ${countsStrip(totals, "signoff-counts")}
        ${
          totals.present > 0
            ? html`<p class="form-error" data-testid="signoff-present">
              ${t("overview.stillPresent", { count: totals.present })}
            </p>`
            : nothing
        }
        <label class="ov-field">
          <span>${t("overview.note")}</span>
          <textarea
            rows="3"
            data-testid="signoff-note"
            placeholder=${t("overview.notePlaceholder")}
            .value=${this.note}
            @input=${(e: Event) => {
              this.note = (e.target as HTMLTextAreaElement).value;
              if (this.error) {
                this.error = undefined;
                requestRender();
              }
            }}
          ></textarea>
        </label>
        ${this.error ? html`<p class="form-error" role="alert" data-testid="signoff-error">${this.error}</p>` : nothing}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary btn-lg" @click=${() => this.close()}>${t("common.cancel")}</button>
          <button type="submit" class="btn btn-primary btn-lg" data-testid="signoff-confirm" ?disabled=${this.busy}>
            ${this.busy ? t("overview.signing") : t("overview.confirm")}
          </button>
        </div>
      </form>
    </div>`;
  }
}
