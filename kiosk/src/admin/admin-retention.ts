import { html, nothing, type TemplateResult } from "lit";
import {
  type PurgePreview,
  RETENTION_LIMITS,
  type RetentionUpdate,
  type RetentionView,
} from "../../../protocol/retention";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText, timeOf } from "../shell/format";
import { call } from "../shell/http";
import { showToast } from "../shell/toast";
import { formFields } from "./admin-panel";

/**
 * The retention settings (PIPL): how long a withdrawn child's photos and contacts are kept and how
 * many years the journals keep names, the last purge run, and what a purge would remove now (the
 * server's dry run; the purge itself runs every night). Read afresh on each visit.
 */

export interface RetentionState {
  view?: RetentionView;
  preview?: PurgePreview;
  /** A load or save failure, or the form's own mistake, in the screen's language. */
  error?: string;
  previewError?: string;
  saving?: boolean;
}

const FIELDS = ["withdrawnDataDays", "journalYears"] as const;

export async function loadRetention(state: RetentionState): Promise<void> {
  const [view, preview] = await Promise.all([
    call<RetentionView>("GET", "/api/admin/retention"),
    call<PurgePreview>("GET", "/api/admin/retention/preview"),
  ]);
  if ("error" in view) state.error = failureText(view.error);
  else state.view = view.data;
  if ("error" in preview) {
    state.previewError = failureText(preview.error);
    delete state.preview;
  } else {
    state.preview = preview.data;
    delete state.previewError;
  }
  requestRender();
}

/** The form's numbers, or the first field that is no whole number in its range. */
function parsed(fields: Record<string, string>): RetentionUpdate | { wrong: (typeof FIELDS)[number] } {
  const out: Partial<RetentionUpdate> = {};
  for (const field of FIELDS) {
    const value = Number(fields[field]);
    const { min, max } = RETENTION_LIMITS[field];
    if (fields[field] === "" || !Number.isInteger(value) || value < min || value > max)
      return { wrong: field };
    out[field] = value;
  }
  return out as RetentionUpdate;
}

async function save(state: RetentionState, event: Event): Promise<void> {
  const input = parsed(formFields(event));
  if (state.saving) return;
  if ("wrong" in input) {
    state.error = t(`retention.invalid.${input.wrong}`, RETENTION_LIMITS[input.wrong]);
    requestRender();
    return;
  }
  state.saving = true;
  delete state.error;
  requestRender();
  const answer = await call<RetentionView>("PUT", "/api/admin/retention", input);
  state.saving = false;
  if ("error" in answer) {
    state.error = failureText(answer.error);
    requestRender();
    return;
  }
  showToast(t("admin.saved"), "success", 3000);
  await loadRetention(state);
}

export function retentionPanel(state: RetentionState): TemplateResult {
  const error = state.error
    ? html`<p class="admin-error" role="alert" data-testid="retention-error">${state.error}</p>`
    : nothing;
  const view = state.view;
  if (!view) return html`<div class="admin-panel" data-testid="admin-retention">${error}</div>`;
  return html`<div class="admin-panel" data-testid="admin-retention">
    <h3>${t("retention.title")}</h3>
    <p class="muted">
      ${t("retention.hint")}
      ${view.isDefault ? html`<span class="chip" data-testid="retention-default">${t("retention.isDefault")}</span>` : nothing}
    </p>
    <form class="admin-form" data-testid="retention-form" novalidate @submit=${(e: Event) => void save(state, e)}>
      ${FIELDS.map(
        (field) => html`<label>
          ${t(`retention.${field}`)}
          <input
            type="number"
            name=${field}
            step="1"
            min=${RETENTION_LIMITS[field].min}
            max=${RETENTION_LIMITS[field].max}
            .value=${String(view.retention[field])}
            data-testid=${`retention-${field}`}
          />
        </label>`,
      )}
      <button class="btn btn-primary" type="submit" data-testid="retention-save" ?disabled=${state.saving === true}>
        ${t("admin.save")}
      </button>
    </form>
    ${error}
    <p data-testid="retention-last-purge">${lastPurgeText(view)}</p>
    <h3>${t("retention.previewTitle")}</h3>
    ${state.previewError ? html`<p class="admin-error">${state.previewError}</p>` : previewView(state.preview)}
  </div>`;
}

function lastPurgeText(view: RetentionView): string {
  const last = view.lastPurge;
  if (!last) return t("retention.lastPurge.never");
  const key = last.changeId ? "retention.lastPurge.removed" : "retention.lastPurge.nothing";
  return t(key, { day: last.day, time: timeOf(last.at) });
}

function previewView(preview: PurgePreview | undefined): TemplateResult {
  if (!preview) return html`<p class="muted">${t("common.loading")}</p>`;
  const removes = (list: string[]) =>
    list.map((r) => t(`retention.removes.${r}`)).join(t("common.listSeparator"));
  const empty = preview.children.length + preview.guardians.length + preview.journalDays.length === 0;
  return html`<div data-testid="retention-preview" data-today=${preview.today}>
    <p class="muted">${t("retention.previewHint", { today: preview.today, cutoff: preview.journalCutoff })}</p>
    ${
      empty
        ? html`<p data-testid="retention-preview-empty">${t("retention.nothingDue")}</p>`
        : html`<table class="admin-table">
            <thead>
              <tr><th>${t("retention.what")}</th><th>${t("retention.name")}</th><th>${t("retention.removed")}</th></tr>
            </thead>
            <tbody>
              ${preview.children.map(
                (c) => html`<tr data-testid="retention-preview-child" data-child-id=${c.childId}>
                  <td>${t("retention.child", { day: c.withdrawnFrom })}</td><td>${c.name}</td><td>${removes(c.removes)}</td>
                </tr>`,
              )}
              ${preview.guardians.map(
                (g) => html`<tr data-testid="retention-preview-guardian" data-guardian-id=${g.guardianId}>
                  <td>${t("retention.guardian")}</td><td>${g.name}</td><td>${removes(g.removes)}</td>
                </tr>`,
              )}
              ${preview.journalDays.map(
                (d) => html`<tr data-testid="retention-preview-journal" data-day=${d.day}>
                  <td>${t("retention.journal", { day: d.day })}</td><td></td>
                  <td>${t("retention.pseudonyms", { count: d.entries })}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
    }
  </div>`;
}
