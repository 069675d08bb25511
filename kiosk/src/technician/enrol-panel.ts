import { html, nothing, type TemplateResult } from "lit";
import type { DeviceStatusView, HolderMatch } from "../../../protocol/technician";
import { t } from "../i18n";
import { classLabel } from "../shell/format";

export interface EnrolState {
  query: string;
  matches: HolderMatch[] | undefined;
  selected: HolderMatch | undefined;
  deviceId: string;
  cardNumber: string;
  /** Waiting for a tap on this device until this time. */
  waiting: { deviceName: string; expiresAt: number } | undefined;
  message: { tone: "success" | "error"; text: string } | undefined;
  busy: boolean;
}

export function emptyEnrolState(): EnrolState {
  return {
    query: "",
    matches: undefined,
    selected: undefined,
    deviceId: "",
    cardNumber: "",
    waiting: undefined,
    message: undefined,
    busy: false,
  };
}

export interface EnrolPanelOptions {
  state: EnrolState;
  devices: readonly DeviceStatusView[];
  now: number;
  onQuery(q: string): void;
  onSelect(holder: HolderMatch): void;
  onDevice(deviceId: string): void;
  onStart(): void;
  onCancel(): void;
  onNumber(value: string): void;
  onBind(): void;
}

/** Choose a person, then tap their card on a chosen reader, or type its printed number. */
export function enrolPanel(o: EnrolPanelOptions): TemplateResult {
  const s = o.state;
  const deviceId = s.deviceId || o.devices[0]?.deviceId || "";
  return html`<section class="panel enrol-panel" data-testid="enrol-panel">
    <div class="panel-head"><h2>${t("technician.enrolTitle")}</h2></div>
    <div class="enrol-body">
      <p class="muted">${t("technician.enrolHint")}</p>
      <input
        type="search"
        class="enrol-search"
        data-testid="enrol-search"
        placeholder=${t("technician.enrolSearch")}
        .value=${s.query}
        @input=${(e: Event) => o.onQuery((e.target as HTMLInputElement).value)}
      />
      ${s.matches !== undefined && s.matches.length === 0 ? html`<p class="muted">${t("technician.enrolNoMatch")}</p>` : nothing}
      ${
        s.matches && s.matches.length > 0
          ? html`<ul class="holder-list">
            ${s.matches.map(
              (m) => html`<li>
                <button
                  class="holder ${s.selected?.kind === m.kind && s.selected.id === m.id ? "is-selected" : ""}"
                  data-testid="enrol-result"
                  data-holder-id=${m.id}
                  @click=${() => o.onSelect(m)}
                >
                  <span class="chip chip-${m.kind}">${m.kind === "child" ? t("technician.enrolChild") : t("technician.enrolGuardian")}</span>
                  <strong>${m.name}</strong>
                  <small class="muted">${holderDetail(m)}</small>
                  <small class="muted mono"
                    >${m.cardIds.length > 0 ? t("technician.enrolCards", { cards: m.cardIds.join(", ") }) : t("technician.enrolNoCards")}</small
                  >
                </button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      ${s.selected ? selectedView(o, deviceId) : html`<p class="muted" data-testid="enrol-pick">${t("technician.enrolPick")}</p>`}
      ${
        s.message
          ? html`<p class="enrol-message enrol-${s.message.tone}" data-testid="enrol-message" data-tone=${s.message.tone}>
            ${s.message.text}
          </p>`
          : nothing
      }
    </div>
  </section>`;
}

function selectedView(o: EnrolPanelOptions, deviceId: string): TemplateResult {
  const s = o.state;
  const holder = s.selected;
  if (!holder) return html``;
  if (s.waiting) {
    const seconds = Math.max(0, Math.ceil((s.waiting.expiresAt - o.now) / 1000));
    return html`<div class="enrol-waiting" data-testid="enrol-state" data-state="waiting">
      <span class="pulse" aria-hidden="true"></span>
      <strong>${t("technician.enrolWaiting", { name: holder.name, device: s.waiting.deviceName, seconds })}</strong>
      <button class="btn btn-secondary" data-testid="enrol-cancel" @click=${o.onCancel}>
        ${t("technician.enrolCancel")}
      </button>
    </div>`;
  }
  return html`<div class="enrol-actions">
    <label
      >${t("technician.enrolDevice")}
      <select data-testid="enrol-device" @change=${(e: Event) => o.onDevice((e.target as HTMLSelectElement).value)}>
        ${o.devices.map(
          (d) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === deviceId}>
              ${d.name}${d.online ? "" : ` (${t("technician.offline")})`}
            </option>`,
        )}
      </select>
    </label>
    <button class="btn btn-primary" data-testid="enrol-start" ?disabled=${s.busy || deviceId === ""} @click=${o.onStart}>
      ${t("technician.enrolStart")}
    </button>
    <label
      >${t("technician.enrolNumber")}
      <input
        class="mono"
        data-testid="enrol-number"
        placeholder=${t("technician.enrolNumberPlaceholder")}
        .value=${s.cardNumber}
        @input=${(e: Event) => o.onNumber((e.target as HTMLInputElement).value)}
      />
    </label>
    <button
      class="btn btn-secondary"
      data-testid="enrol-bind"
      ?disabled=${s.busy || s.cardNumber.trim() === ""}
      @click=${o.onBind}
    >
      ${t("technician.enrolBind")}
    </button>
  </div>`;
}

/** A child's class and group in the screen's language; a guardian's children as the server lists them. */
function holderDetail(m: HolderMatch): string {
  if (m.kind !== "child" || m.grade === undefined || m.className === undefined) return m.detail;
  const label = classLabel({ grade: m.grade, className: m.className });
  return m.groupName ? `${label} · ${m.groupName}` : label;
}
