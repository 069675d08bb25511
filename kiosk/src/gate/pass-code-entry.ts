import { html, nothing, type TemplateResult } from "lit";
import type { Ack } from "../../../protocol/errors";
import type { PassResult } from "../../../protocol/model";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText, passResultText } from "../shell/format";
import { showToast } from "../shell/toast";

/**
 * The guard's "输入代接码" field: when a delegate's QR code will not scan (cracked phone screen,
 * crumpled paper), the guard types the eight-character code printed under it.
 */
export class PassCodeEntry {
  private value = "";
  private busy = false;
  private last: { text: string; ok: boolean } | undefined;

  constructor(private readonly send: (code: string) => Promise<Ack<PassResult>>) {}

  private async submit(): Promise<void> {
    const code = this.value.trim();
    if (code === "" || this.busy) return;
    this.busy = true;
    requestRender();
    const answer = await this.send(code);
    this.busy = false;
    if ("error" in answer) {
      this.last = { text: failureText(answer.error), ok: false };
    } else {
      const result = answer.data;
      const ok = !result.refused && result.children.some((c) => c.outcome === "requested");
      this.last = { text: passResultText(result), ok };
      if (ok) this.value = "";
    }
    showToast(this.last.text, this.last.ok ? "success" : "warning", 5000);
    requestRender();
  }

  view(): TemplateResult {
    return html`<form
      class="pass-code-entry"
      data-testid="pass-code-form"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.submit();
      }}
    >
      <label for="pass-code-input">${t("pass.codeLabel")}</label>
      <input
        id="pass-code-input"
        class="mono"
        data-testid="pass-code-input"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        maxlength="64"
        placeholder=${t("pass.codePlaceholder")}
        .value=${this.value}
        @input=${(e: Event) => {
          this.value = (e.target as HTMLInputElement).value;
        }}
      />
      <button class="btn btn-primary" data-testid="pass-code-submit" ?disabled=${this.busy}>
        ${t("pass.codeSubmit")}
      </button>
      ${
        this.last
          ? html`<p
            class="pass-code-result ${this.last.ok ? "ok" : "refused"}"
            data-testid="pass-code-result"
            data-ok=${String(this.last.ok)}
          >
            ${this.last.text}
          </p>`
          : nothing
      }
    </form>`;
  }
}
