import { html, nothing, type TemplateResult } from "lit";
import type { ViewSnapshot } from "../../../protocol/model";
import type {
  CardBound,
  ConsoleOpen,
  DeviceStatusView,
  EnrolmentDone,
  HardwareProfileSummary,
  HolderMatch,
} from "../../../protocol/technician";
import { t } from "../i18n";
import { requestRender, type Screen, setConnection, setSchoolName } from "../shell/app";
import { failureText } from "../shell/format";
import { joinErrorView, loadingView } from "../shell/screen-state";
import { showToast } from "../shell/toast";
import { consolePanel } from "./console-panel";
import { deviceCard } from "./device-card";
import { type EnrolState, emptyEnrolState, enrolPanel } from "./enrol-panel";
import { readerForm } from "./reader-form";
import { searchHolders, TechnicianConnection } from "./technician-socket";
import {
  addConsoleLine,
  type ConsoleLine,
  type ReaderDraft,
  readerDrafts,
  upsertDevice,
} from "./technician-state";

/** The technician's screen: devices and readers, reader set-up, the live console, card binding. */
export class TechnicianScreen implements Screen {
  private devices: DeviceStatusView[] = [];
  private profiles: HardwareProfileSummary[] = [];
  private loaded = false;
  private joinError: string | undefined;
  private watching: ConsoleOpen | undefined;
  private lines: ConsoleLine[] = [];
  private seq = 0;
  private editing: { deviceId: string; drafts: ReaderDraft[]; busy: boolean; error?: string } | undefined;
  private enrol: EnrolState = emptyEnrolState();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ticker: ReturnType<typeof setInterval>;
  private readonly connection: TechnicianConnection;

  constructor(onAuthLost: () => void) {
    this.connection = new TechnicianConnection({
      snapshot: (s) => this.applySnapshot(s),
      joinFailed: (code) => {
        this.joinError = code;
        requestRender();
      },
      deviceStatus: (d) => {
        this.devices = upsertDevice(this.devices, d);
        requestRender();
      },
      consoleFrame: (f) => {
        if (f.deviceId !== this.watching?.deviceId || f.readerId !== this.watching.readerId) return;
        this.lines = addConsoleLine(this.lines, f, ++this.seq);
        requestRender();
      },
      enrolmentDone: (d) => this.enrolmentDone(d),
      connection: setConnection,
      authLost: onAuthLost,
    });
    // The enrolment countdown.
    this.ticker = setInterval(() => this.enrol.waiting && requestRender(), 1000);
  }

  title(): string {
    return t("technician.title");
  }

  dispose(): void {
    clearInterval(this.ticker);
    clearTimeout(this.searchTimer);
    this.connection.close();
  }

  private applySnapshot(snapshot: ViewSnapshot): void {
    this.devices = snapshot.technician?.devices ?? [];
    this.profiles = snapshot.technician?.profiles ?? [];
    this.loaded = true;
    this.joinError = undefined;
    setSchoolName(snapshot.schoolName);
    // After a reconnect the server no longer knows our console: ask again.
    if (this.watching) void this.connection.command("console:open", this.watching);
    requestRender();
  }

  private async openConsole(deviceId: string, readerId: string): Promise<void> {
    const answer = await this.connection.command("console:open", { deviceId, readerId });
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
      return;
    }
    if (this.watching?.deviceId !== deviceId || this.watching.readerId !== readerId) this.lines = [];
    this.watching = answer.data;
    requestRender();
  }

  private async closeConsole(): Promise<void> {
    this.watching = undefined;
    this.lines = [];
    requestRender();
    await this.connection.command("console:close", {});
  }

  private async saveReaders(): Promise<void> {
    const editing = this.editing;
    if (!editing) return;
    editing.busy = true;
    editing.error = undefined;
    requestRender();
    const readers = editing.drafts.map((d) => ({
      ...(d.readerId ? { readerId: d.readerId } : {}),
      profile: d.profile,
      path: d.path,
    }));
    const answer = await this.connection.command("device:configureReaders", {
      deviceId: editing.deviceId,
      readers,
    });
    editing.busy = false;
    if ("error" in answer) {
      editing.error = failureText(answer.error);
    } else {
      this.devices = upsertDevice(this.devices, answer.data);
      this.editing = undefined;
      showToast(t("technician.saved"), "success", 3000);
    }
    requestRender();
  }

  private query(q: string): void {
    this.enrol = { ...this.enrol, query: q };
    clearTimeout(this.searchTimer);
    if (q.trim() === "") {
      this.enrol = { ...this.enrol, matches: undefined };
      requestRender();
      return;
    }
    this.searchTimer = setTimeout(async () => {
      const answer = await searchHolders(q);
      if (this.enrol.query !== q) return;
      if ("error" in answer) showToast(failureText(answer.error), "error");
      else this.enrol = { ...this.enrol, matches: answer.data };
      requestRender();
    }, 250);
    requestRender();
  }

  private async startEnrolment(): Promise<void> {
    const holder = this.enrol.selected;
    const deviceId = this.enrol.deviceId || this.devices[0]?.deviceId;
    if (!holder || !deviceId) return;
    this.enrol = { ...this.enrol, busy: true, message: undefined };
    requestRender();
    const answer = await this.connection.command("enrolment:start", {
      deviceId,
      holder: { kind: holder.kind, id: holder.id },
    });
    this.enrol = { ...this.enrol, busy: false };
    if ("error" in answer) {
      this.enrol.message = { tone: "error", text: failureText(answer.error) };
    } else {
      const device = this.devices.find((d) => d.deviceId === deviceId);
      this.enrol.waiting = {
        deviceName: device?.name ?? deviceId,
        expiresAt: Date.parse(answer.data.expiresAt),
      };
    }
    requestRender();
  }

  private async cancelEnrolment(): Promise<void> {
    const deviceId = this.enrol.deviceId || this.devices[0]?.deviceId;
    this.enrol = { ...this.enrol, waiting: undefined };
    requestRender();
    if (deviceId) await this.connection.command("enrolment:cancel", { deviceId });
  }

  private enrolmentDone(done: EnrolmentDone): void {
    this.enrol = { ...this.enrol, waiting: undefined };
    if (done.kind === "expired") {
      this.enrol.message = { tone: "error", text: t("technician.enrolExpired") };
    } else {
      this.bound(done);
    }
    requestRender();
  }

  private async bindByNumber(): Promise<void> {
    const holder = this.enrol.selected;
    if (!holder) return;
    this.enrol = { ...this.enrol, busy: true, message: undefined };
    requestRender();
    const answer = await this.connection.command("card:bind", {
      holder: { kind: holder.kind, id: holder.id },
      cardNumber: this.enrol.cardNumber,
    });
    this.enrol = { ...this.enrol, busy: false };
    if ("error" in answer) this.enrol.message = { tone: "error", text: failureText(answer.error) };
    else {
      this.bound(answer.data);
      this.enrol.cardNumber = "";
    }
    requestRender();
  }

  /** Shows how a binding ended and keeps the chosen person's card list up to date. */
  private bound(result: CardBound): void {
    const params = { cardId: result.cardId, name: result.holderName, other: result.otherHolderName ?? "" };
    if (result.outcome === "refused") {
      const key = result.otherHolderName ? "technician.enrolRefused" : "technician.enrolRefusedUnknown";
      this.enrol.message = { tone: "error", text: t(key, params) };
      return;
    }
    // A guardian's new card collects no one until the office confirms it (docs/decisions.md).
    const bound =
      result.holder.kind === "guardian" ? "technician.enrolBoundPending" : "technician.enrolBound";
    const key = result.outcome === "bound" ? bound : "technician.enrolAlready";
    this.enrol.message = { tone: "success", text: t(key, params) };
    const add = (m: HolderMatch): HolderMatch =>
      m.kind === result.holder.kind && m.id === result.holder.id && !m.cardIds.includes(result.cardId)
        ? { ...m, cardIds: [...m.cardIds, result.cardId] }
        : m;
    this.enrol.matches = this.enrol.matches?.map(add);
    if (this.enrol.selected) this.enrol.selected = add(this.enrol.selected);
  }

  view(): TemplateResult {
    if (!this.loaded) {
      return this.joinError ? joinErrorView(this.joinError, () => this.connection.join()) : loadingView();
    }
    const watchedDevice = this.devices.find((d) => d.deviceId === this.watching?.deviceId);
    const editingDevice = this.devices.find((d) => d.deviceId === this.editing?.deviceId);
    return html`<section class="technician-page">
      <div class="device-column">
        <h2>${t("technician.devices")}</h2>
        ${this.devices.length === 0 ? html`<p class="muted">${t("technician.noDevices")}</p>` : nothing}
        ${this.devices.map((d) => [
          deviceCard(d, {
            watching: this.watching?.deviceId === d.deviceId ? this.watching.readerId : undefined,
            onConsole: (readerId) => void this.openConsole(d.deviceId, readerId),
            onSetup: () => {
              this.editing = { deviceId: d.deviceId, drafts: readerDrafts(d), busy: false };
              requestRender();
            },
          }),
          this.editing && editingDevice?.deviceId === d.deviceId
            ? readerForm({
                deviceName: d.name,
                drafts: this.editing.drafts,
                profiles: this.profiles,
                busy: this.editing.busy,
                error: this.editing.error,
                onChange: (drafts) => {
                  if (this.editing) this.editing = { ...this.editing, drafts };
                  requestRender();
                },
                onSave: () => void this.saveReaders(),
                onCancel: () => {
                  this.editing = undefined;
                  requestRender();
                },
              })
            : nothing,
        ])}
      </div>
      <div class="tool-column">
        ${consolePanel({
          title:
            this.watching && watchedDevice
              ? t("technician.consoleFor", { device: watchedDevice.name, reader: this.watching.readerId })
              : undefined,
          lines: this.lines,
          onClose: () => void this.closeConsole(),
          onClear: () => {
            this.lines = [];
            requestRender();
          },
        })}
        ${enrolPanel({
          state: this.enrol,
          devices: this.devices,
          now: Date.now(),
          onQuery: (q) => this.query(q),
          onSelect: (holder) => {
            this.enrol = { ...this.enrol, selected: holder, message: undefined };
            requestRender();
          },
          onDevice: (deviceId) => {
            this.enrol = { ...this.enrol, deviceId };
            requestRender();
          },
          onStart: () => void this.startEnrolment(),
          onCancel: () => void this.cancelEnrolment(),
          onNumber: (cardNumber) => {
            this.enrol = { ...this.enrol, cardNumber };
            requestRender();
          },
          onBind: () => void this.bindByNumber(),
        })}
      </div>
    </section>`;
  }
}
