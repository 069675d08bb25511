import { html, nothing, type TemplateResult } from "lit";
import type { DailyRecord, MonthlySummary } from "../../../protocol/reports";
import { currentLanguage, t } from "../i18n";
import { requestRender, type Screen, setConnection, setSchoolName } from "../shell/app";
import { failureText } from "../shell/format";
import { loadingView } from "../shell/screen-state";
import { serverNow } from "../shell/server-clock";
import { showToast } from "../shell/toast";
import { AmendDialog } from "./amend-dialog";
import { exportUrl, getDaily, getMonthly } from "./archive-api";
import { localDay } from "./archive-format";
import { dailyReport } from "./report-daily";
import { monthlyReport } from "./report-monthly";

type Mode = "daily" | "monthly";

/**
 * The care archive (托管档案): a day's record or a month's summary, printable on A4 (the controls
 * hide in print), exportable as CSV or Excel. Reading a day replays its journal on the server.
 */
export class ReportsScreen implements Screen {
  private mode: Mode = "daily";
  private day: string;
  private month: string;
  private group = "";
  private record: DailyRecord | undefined;
  private summary: MonthlySummary | undefined;
  private error: { code: string; message: string } | undefined;
  private loading = false;
  private disposed = false;
  private readonly amend = new AmendDialog(() => {
    showToast(t("reports.amend.saved"), "success");
    void this.load();
  });

  constructor(
    day: string | undefined,
    private readonly onAuthLost: () => void,
  ) {
    const today = localDay(serverNow());
    this.day = day ?? today;
    this.month = this.day.slice(0, 7);
    void this.load();
  }

  title(): string {
    return t("reports.title");
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = undefined;
    requestRender();
    const group = this.group || undefined;
    const answer =
      this.mode === "daily" ? await getDaily(this.day, group) : await getMonthly(this.month, group);
    if (this.disposed) return;
    this.loading = false;
    if ("error" in answer) {
      if (answer.error.code === "AUTH_REQUIRED") this.onAuthLost();
      this.error = answer.error;
      setConnection(answer.error.message === "OFFLINE" ? "offline" : "online");
    } else if (this.mode === "daily") {
      this.record = answer.data as DailyRecord;
      setSchoolName(this.record.schoolName);
    } else {
      this.summary = answer.data as MonthlySummary;
      setSchoolName(this.summary.schoolName);
    }
    requestRender();
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    void this.load();
  }

  private exportHref(format: "csv" | "xlsx"): string {
    const lang = currentLanguage();
    const group = this.group || undefined;
    return this.mode === "daily"
      ? exportUrl("daily", format, { day: this.day, group, lang })
      : exportUrl("monthly", format, { month: this.month, group, lang });
  }

  private controls(): TemplateResult {
    const groups = (this.record?.groups ?? this.summary?.groups ?? []).map((g) => ({
      id: g.groupId,
      name: g.groupName,
    }));
    return html`<div class="card report-controls" data-testid="report-controls">
      <div class="report-tabs">
        ${(["daily", "monthly"] as const).map(
          (m) => html`<button
            class="btn ${this.mode === m ? "btn-primary" : "btn-secondary"}"
            data-testid="report-mode-${m}"
            @click=${() => this.setMode(m)}
          >
            ${t(`reports.${m}`)}
          </button>`,
        )}
      </div>
      <label class="ov-field report-pick">
        <span>${this.mode === "daily" ? t("reports.day") : t("reports.month")}</span>
        ${
          this.mode === "daily"
            ? html`<input type="date" data-testid="report-day" .value=${this.day} @change=${(e: Event) => {
                this.day = (e.target as HTMLInputElement).value || this.day;
                void this.load();
              }} />`
            : html`<input type="month" data-testid="report-month" .value=${this.month} @change=${(
                e: Event,
              ) => {
                this.month = (e.target as HTMLInputElement).value || this.month;
                void this.load();
              }} />`
        }
      </label>
      <label class="ov-field report-pick">
        <span>${t("reports.group")}</span>
        <select data-testid="report-group" @change=${(e: Event) => {
          this.group = (e.target as HTMLSelectElement).value;
          void this.load();
        }}>
          <option value="" ?selected=${this.group === ""}>${t("reports.allGroups")}</option>
          ${groups.map((g) => html`<option value=${g.id} ?selected=${this.group === g.id}>${g.name}</option>`)}
        </select>
      </label>
      <div class="report-actions">
        <button class="btn btn-primary" data-testid="report-print" @click=${() => window.print()}>${t("reports.print")}</button>
        <a class="btn btn-secondary" data-testid="report-csv" href=${this.exportHref("csv")} download>${t("reports.csv")}</a>
        <a class="btn btn-secondary" data-testid="report-xlsx" href=${this.exportHref("xlsx")} download>${t("reports.excel")}</a>
        ${
          this.mode === "daily" && this.record?.signOff
            ? html`<button class="btn btn-warning" data-testid="amend-open" @click=${() => this.amend.show()}>
              ${t("reports.amend.open")}
            </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  view(): TemplateResult {
    let body: TemplateResult | typeof nothing = nothing;
    if (this.error) {
      body = html`<p class="form-error" data-testid="report-error">${failureText(this.error)}</p>`;
    } else if (this.loading && !this.record && !this.summary) {
      body = loadingView();
    } else if (this.mode === "daily" && this.record) {
      body = dailyReport(this.record, localDay(serverNow()));
    } else if (this.mode === "monthly" && this.summary) {
      body = monthlyReport(this.summary);
    }
    return html`<section class="reports-page" data-testid="reports" data-mode=${this.mode} data-loading=${this.loading}>
      ${this.controls()} ${body} ${this.record && this.mode === "daily" ? this.amend.view(this.record) : nothing}
    </section>`;
  }
}
