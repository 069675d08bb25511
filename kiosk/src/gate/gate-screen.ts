import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { AlertView, ChildDayView, ViewSnapshot } from "../../../protocol/model";
import type { ScheduleView } from "../../../protocol/schedule";
import { t } from "../i18n";
import { type AckHandler, alertListView, replaceAlert } from "../shell/alert-ack";
import { chime } from "../shell/announce";
import { requestRender, type Screen, setConnection, setSchoolName } from "../shell/app";
import { addAlert, sortAlerts, upsertChild } from "../shell/child-lists";
import { failureText, tapNoticeText } from "../shell/format";
import { photoZoomView } from "../shell/photo-zoom";
import { anyWindowOpen, gateScheduleText } from "../shell/schedule-text";
import { ScreenConnection } from "../shell/screen-connection";
import { joinErrorView, loadingView } from "../shell/screen-state";
import { serverNow } from "../shell/server-clock";
import { showToast } from "../shell/toast";
import { custodyAlertFace } from "./custody-alert-face";
import { GateCare } from "./gate-care";
import { GateSearch } from "./gate-search";
import { gateCounts, gateQueue } from "./gate-state";
import { PassCodeEntry } from "./pass-code-entry";
import { queueRow } from "./queue-row";
import { suspendCardAction } from "./suspend-card";

/** Under each open alert: the barred adult's face (custody), the office's one-touch suspend (clone). */
const alertExtras = (alert: AlertView) => html`${custodyAlertFace(alert)}${suspendCardAction(alert)}`;

/** The guard's screen: the live pickup queue and the card alerts. */
export class GateScreen implements Screen {
  private children: ChildDayView[] = [];
  private alerts: AlertView[] = [];
  private schedule: ScheduleView | undefined;
  private loaded = false;
  private joinError: string | undefined;
  private readonly busy = new Set<string>();
  private readonly connection: ScreenConnection;
  private readonly passCode = new PassCodeEntry((code) =>
    this.connection.command("pass:redeemShortCode", { code }),
  );
  /** Early pickups, late children and the gate register (gate-care.ts). */
  private readonly care = new GateCare(() => this.connection);
  /** Any child of the school by name (gate-search.ts). */
  private readonly search = new GateSearch(() => this.connection);

  constructor(onAuthLost: () => void) {
    this.connection = new ScreenConnection(
      { view: "gate" },
      {
        snapshot: (snapshot) => this.applySnapshot(snapshot),
        joinFailed: (code) => {
          this.joinError = code;
          requestRender();
        },
        childUpdated: (child) => this.update(child),
        pickupRequested: ({ child }) => {
          this.update(child);
          chime("pickup");
        },
        alertRaised: (alert) => {
          this.alerts = addAlert(this.alerts, alert);
          chime("alert");
          requestRender();
        },
        alertAcknowledged: (alert) => {
          this.alerts = replaceAlert(this.alerts, alert);
          requestRender();
        },
        tapNoticed: (notice) => {
          const text = tapNoticeText(notice);
          if (text !== undefined) showToast(text, "warning");
        },
        gateChanged: (change) => this.care.applyChange(change),
        connection: setConnection,
        authLost: onAuthLost,
      },
    );
  }

  title(): string {
    return t("gate.title");
  }

  dispose(): void {
    this.connection.close();
  }

  private applySnapshot(snapshot: ViewSnapshot): void {
    this.children = snapshot.children.slice();
    this.alerts = sortAlerts(snapshot.alerts);
    this.schedule = snapshot.schedule;
    this.care.setBoard(snapshot.gate);
    this.loaded = true;
    this.joinError = undefined;
    this.busy.clear();
    setSchoolName(snapshot.schoolName);
    requestRender();
  }

  private update(child: ChildDayView): void {
    this.children = upsertChild(this.children, child);
    requestRender();
  }

  private readonly acknowledge: AckHandler = async (alert, note) => {
    const answer = await this.connection.command("alert:acknowledge", {
      alertId: alert.id,
      ...(note ? { note } : {}),
    });
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
      return;
    }
    this.alerts = replaceAlert(this.alerts, answer.data);
    showToast(t("guard.ack.toast"), "success", 2500);
    requestRender();
  };

  private async collect(child: ChildDayView): Promise<void> {
    if (this.busy.has(child.childId)) return;
    this.busy.add(child.childId);
    requestRender();
    const answer = await this.connection.command("child:collect", { childId: child.childId });
    this.busy.delete(child.childId);
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
    } else {
      this.update(answer.data);
      showToast(t("gate.collectedToast", { name: answer.data.name }), "success", 3500);
    }
    requestRender();
  }

  /** Recomputed on every render (the app renders every 10 s), so it follows the clock. */
  private scheduleView(): TemplateResult | typeof nothing {
    const now = serverNow();
    const text = gateScheduleText(this.schedule, now);
    if (text === undefined) return nothing;
    const open = anyWindowOpen(this.schedule, now);
    return html`<p class="gate-schedule ${open ? "gate-schedule-open" : ""}" data-testid="gate-schedule">${text}</p>`;
  }

  view(): TemplateResult {
    if (!this.loaded) {
      return this.joinError ? joinErrorView(this.joinError, () => this.connection.join()) : loadingView();
    }
    const queue = gateQueue(this.children);
    const counts = gateCounts(this.children, this.care.earlyAsks());
    return html`<section class="gate-page">
      <div class="gate-main">
      ${this.care.earlyView()}
      <div class="panel queue-panel">
        <div class="panel-head">
          <h2>${t("gate.queue")}</h2>
          ${this.scheduleView()}
          <div class="counts">
            <span class="count count-waiting" data-testid="count-waiting"
              ><strong>${counts.waiting}</strong><small>${t("gate.counts.waiting")}</small></span
            >
            <span class="count count-waiting" data-testid="count-early"
              ><strong>${counts.early}</strong><small>${t("gate.counts.early")}</small></span
            >
            <span class="count count-released" data-testid="count-released"
              ><strong>${counts.released}</strong><small>${t("gate.counts.released")}</small></span
            >
            <span class="count count-collected" data-testid="count-collected"
              ><strong>${counts.collected}</strong><small>${t("gate.counts.collected")}</small></span
            >
          </div>
        </div>
        ${this.search.view()}
        ${this.passCode.view()}
        ${
          queue.length === 0
            ? html`<p class="panel-empty" data-testid="queue-empty">${t("gate.noQueue")}</p>`
            : html`<ol class="queue" data-testid="queue">
              ${repeat(
                queue,
                (c) => c.childId,
                (c) => queueRow(c, this.busy.has(c.childId), (child) => void this.collect(child)),
              )}
            </ol>`
        }
      </div>
      ${this.care.lateView()}
      ${this.care.registerView()}
      </div>
      <aside class="panel alerts-panel" data-testid="alerts">
        <div class="panel-head"><h2>${t("gate.alerts")}</h2></div>
        ${
          this.alerts.length === 0
            ? html`<p class="panel-empty" data-testid="alerts-empty">${t("gate.noAlerts")}</p>`
            : alertListView(this.alerts, this.acknowledge, alertExtras)
        }
      </aside>
      ${photoZoomView()}
    </section>`;
  }
}
