import { html, nothing, type TemplateResult } from "lit";
import type { ChildHistory } from "../../../protocol/child-history";
import { currentLanguage, t } from "../i18n";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import { call } from "../shell/http";

/**
 * One child's history for the office: every recorded day's check-ins, adults who came, releases,
 * collections, leaves and alerts, from the journals (server/archive/child-history.ts), with the
 * CSV and the full JSON export as downloads.
 */

export interface HistoryState {
  childId?: string;
  history?: ChildHistory;
  error?: string;
}

const enc = encodeURIComponent;

export async function loadHistory(state: HistoryState, childId: string): Promise<void> {
  state.childId = childId;
  delete state.history;
  delete state.error;
  requestRender();
  const answer = await call<ChildHistory>("GET", `/api/admin/children/${enc(childId)}/history`);
  if (state.childId !== childId) return;
  if ("error" in answer) state.error = failureText(answer.error);
  else state.history = answer.data;
  requestRender();
}

export function historyPanel(state: HistoryState): TemplateResult {
  if (!state.childId) return html`<div class="admin-panel"><p class="muted">${t("history.pick")}</p></div>`;
  if (state.error) return html`<div class="admin-panel"><p class="form-error">${state.error}</p></div>`;
  const history = state.history;
  if (!history) return html`<div class="admin-panel"><p class="muted">${t("common.loading")}</p></div>`;
  const base = `/api/admin/children/${enc(history.child.id)}`;
  const lang = currentLanguage();
  return html`<div class="admin-panel" data-testid="child-history">
    <h3>${t("history.title", { name: history.child.name })}</h3>
    <div class="admin-toolbar">
      <a class="btn btn-secondary" data-testid="history-csv" href="${base}/history.csv?lang=${lang}" download>
        ${t("history.export")}
      </a>
      <a class="btn btn-secondary" href="${base}/export" download>${t("history.exportJson")}</a>
    </div>
    ${
      history.entries.length === 0
        ? html`<p class="muted">${t("history.empty")}</p>`
        : html`<table class="admin-table">
            <thead>
              <tr>
                <th>${t("history.day")}</th><th>${t("history.time")}</th>
                <th>${t("history.event")}</th><th>${t("history.detail")}</th>
              </tr>
            </thead>
            <tbody>
              ${history.entries.map(
                (e) => html`<tr data-testid="history-entry" data-kind=${e.kind}>
                  <td>${e.day}</td><td>${e.time}</td>
                  <td>${t(`history.kinds.${e.kind}`)}${e.kind === "other" ? html` <span class="mono">${e.eventType}</span>` : nothing}</td>
                  <td>${e.detail}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
    }
  </div>`;
}
