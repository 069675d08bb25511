import { html, nothing, type TemplateResult } from "lit";
import type { Ack } from "../../../protocol/errors";
import { headCount } from "../../../protocol/head-count";
import type { ChildDayView } from "../../../protocol/model";
import {
  type AnnounceSettings,
  DEFAULT_ANNOUNCE,
  dutyNow,
  isDoseDue,
  isUnexplained,
  type MedicationDoseView,
  type RoomDayView,
} from "../../../protocol/room";
import { t } from "../i18n";
import { appState, requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import type { ScreenConnection } from "../shell/screen-connection";
import { serverNow } from "../shell/server-clock";
import { showToast } from "../shell/toast";
import { type AbsenceState, absenceDialog, absenceReason } from "./room-absence";
import { sampleAnnouncement } from "./room-announce";
import type { DialogContext } from "./room-dialog";
import { type HandoverState, handoverCommand, handoverDialog, newHandover } from "./room-handover";
import { doseBanner, type HealthState, healthDialog, healthMarks } from "./room-health";
import { type LeaveState, leaveCommand, leaveDialog, newLeave } from "./room-leave";
import { type RollCallState, rollCallDialog, rollCallLine } from "./room-rollcall";
import { type SettingsState, settingsDialog } from "./room-settings";

type Dialog = RollCallState | LeaveState | AbsenceState | HandoverState | HealthState | SettingsState;

/**
 * The care room's day on the kiosk (rules 4, 5, 11, 16): roll call, leave, unexplained absences,
 * handover, health marks and medication reminders, announcement settings. The room screen
 * (room.ts) owns the tiles; this part owns the room view and its dialogs.
 */
export class RoomCare {
  private room: RoomDayView | undefined;
  private dialog: Dialog | undefined;
  private busy = false;
  private error: string | undefined;

  constructor(
    private readonly groupId: string,
    private readonly connection: ScreenConnection,
    private readonly children: () => readonly ChildDayView[],
    private readonly day: () => string,
    private readonly childChanged: (child: ChildDayView) => void,
  ) {}

  apply(room: RoomDayView | undefined): void {
    if (room && room.groupId !== this.groupId) return;
    this.room = room;
    requestRender();
  }

  get announce(): AnnounceSettings {
    return this.room?.announce ?? DEFAULT_ANNOUNCE;
  }

  close(): void {
    this.dialog = undefined;
  }

  /** Roll call status, who has the group, and the room's buttons. */
  barView(): TemplateResult {
    const holder = this.room?.holder;
    const holderText = holder
      ? t(holder.kind === "volunteer" ? "careRoom.holderVolunteer" : "careRoom.holder", { name: holder.name })
      : t("careRoom.holder", { name: appState.user?.displayName ?? "" });
    const now = serverNow();
    const hhmm = `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
    const duty = holder ? undefined : dutyNow(this.room?.duty ?? [], hhmm);
    const unexplained = headCount(this.children(), now).unexplained;
    const button = (testid: string, label: string, open: () => Dialog, extra = "") =>
      html`<button class="btn btn-secondary care-button ${extra}" data-testid=${testid} @click=${() => this.open(open())}>
        ${label}
      </button>`;
    return html`<div class="care-bar" data-testid="care-bar">
      <div class="care-statuses">
        ${rollCallLine({ room: this.room })}
        <span class="care-status" data-testid="group-holder" data-kind=${holder?.kind ?? "login"}>${holderText}</span>
        ${duty ? html`<span class="care-status" data-testid="group-duty">${t("careRoom.dutyToday", { name: duty.name })}</span>` : nothing}
        ${
          unexplained > 0
            ? html`<span class="care-status care-status-alert" data-testid="unexplained-count" data-value=${unexplained}>
              ${t("careRoom.counts.unexplained")} ${unexplained}
            </span>`
            : nothing
        }
      </div>
      <div class="care-buttons">
        ${button("rollcall-open", t("careRoom.rollCall"), () => ({ kind: "rollcall", counted: this.presentNow() }), this.room?.rollCall ? "" : "care-button-due")}
        ${button("leave-open", t("careRoom.leave"), () => newLeave(this.day()))}
        ${button("handover-open", t("careRoom.handover"), () => newHandover(this.presentNow()))}
        ${button("settings-open", t("careRoom.settings"), () => ({ kind: "settings", announce: { ...this.announce } }))}
      </div>
    </div>`;
  }

  /** Reminders for doses due now. */
  bannersView(): TemplateResult | typeof nothing {
    const now = serverNow();
    const status = new Map(this.children().map((c) => [c.childId, c.status]));
    const due = (this.room?.doses ?? []).filter((d) => isDoseDue(d, status.get(d.childId), now));
    if (due.length === 0) return nothing;
    return html`${due.map((d) => doseBanner(d, this.busy, (dose) => void this.giveDose(dose)))}`;
  }

  tileClass(child: ChildDayView): string {
    return isUnexplained(child, serverNow()) ? "is-unexplained" : "";
  }

  /** Health marks, and the unexplained-absence alert with its button, on a tile. */
  tileExtras(child: ChildDayView): TemplateResult {
    const special = child.specialCare
      ? html`<span class="chip chip-special" data-testid="tile-special-care" title=${child.specialCare.reason}>${t("careRoom.specialCare")}</span>`
      : nothing;
    const marks = html`${special}${healthMarks(child, (c) => this.open({ kind: "health", child: c }))}`;
    if (isUnexplained(child, serverNow())) {
      return html`${marks}
        <div class="tile-absence" data-testid="tile-unexplained">
          <span>⚠ ${t("careRoom.unexplained")}</span>
          <button class="btn btn-warning" data-testid="absence-resolve" data-child-id=${child.childId}
            @click=${(e: Event) => {
              e.stopPropagation();
              this.open({ kind: "absence", child, choice: "wentHome", other: "" });
            }}>${t("careRoom.resolve")}</button>
        </div>`;
    }
    if (child.status === "expected" && child.absenceResolved) {
      return html`${marks}<span class="tile-hint" data-testid="tile-absent">${t("careRoom.absentResolved", { reason: child.absenceResolved.reason })}</span>`;
    }
    return html`${marks}`;
  }

  dialogView(): TemplateResult | typeof nothing {
    const d = this.dialog;
    if (!d) return nothing;
    const ctx: DialogContext = {
      children: this.children(),
      room: this.room,
      busy: this.busy,
      error: this.error,
      close: () => this.open(undefined),
    };
    switch (d.kind) {
      case "rollcall":
        return rollCallDialog(
          d,
          ctx,
          () =>
            void this.send(
              () =>
                this.connection.command("rollcall:confirm", {
                  groupId: this.groupId,
                  counted: d.counted,
                }),
              t("careRoom.rollCallDone"),
            ),
        );
      case "leave":
        return leaveDialog(d, ctx, {
          onSave: () => void this.saveLeave(d),
          onCancelLeave: (leaveId, reason) =>
            void this.send(
              () => this.connection.command("leave:cancel", { leaveId, reason }),
              t("careRoom.leaveCancelled"),
              false,
            ),
        });
      case "absence":
        return absenceDialog(d, ctx, {
          onResolve: () => {
            const reason = absenceReason(d);
            if (!reason) return;
            void this.send(() =>
              this.connection.command("absence:resolve", { childId: d.child.childId, reason }),
            );
          },
          onCheckIn: () => void this.checkIn(d.child),
        });
      case "handover": {
        const fromName = this.room?.holder?.name ?? appState.user?.displayName ?? "";
        return handoverDialog(d, ctx, fromName, () => void this.handover(d));
      }
      case "health":
        return healthDialog(d, ctx);
      case "settings":
        return settingsDialog(d, ctx, {
          onSave: () =>
            void this.send(
              () => this.connection.command("room:settings", { groupId: this.groupId, announce: d.announce }),
              t("careRoom.saved"),
            ),
          onTest: () => {
            const sample = this.children()[0];
            if (sample)
              sampleAnnouncement(d.announce, {
                ...sample,
                requestedBy: { guardianId: "", name: "", relation: "妈妈" },
              });
          },
        });
    }
  }

  private open(dialog: Dialog | undefined): void {
    this.dialog = dialog;
    this.error = undefined;
    requestRender();
  }

  private presentNow(): number {
    return headCount(this.children(), serverNow()).present;
  }

  /** Sends a room command; on success applies the room view, says so and (by default) closes. */
  private async send(run: () => Promise<Ack<RoomDayView>>, toast?: string, close = true): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = undefined;
    requestRender();
    const answer = await run();
    this.busy = false;
    if ("error" in answer) {
      this.error = failureText(answer.error);
      showToast(this.error, "error");
      requestRender();
      return false;
    }
    this.apply(answer.data);
    if (close) this.dialog = undefined;
    else if (this.dialog?.kind === "leave") this.dialog.cancelling = undefined;
    if (toast) showToast(toast, "success", 3500);
    requestRender();
    return true;
  }

  private async saveLeave(d: LeaveState): Promise<void> {
    const command = leaveCommand(d, this.day());
    if (!command) {
      this.error = t("careRoom.leaveMissing");
      requestRender();
      return;
    }
    const name = this.children().find((c) => c.childId === d.childId)?.name ?? "";
    await this.send(
      () => this.connection.command("leave:record", command),
      t("careRoom.leaveSaved", { name }),
    );
  }

  private async handover(d: HandoverState): Promise<void> {
    const command = handoverCommand(d, this.groupId);
    if (!command) {
      this.error = t("careRoom.handoverMissing");
      requestRender();
      return;
    }
    const ok = await this.send(() => this.connection.command("group:handover", command));
    if (ok) showToast(t("careRoom.handedOver", { name: this.room?.holder?.name ?? "" }), "success", 4000);
  }

  private async giveDose(dose: MedicationDoseView): Promise<void> {
    await this.send(
      () =>
        this.connection.command("medication:give", {
          childId: dose.childId,
          medicationId: dose.medicationId,
          time: dose.time,
        }),
      t("careRoom.doseGivenToast", { name: dose.childName }),
      false,
    );
  }

  private async checkIn(child: ChildDayView): Promise<void> {
    const answer = await this.connection.command("child:checkIn", { childId: child.childId });
    if ("error" in answer) {
      this.error = failureText(answer.error);
      requestRender();
      return;
    }
    this.childChanged(answer.data);
    this.open(undefined);
    showToast(t("room.checkedInToast", { name: answer.data.name }), "success", 3500);
  }
}
