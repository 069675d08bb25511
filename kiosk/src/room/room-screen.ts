import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { ChildDayView, GroupSummary, ViewSnapshot } from "../../../protocol/model";
import type { ScheduleView } from "../../../protocol/schedule";
import { t } from "../i18n";
import { audioReady, onAudioStateChange, unlockAudio } from "../shell/announce";
import { requestRender, type Screen, setConnection, setSchoolName } from "../shell/app";
import { upsertChild } from "../shell/child-lists";
import { askConfirm, cancelConfirm } from "../shell/confirm";
import { announcementText, classLabel, failureText, tapNoticeText, timeOf } from "../shell/format";
import { bellIcon, speakerOffIcon } from "../shell/icons";
import { roomScheduleText } from "../shell/schedule-text";
import { ScreenConnection } from "../shell/screen-connection";
import { joinErrorView, loadingView } from "../shell/screen-state";
import { showToast } from "../shell/toast";
import type { CommandName } from "../shell/view-socket";
import { childTile } from "./child-tile";
import { PassDialog } from "./pass-dialog";
import { announcePickup } from "./room-announce";
import { RoomCare } from "./room-care";
import { pendingAnnouncements, roomCounts } from "./room-state";

/** The care-room kiosk: the group's children as tiles, check-in, announcements, release. */
export class RoomScreen implements Screen {
  private children: ChildDayView[] = [];
  private group: GroupSummary | undefined;
  private schedule: ScheduleView | undefined;
  private loaded = false;
  private joinError: string | undefined;
  private readonly busy = new Set<string>();
  /** Banners the teacher closed; they come back if the same child is requested again. */
  private readonly dismissed = new Set<string>();
  private readonly connection: ScreenConnection;
  private readonly stopAudioWatch: () => void;
  /** The school day of the last snapshot: a new delegate pass starts on it. */
  private day = "";
  private readonly passDialog = new PassDialog((command) => this.connection.command("pass:create", command), {
    list: () => this.connection.command("pass:list", { groupId: this.groupId }),
    revoke: (passId) => this.connection.command("pass:revoke", { passId }),
  });
  /** Roll call, leave, absences, handover, health and announcement settings (room-care.ts). */
  private readonly care: RoomCare;

  constructor(
    private readonly groupId: string,
    onAuthLost: () => void,
  ) {
    this.connection = new ScreenConnection(
      { view: "room", groupId },
      {
        snapshot: (snapshot) => this.applySnapshot(snapshot),
        joinFailed: (code) => {
          this.joinError = code;
          requestRender();
        },
        childUpdated: (child) => this.update(child),
        pickupRequested: ({ child }) => this.announce(child),
        alertRaised: () => undefined,
        roomUpdated: (room) => this.care.apply(room),
        tapNoticed: (notice) => {
          const text = tapNoticeText(notice);
          if (text !== undefined) showToast(text, notice.result.kind === "check_in" ? "info" : "warning");
        },
        connection: setConnection,
        authLost: onAuthLost,
      },
    );
    this.stopAudioWatch = onAudioStateChange(requestRender);
    this.care = new RoomCare(
      groupId,
      this.connection,
      () => this.children,
      () => this.day,
      (child) => this.update(child),
    );
  }

  title(): string {
    return t("room.title");
  }

  dispose(): void {
    cancelConfirm();
    this.passDialog.close();
    this.care.close();
    this.stopAudioWatch();
    this.connection.close();
  }

  private applySnapshot(snapshot: ViewSnapshot): void {
    this.children = snapshot.children.slice();
    this.group = snapshot.group;
    this.day = snapshot.day;
    this.schedule = snapshot.schedule;
    this.care.apply(snapshot.room);
    this.loaded = true;
    this.joinError = undefined;
    this.busy.clear();
    setSchoolName(snapshot.schoolName);
    requestRender();
  }

  private update(child: ChildDayView): void {
    if (child.groupId !== this.groupId) return;
    if (child.status !== "pickup_requested") this.dismissed.delete(child.childId);
    this.children = upsertChild(this.children, child);
    requestRender();
  }

  private announce(child: ChildDayView): void {
    if (child.groupId !== this.groupId) return;
    this.dismissed.delete(child.childId);
    this.update(child);
    announcePickup(child, this.care.announce);
  }

  private async run(
    name: Extract<CommandName, "child:checkIn" | "child:release">,
    child: ChildDayView,
  ): Promise<void> {
    if (this.busy.has(child.childId)) return;
    this.busy.add(child.childId);
    requestRender();
    const answer = await this.connection.command(name, { childId: child.childId });
    this.busy.delete(child.childId);
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
    } else {
      this.update(answer.data);
      const key = name === "child:release" ? "room.releasedToast" : "room.checkedInToast";
      showToast(t(key, { name: answer.data.name }), "success", 3500);
    }
    requestRender();
  }

  private async checkIn(child: ChildDayView): Promise<void> {
    const yes = await askConfirm(
      t("room.confirmCheckInTitle"),
      t("room.confirmCheckIn", { name: child.name, className: classLabel(child) }),
      t("room.checkIn"),
    );
    if (yes) await this.run("child:checkIn", child);
  }

  view(): TemplateResult {
    if (!this.loaded) {
      return this.joinError ? joinErrorView(this.joinError, () => this.connection.join()) : loadingView();
    }
    const actions = (child: ChildDayView) => ({
      busy: this.busy.has(child.childId),
      onCheckIn: (c: ChildDayView) => void this.checkIn(c),
      onRelease: (c: ChildDayView) => void this.run("child:release", c),
      extra: (c: ChildDayView) => this.care.tileExtras(c),
      tileClass: (c: ChildDayView) => this.care.tileClass(c),
    });
    return html`<section class="room-page">
      ${this.barView()} ${this.care.barView()} ${this.care.bannersView()} ${this.bannersView()}
      ${
        this.children.length === 0
          ? html`<p class="screen-message" data-testid="room-empty">${t("room.empty")}</p>`
          : html`<div class="tile-grid" data-testid="tile-grid">
            ${repeat(
              this.children,
              (c) => c.childId,
              (c) => childTile(c, actions(c)),
            )}
          </div>`
      }
      ${this.passDialog.view()} ${this.care.dialogView()}
    </section>`;
  }

  private barView(): TemplateResult {
    const counts = roomCounts(this.children);
    const count = (testid: string, label: string, value: number) =>
      html`<span class="count count-${testid}" data-testid="count-${testid}" data-value=${value}>
        <strong>${value}</strong><small>${label}</small>
      </span>`;
    return html`<div class="room-bar" data-testid="head-count">
      <div class="room-name">
        <strong data-testid="group-name">${this.group?.name ?? ""}</strong>
        <span>${this.group?.roomName ?? ""}</span>
        ${this.scheduleView()}
      </div>
      <div class="counts">
        ${count("present", t("room.counts.present"), counts.present)}
        ${count("expected", t("room.counts.expected"), counts.expected)}
        ${count("leave", t("room.counts.onLeave"), counts.onLeave)}
        ${count("gone", t("room.counts.gone"), counts.gone)}
        <span class="count-total" data-testid="count-total">${t("room.counts.total", { count: counts.total })}</span>
      </div>
      <button
        class="btn btn-secondary"
        data-testid="pass-open"
        title=${t("pass.openLabel")}
        @click=${() => this.passDialog.open(this.children, this.day)}
      >
        ${t("pass.open")}
      </button>
      ${
        audioReady()
          ? nothing
          : html`<button class="btn btn-warning" data-testid="sound-unlock" @click=${unlockAudio}>
            ${speakerOffIcon()} ${t("header.soundOff")}
          </button>`
      }
    </div>`;
  }

  private scheduleView(): TemplateResult | typeof nothing {
    const text = roomScheduleText(this.schedule);
    if (text === undefined) return nothing;
    const off = this.schedule?.careDay === false;
    return html`<span class="room-schedule ${off ? "room-schedule-off" : ""}" data-testid="room-schedule">${text}</span>`;
  }

  private bannersView(): TemplateResult | typeof nothing {
    const banners = pendingAnnouncements(this.children).filter((c) => !this.dismissed.has(c.childId));
    if (banners.length === 0) return nothing;
    return html`<div class="banners">
      ${banners.map(
        (
          child,
        ) => html`<div class="announcement" role="alert" data-testid="announcement" data-child-id=${child.childId}>
          <span class="announcement-icon">${bellIcon(36)}</span>
          <span class="announcement-text">${announcementText(child)}</span>
          <span class="announcement-meta">${child.requestGateName ?? ""} ${timeOf(child.requestedAt)}</span>
          <button
            class="btn btn-ghost"
            aria-label=${t("common.close")}
            @click=${() => {
              this.dismissed.add(child.childId);
              requestRender();
            }}
          >
            ×
          </button>
        </div>`,
      )}
    </div>`;
  }
}
