import { html, nothing, type TemplateResult } from "lit";
import type { ImportPreview, ImportProblem } from "../../../protocol/admin";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import { adminApi, IMPORT_MAX_BYTES } from "./admin-api";
import type { AdminHost } from "./admin-panel";
import { problemText } from "./admin-problem-text";

/**
 * Roster import: choose a .xlsx or .csv file, see every row with each bad cell marked and every
 * problem listed (nothing is written), then import, which applies the whole file or nothing.
 */

export interface ImportState {
  file?: File;
  preview?: ImportPreview;
  busy?: boolean;
  error?: string;
  done?: { rows: number; children: number };
}

interface ImportHost extends AdminHost {
  importState: ImportState;
}

async function choose(screen: ImportHost, file: File | undefined): Promise<void> {
  screen.importState = file ? { file, busy: true } : {};
  requestRender();
  if (!file) return;
  if (file.size > IMPORT_MAX_BYTES) {
    screen.importState = { file, error: t("admin.import.tooLarge") };
    requestRender();
    return;
  }
  const answer = await adminApi.preview(file);
  screen.importState =
    "error" in answer ? { file, error: failureText(answer.error) } : { file, preview: answer.data };
  requestRender();
}

async function apply(screen: ImportHost): Promise<void> {
  const { file } = screen.importState;
  if (!file) return;
  screen.importState = { ...screen.importState, busy: true };
  requestRender();
  const result = await screen.run(adminApi.importRoster(file), t("admin.import.doneToast"));
  screen.importState = result
    ? { done: { rows: result.rows, children: result.summary.added.children ?? 0 } }
    : { ...screen.importState, busy: false };
  requestRender();
}

export function importPanel(screen: ImportHost): TemplateResult {
  const state = screen.importState;
  const preview = state.preview;
  return html`<div class="admin-panel" data-testid="admin-import">
    <h3>${t("admin.import.title")}</h3>
    <p class="muted">${t("admin.import.hint")}</p>
    <label class="btn btn-primary admin-file">
      ${t("admin.import.choose")}
      <input
        type="file"
        accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        data-testid="import-file"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void choose(screen, input.files?.[0]);
          input.value = "";
        }}
      />
    </label>
    ${state.file ? html`<span class="mono" data-testid="import-file-name">${state.file.name}</span>` : nothing}
    ${state.busy ? html`<p class="muted">${t("common.loading")}</p>` : nothing}
    ${state.error ? html`<p class="form-error" data-testid="import-error">${state.error}</p>` : nothing}
    ${
      state.done
        ? html`<p class="admin-ok" data-testid="import-done">
            ${t("admin.import.done", { rows: state.done.rows, children: state.done.children })}
          </p>`
        : nothing
    }
    ${preview ? previewView(screen, preview, state.busy === true) : nothing}
  </div>`;
}

function previewView(screen: ImportHost, preview: ImportPreview, busy: boolean): TemplateResult {
  const bad = preview.problems.length > 0;
  const byCell = new Map<string, ImportProblem[]>();
  for (const p of preview.problems) {
    const key = `${p.row}\u0000${p.column}`;
    byCell.set(key, [...(byCell.get(key) ?? []), p]);
  }
  const badRows = new Set(preview.problems.map((p) => p.row));
  const added = preview.summary?.added;
  return html`<div class="admin-preview" data-testid="import-preview" data-ok=${!bad}>
    ${
      bad
        ? html`<p class="form-error">${t("admin.import.problems", { count: preview.problems.length, rows: badRows.size })}</p>
            <ul class="admin-problems">
              ${preview.problems.map(
                (p) => html`<li data-testid="import-problem" data-row=${p.row} data-column=${p.column}>
                  <strong>${t("admin.import.at", { row: p.row, column: p.column || "—" })}</strong> ${problemText(p)}
                </li>`,
              )}
            </ul>`
        : html`<p class="admin-ok" data-testid="import-ready">
            ${t("admin.import.ready", {
              rows: preview.rows.length,
              children: added?.children ?? 0,
              guardians: added?.guardians ?? 0,
              cards: added?.cards ?? 0,
            })}
          </p>`
    }
    <div class="admin-table-scroll">
      <table class="admin-table admin-preview-table">
        <thead>
          <tr>
            <th>${t("admin.import.row")}</th>
            ${preview.header.map((h) => html`<th>${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${preview.rows.map(
            (row) => html`<tr
              data-testid="import-row"
              data-line=${row.line}
              class=${badRows.has(row.line) ? "row-bad" : ""}
            >
              <td class="mono">${row.line}</td>
              ${preview.header.map((h, i) => {
                const messages = byCell.get(`${row.line}\u0000${h}`);
                return html`<td class=${messages ? "cell-bad" : ""} title=${messages?.map((p) => problemText(p)).join("\n") ?? ""}>
                  ${row.cells[i] ?? ""}
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <button
      class="btn btn-primary btn-lg"
      data-testid="import-apply"
      ?disabled=${bad || busy}
      @click=${() => void apply(screen)}
    >
      ${bad ? t("admin.import.fixFirst") : t("admin.import.apply")}
    </button>
  </div>`;
}
