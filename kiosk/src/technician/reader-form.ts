import { html, type TemplateResult } from "lit";
import type { HardwareProfileSummary } from "../../../protocol/technician";
import { t } from "../i18n";
import type { ReaderDraft } from "./technician-state";

export interface ReaderFormOptions {
  deviceName: string;
  drafts: ReaderDraft[];
  profiles: HardwareProfileSummary[];
  busy: boolean;
  error: string | undefined;
  onChange(drafts: ReaderDraft[]): void;
  onSave(): void;
  onCancel(): void;
}

const MAX_READERS = 8;

/** Profile and port per reader of one device, saved to the server and pushed to its agent. */
export function readerForm(o: ReaderFormOptions): TemplateResult {
  const set = (index: number, change: Partial<ReaderDraft>) =>
    o.onChange(o.drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  const firstProfile = o.profiles[0]?.id ?? "";
  return html`<section class="card reader-form" data-testid="reader-form">
    <h3>${t("technician.setupTitle", { device: o.deviceName })}</h3>
    <p class="muted">${t("technician.setupHint")}</p>
    ${o.drafts.map(
      (draft, index) => html`<div class="reader-form-row">
        <label
          >${t("technician.profile")}
          <select
            data-testid="reader-profile"
            .value=${draft.profile}
            @change=${(e: Event) => set(index, { profile: (e.target as HTMLSelectElement).value })}
          >
            ${o.profiles.map(
              (p) =>
                html`<option value=${p.id} ?selected=${p.id === draft.profile}>${p.name} (${p.id})</option>`,
            )}
          </select>
        </label>
        <label
          >${t("technician.port")}
          <input
            data-testid="reader-path"
            class="mono"
            .value=${draft.path}
            placeholder=${t("technician.pathPlaceholder")}
            @input=${(e: Event) => set(index, { path: (e.target as HTMLInputElement).value, readerId: "" })}
          />
        </label>
        <button
          class="btn btn-ghost"
          data-testid="reader-remove"
          @click=${() => o.onChange(o.drafts.filter((_, i) => i !== index))}
        >
          ${t("technician.removeReader")}
        </button>
      </div>`,
    )}
    ${o.error ? html`<p class="form-error" data-testid="reader-error">${o.error}</p>` : ""}
    <div class="form-actions">
      <button
        class="btn btn-secondary"
        data-testid="reader-add"
        ?disabled=${o.drafts.length >= MAX_READERS}
        @click=${() => o.onChange([...o.drafts, { readerId: "", profile: firstProfile, path: "" }])}
      >
        ${t("technician.addReader")}
      </button>
      <span class="spacer"></span>
      <button class="btn btn-ghost" @click=${o.onCancel}>${t("common.cancel")}</button>
      <button class="btn btn-primary" data-testid="reader-save" ?disabled=${o.busy} @click=${o.onSave}>
        ${o.busy ? t("technician.saving") : t("technician.save")}
      </button>
    </div>
  </section>`;
}
