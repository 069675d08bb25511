import { html, type nothing, type TemplateResult } from "lit";
import QRCode from "qrcode";
import { type AdminSnapshot, cardQrText } from "../../../protocol/admin";
import type { Ack } from "../../../protocol/errors";
import { t } from "../i18n";
import { requestRender, type Screen, setConnection, setSchoolName } from "../shell/app";
import { failureText } from "../shell/format";
import { joinErrorView, loadingView } from "../shell/screen-state";
import { serverNow } from "../shell/server-clock";
import { showToast } from "../shell/toast";
import { adminApi } from "./admin-api";
import { type AttendanceReport, attendancePanel, currentMonth } from "./admin-attendance";
import { cardsPanel } from "./admin-cards";
import { childrenPanel } from "./admin-children";
import { groupsPanel } from "./admin-groups";
import { type HistoryState, historyPanel, loadHistory } from "./admin-history";
import { type ImportState, importPanel } from "./admin-import";
import { type LookAlikeState, loadLookAlikes, lookAlikesPanel } from "./admin-look-alikes";
import type { AdminHost } from "./admin-panel";
import { type PhotoImportState, photoImportPanel } from "./admin-photo-import";
import { loadRetention, type RetentionState, retentionPanel } from "./admin-retention";
import { loadSchedule, type ScheduleState, schedulePanel } from "./admin-schedule";
import { type PrintState, printPanel } from "./card-sheet";
import { pendingBanner } from "./pending-authorities";
import { plainHttpBanner } from "./plain-http-banner";

export const ADMIN_TABS = [
  "children",
  "cards",
  "groups",
  "import",
  "print",
  "attendance",
  "schedule",
  "lookAlikes",
  "photos",
  "history",
  "retention",
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/**
 * The office's screen (教导处, admin only): children and their enrolment, guardians and cards,
 * groups, rooms and the duty roster, roster import with a preview, printable pickup cards, the
 * staff attendance report and the personal-data retention settings. Plain HTTP: nothing here is live.
 */
export class AdminScreen implements Screen, AdminHost {
  snapshot: AdminSnapshot | undefined;
  private loadError: string | undefined;
  tab: AdminTab = "children";
  search = "";
  openChildId: string | undefined;
  importState: ImportState = {};
  printState: PrintState = { qr: new Map() };
  month = currentMonth(serverNow());
  scheduleState: ScheduleState = {};
  lookAlikes: LookAlikeState = {};
  attendance: AttendanceReport | undefined;
  photoImport: PhotoImportState = {};
  history: HistoryState = {};
  retention: RetentionState = {};
  private disposed = false;

  constructor(private readonly onAuthLost: () => void) {
    void this.load();
  }

  title(): string {
    return t("admin.title");
  }

  dispose(): void {
    this.disposed = true;
  }

  async load(): Promise<void> {
    const answer = await adminApi.snapshot();
    if (this.disposed) return;
    if ("error" in answer) {
      if (answer.error.code === "AUTH_REQUIRED") return this.onAuthLost();
      this.loadError = answer.error.code;
      setConnection(answer.error.message === "OFFLINE" ? "offline" : "online");
    } else {
      this.snapshot = answer.data;
      this.loadError = undefined;
      setSchoolName(answer.data.schoolName);
      setConnection("online");
    }
    requestRender();
  }

  /** Runs a change; on success the snapshot is reloaded and `done` is said, on failure the code is. */
  async run<T>(call: Promise<Ack<T>>, done?: string): Promise<T | undefined> {
    const answer = await call;
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
      return undefined;
    }
    if (done) showToast(done, "success", 3000);
    await this.load();
    return answer.data;
  }

  select(tab: AdminTab): void {
    this.tab = tab;
    if (tab === "attendance" && this.attendance === undefined) void this.loadAttendance();
    // Read afresh on each visit: an unsaved draft is dropped with the tab.
    if (tab === "schedule") {
      this.scheduleState = {};
      void loadSchedule(this.scheduleState);
    }
    // Cards change on other tabs (one reported lost): the sheet is read afresh each time.
    if (tab === "print") void this.loadPrint(this.printState.guardianId);
    if (tab === "lookAlikes") {
      this.lookAlikes = {};
      void loadLookAlikes(this.lookAlikes);
    }
    // The preview is "what would go now": read afresh on each visit.
    if (tab === "retention") {
      this.retention = {};
      void loadRetention(this.retention);
    }
    requestRender();
  }

  async loadAttendance(): Promise<void> {
    this.attendance = await adminApi.attendance(this.month);
    requestRender();
  }

  async loadPrint(guardianId: string | undefined): Promise<void> {
    this.printState = { qr: new Map(), ...(guardianId ? { guardianId } : {}) };
    requestRender();
    const answer = await adminApi.printCards(guardianId ? { guardianId } : {});
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
      return;
    }
    this.printState.view = answer.data;
    requestRender();
    for (const card of answer.data.cards) {
      const url = await QRCode.toDataURL(cardQrText(card.cardId), {
        errorCorrectionLevel: "M",
        margin: 1,
        width: 240,
      });
      this.printState.qr.set(card.cardId, url);
    }
    requestRender();
  }

  /** From a child's page: that child's history. */
  openHistory(childId: string): void {
    this.tab = "history";
    void loadHistory(this.history, childId);
  }

  /** From the cards tab: one family's cards on the print tab. */
  printFamily(guardianId: string): void {
    this.tab = "print";
    void this.loadPrint(guardianId);
  }

  view(): TemplateResult {
    if (this.loadError) return joinErrorView(this.loadError, () => void this.load());
    if (!this.snapshot) return loadingView();
    return html`<section class="admin-page" data-testid="admin-screen">
      ${plainHttpBanner(this.snapshot.plainHttpOnNetwork)}
      ${pendingBanner(this, this.snapshot)}
      <nav class="admin-tabs" role="tablist">
        ${ADMIN_TABS.map(
          (tab) => html`<button
            class="admin-tab ${tab === this.tab ? "admin-tab-on" : ""}"
            role="tab"
            aria-selected=${tab === this.tab}
            data-testid="admin-tab"
            data-tab=${tab}
            @click=${() => this.select(tab)}
          >
            ${t(`admin.tabs.${tab}`)}
          </button>`,
        )}
      </nav>
      <div class="admin-body" data-tab=${this.tab}>${this.panel(this.snapshot)}</div>
    </section>`;
  }

  private panel(snapshot: AdminSnapshot): TemplateResult | typeof nothing {
    switch (this.tab) {
      case "children":
        return childrenPanel(this, snapshot);
      case "cards":
        return cardsPanel(this, snapshot);
      case "groups":
        return groupsPanel(this, snapshot);
      case "import":
        return importPanel(this);
      case "print":
        return printPanel(this, snapshot);
      case "attendance":
        return attendancePanel(this);
      case "schedule":
        return schedulePanel(this.scheduleState);
      case "lookAlikes":
        return lookAlikesPanel(this.lookAlikes);
      case "photos":
        return photoImportPanel(this);
      case "history":
        return historyPanel(this.history);
      case "retention":
        return retentionPanel(this.retention);
    }
  }
}
