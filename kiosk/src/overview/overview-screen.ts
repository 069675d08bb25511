import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { ViewSnapshot } from "../../../protocol/model";
import { OVERVIEW_FLAGS, type OverviewSnapshot, type SignOffView } from "../../../protocol/overview";
import { dayLabel } from "../archive/archive-format";
import { t } from "../i18n";
import { type AckHandler, alertListView, openAlerts, replaceAlert } from "../shell/alert-ack";
import { appState, requestRender, type Screen, setConnection, setSchoolName } from "../shell/app";
import { failureText, timeOf } from "../shell/format";
import { joinErrorView, loadingView } from "../shell/screen-state";
import { showToast } from "../shell/toast";
import { attentionList, countsStrip, groupCard } from "./overview-parts";
import { OverviewConnection } from "./overview-socket";
import { addOverviewAlert, applyOverviewUpdate, flagged } from "./overview-state";
import { SignOffDialog } from "./sign-off-dialog";

/** The duty leader's screen (带班领导 / 值周): the whole school at a glance, and the day's sign-off. */
export class OverviewScreen implements Screen {
  private overview: OverviewSnapshot | undefined;
  private joinError: string | undefined;
  private readonly connection: OverviewConnection;
  private readonly dialog = new SignOffDialog((view) => this.signed(view));

  constructor(onAuthLost: () => void) {
    this.connection = new OverviewConnection({
      snapshot: (snapshot) => this.applySnapshot(snapshot),
      joinFailed: (code) => {
        this.joinError = code;
        requestRender();
      },
      update: (update) => {
        if (!this.overview) return;
        this.overview = applyOverviewUpdate(this.overview, update);
        requestRender();
      },
      alertRaised: (alert) => {
        if (!this.overview) return;
        this.overview = addOverviewAlert(this.overview, alert);
        requestRender();
      },
      alertAcknowledged: (alert) => {
        if (!this.overview) return;
        this.overview = { ...this.overview, alerts: replaceAlert(this.overview.alerts, alert) };
        requestRender();
      },
      connection: setConnection,
      authLost: onAuthLost,
    });
  }

  /** Alerts never acknowledged at the gate stay open here; the leader can close them with a note. */
  private readonly acknowledge: AckHandler = async (alert, note) => {
    const answer = await this.connection.acknowledge(alert.id, note);
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
      return;
    }
    if (this.overview)
      this.overview = { ...this.overview, alerts: replaceAlert(this.overview.alerts, answer.data) };
    requestRender();
  };

  title(): string {
    return t("overview.title");
  }

  dispose(): void {
    this.connection.close();
  }

  private applySnapshot(snapshot: ViewSnapshot): void {
    if (!snapshot.overview) return;
    this.overview = snapshot.overview;
    this.joinError = undefined;
    setSchoolName(snapshot.schoolName);
    requestRender();
  }

  private signed(view: SignOffView): void {
    if (this.overview) this.overview = { ...this.overview, signOff: view };
    showToast(t("overview.signedToast"), "success", 4000);
  }

  view(): TemplateResult {
    const o = this.overview;
    if (!o)
      return this.joinError ? joinErrorView(this.joinError, () => this.connection.join()) : loadingView();
    return html`<section class="overview-page" data-testid="overview" data-day=${o.day}>
      <div class="ov-top">
        <div>
          <h1 class="ov-day">${t("overview.day", { date: dayLabel(o.day, false) })}</h1>
          ${o.careDay ? nothing : html`<p class="muted" data-testid="no-care">${t("overview.noCare")}</p>`}
        </div>
        ${this.signOffView(o)}
      </div>
      <div class="card ov-totals">
        <h2>${t("overview.totals")}</h2>
        ${countsStrip(o.totals, "totals")}
      </div>
      <div class="ov-lists">${OVERVIEW_FLAGS.map((flag) => attentionList(flag, flagged(o, flag)))}</div>
      <h2 class="ov-heading">${t("overview.groups")}</h2>
      <div class="ov-groups">
        ${repeat(
          o.groups,
          (g) => g.groupId,
          (g) => groupCard(g),
        )}
      </div>
      <section class="card ov-alerts" data-testid="overview-alerts">
        <h2>${t("overview.alerts")}</h2>
        ${
          o.alerts.length === 0
            ? html`<p class="muted">${t("overview.noAlerts")}</p>`
            : html`<p class="ov-alerts-open" data-testid="overview-alerts-open">
                  ${t("guard.ack.open", { count: openAlerts(o.alerts).length })}
                </p>
                ${alertListView(o.alerts.slice(0, 50), this.acknowledge)}`
        }
      </section>
      ${this.dialog.view(o.day, o.totals)}
    </section>`;
  }

  private signOffView(o: OverviewSnapshot): TemplateResult {
    const record = html`<a class="btn btn-secondary" href="#/reports/${o.day}" data-testid="open-record"
      >${t("overview.openRecord")}</a
    >`;
    // The district reads; the school's duty leader signs (the server refuses the district anyway).
    if (!o.signOff && appState.user?.role === "district")
      return html`<div class="ov-signoff">${record}</div>`;
    if (!o.signOff) {
      return html`<div class="ov-signoff">
        <button class="btn btn-primary btn-lg" data-testid="signoff-open" @click=${() => this.dialog.show()}>
          ${t("overview.signOff")}
        </button>
        ${record}
      </div>`;
    }
    const s = o.signOff;
    return html`<div class="ov-signoff ov-signed" data-testid="signed-off">
      <strong>✓ ${t("overview.signedOff", { name: s.byName, time: timeOf(s.at) })}</strong>
      ${s.note ? html`<span>${t("overview.signedNote", { note: s.note })}</span>` : nothing}
      ${o.afterSignOff > 0 ? html`<span class="muted">${t("overview.afterSignOff", { count: o.afterSignOff })}</span>` : nothing}
      ${
        o.amendments.length > 0
          ? html`<span class="muted">${t("overview.amendments", { count: o.amendments.length })}</span>`
          : nothing
      }
      ${record}
    </div>`;
  }
}
