import { html, nothing, type TemplateResult } from "lit";
import type { PhotoImportPreview, PhotoImportResult } from "../../../protocol/photo-import";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import { call } from "../shell/http";
import type { AdminHost } from "./admin-panel";

/**
 * Photos in bulk: choose a zip, see who gets which photo and which files cannot be used (nothing
 * is written), then import. The zip is sent again to import it (server/photos/photo-import.ts).
 */

export interface PhotoImportState {
  file?: File;
  preview?: PhotoImportPreview;
  busy?: boolean;
  error?: string;
  saved?: number;
}

interface PhotoImportHost extends AdminHost {
  photoImport: PhotoImportState;
}

const previewZip = (file: Blob) => call<PhotoImportPreview>("POST", "/api/admin/photos/import/preview", file);
const importZip = (file: Blob) => call<PhotoImportResult>("POST", "/api/admin/photos/import", file);

async function choose(screen: PhotoImportHost, file: File | undefined): Promise<void> {
  screen.photoImport = file ? { file, busy: true } : {};
  requestRender();
  if (!file) return;
  const answer = await previewZip(file);
  screen.photoImport =
    "error" in answer
      ? {
          file,
          error:
            answer.error.code === "VALIDATION_FAILED" ? t("photoImport.refused") : failureText(answer.error),
        }
      : { file, preview: answer.data };
  requestRender();
}

async function apply(screen: PhotoImportHost): Promise<void> {
  const { file } = screen.photoImport;
  if (!file) return;
  screen.photoImport = { ...screen.photoImport, busy: true };
  requestRender();
  const result = await screen.run(importZip(file));
  screen.photoImport = result
    ? { saved: result.saved, preview: result }
    : { ...screen.photoImport, busy: false };
  requestRender();
}

export function photoImportPanel(screen: PhotoImportHost): TemplateResult {
  const state = screen.photoImport;
  return html`<div class="admin-panel" data-testid="photo-import">
    <h3>${t("photoImport.title")}</h3>
    <p class="muted">${t("photoImport.hint")}</p>
    <label class="btn btn-primary admin-file">
      ${t("photoImport.choose")}
      <input
        type="file"
        accept=".zip,application/zip"
        data-testid="photo-import-file"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void choose(screen, input.files?.[0]);
          input.value = "";
        }}
      />
    </label>
    ${state.file ? html`<span class="mono">${state.file.name}</span>` : nothing}
    ${state.busy ? html`<p class="muted">${t("common.loading")}</p>` : nothing}
    ${state.error ? html`<p class="form-error" data-testid="photo-import-error">${state.error}</p>` : nothing}
    ${
      state.saved !== undefined
        ? html`<p class="admin-ok" data-testid="photo-import-done">${t("photoImport.done", { count: state.saved })}</p>`
        : nothing
    }
    ${state.preview ? previewView(screen, state.preview, state.saved === undefined && state.busy !== true) : nothing}
  </div>`;
}

function previewView(
  screen: PhotoImportHost,
  preview: PhotoImportPreview,
  canApply: boolean,
): TemplateResult {
  return html`<div class="admin-preview" data-testid="photo-import-preview">
    <p class="admin-ok">${t("photoImport.matches", { count: preview.matches.length })}</p>
    <table class="admin-table">
      <thead>
        <tr><th>${t("photoImport.file")}</th><th>${t("photoImport.person")}</th><th></th></tr>
      </thead>
      <tbody>
        ${preview.matches.map(
          (m) => html`<tr data-testid="photo-import-match" data-file=${m.file}>
            <td class="mono">${m.file}</td>
            <td>${t(`photoImport.kind.${m.kind}`)} ${m.name} <span class="mono">${m.id}</span></td>
            <td>${m.replaces ? t("photoImport.replaces") : t("photoImport.isNew")}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${
      preview.misses.length > 0
        ? html`<p class="form-error">${t("photoImport.misses", { count: preview.misses.length })}</p>
            <table class="admin-table">
              <thead>
                <tr><th>${t("photoImport.file")}</th><th>${t("photoImport.reason")}</th></tr>
              </thead>
              <tbody>
                ${preview.misses.map(
                  (m) => html`<tr data-testid="photo-import-miss" data-file=${m.file} data-reason=${m.reason}>
                    <td class="mono">${m.file}</td>
                    <td>${t(`photoImport.reasons.${m.reason}`)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        : nothing
    }
    ${
      canApply && preview.matches.length > 0
        ? html`<button class="btn btn-primary" data-testid="photo-import-apply" @click=${() => void apply(screen)}>
            ${t("photoImport.apply")}
          </button>`
        : nothing
    }
  </div>`;
}
