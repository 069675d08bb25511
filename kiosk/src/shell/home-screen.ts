import { html, nothing, type TemplateResult } from "lit";
import type { GroupSummary, SessionUser } from "../../../protocol/model";
import { t } from "../i18n";
import { adminHomeCard } from "./admin-home";
import { requestRender, type Screen, setConnection } from "./app";
import { DistrictHome } from "./district-home";
import { failureText } from "./format";
import { getGroups } from "./session-api";
import { staffSignCard } from "./staff-sign";

/** The start page: what this user may open, by role. */
export class HomeScreen implements Screen {
  private groups: GroupSummary[] | undefined;
  private error: { code: string; message: string } | undefined;
  private disposed = false;
  private readonly district: DistrictHome | undefined;

  constructor(private readonly user: SessionUser) {
    if (this.mayOpenRooms()) void this.load();
    if (user.role === "district") this.district = new DistrictHome(() => this.disposed);
  }

  private mayOpenRooms(): boolean {
    return this.user.role === "teacher" || this.user.role === "admin";
  }

  private mayOpenGate(): boolean {
    return this.user.role === "guard" || this.user.role === "admin";
  }

  /** The duty leader, the office and the district: the whole-school overview and the care archive. */
  private mayOversee(): boolean {
    if (this.district) return this.district.hasChosen();
    return this.user.role === "leader" || this.user.role === "admin";
  }

  private async load(): Promise<void> {
    this.error = undefined;
    const answer = await getGroups();
    if (this.disposed) return;
    if ("error" in answer) {
      this.error = answer.error;
      setConnection(answer.error.message === "OFFLINE" ? "offline" : "online");
    } else {
      this.groups = answer.data;
      setConnection("online");
    }
    requestRender();
  }

  title(): string {
    return "";
  }

  dispose(): void {
    this.disposed = true;
  }

  view(): TemplateResult {
    const technician = this.user.role === "technician" || this.user.role === "admin";
    return html`<section class="home-page">
      <h1 class="greeting">${t("home.greeting", { name: this.user.displayName })}</h1>
      <div class="home-grid">
        ${this.mayOpenRooms() ? this.roomsView() : nothing}
        ${this.mayOpenGate() ? this.gateView() : nothing}
        ${technician ? this.technicianView() : nothing}
        ${this.user.role === "admin" ? adminHomeCard() : nothing}
        ${this.district ? this.district.view() : nothing}
        ${this.user.role === "technician" || this.district ? nothing : staffSignCard()}
        ${this.mayOversee() ? this.overseeView() : nothing}
      </div>
    </section>`;
  }

  private roomsView(): TemplateResult {
    let body: TemplateResult;
    if (this.error) {
      body = html`<p class="form-error" data-testid="home-error">${failureText(this.error)}</p>
        <button class="btn btn-secondary" @click=${() => this.load()}>${t("common.retry")}</button>`;
    } else if (this.groups === undefined) {
      body = html`<p class="muted">${t("common.loading")}</p>`;
    } else if (this.groups.length === 0) {
      body = html`<p class="muted" data-testid="no-groups">${t("home.noGroups")}</p>`;
    } else {
      body = html`<div class="group-list">
        ${this.groups.map(
          (
            group,
          ) => html`<a class="group-link" href="#/room/${encodeURIComponent(group.id)}" data-testid="open-room" data-group-id=${group.id}>
            <strong>${group.name}</strong>
            <span>${group.roomName}</span>
            <span class="muted">${t("home.childCount", { count: group.childCount })}</span>
          </a>`,
        )}
      </div>`;
    }
    return html`<div class="card home-card">
      <h2>${t("home.rooms")}</h2>
      <p class="muted">${t("home.roomsHint")}</p>
      ${body}
    </div>`;
  }

  private technicianView(): TemplateResult {
    return html`<div class="card home-card">
      <h2>${t("home.technician")}</h2>
      <p class="muted">${t("home.technicianHint")}</p>
      <a class="btn btn-primary btn-lg" href="#/technician" data-testid="open-technician"
        >${t("home.openTechnician")}</a
      >
    </div>`;
  }

  private overseeView(): TemplateResult {
    return html`<div class="card home-card">
        <h2>${t("overview.homeTitle")}</h2>
        <p class="muted">${t("overview.homeHint")}</p>
        <a class="btn btn-primary btn-lg" href="#/overview" data-testid="open-overview">${t("overview.open")}</a>
      </div>
      <div class="card home-card">
        <h2>${t("reports.homeTitle")}</h2>
        <p class="muted">${t("reports.homeHint")}</p>
        <a class="btn btn-primary btn-lg" href="#/reports" data-testid="open-reports">${t("reports.open")}</a>
      </div>`;
  }

  private gateView(): TemplateResult {
    return html`<div class="card home-card">
      <h2>${t("home.gate")}</h2>
      <p class="muted">${t("home.gateHint")}</p>
      <a class="btn btn-primary btn-lg" href="#/gate" data-testid="open-gate">${t("home.openGate")}</a>
    </div>`;
  }
}
