import { html, nothing, type TemplateResult } from "lit";
import type { DeviceStatusView, ReaderStatus } from "../../../protocol/technician";
import { t } from "../i18n";
import { timeOf } from "../shell/format";
import { agentHealth } from "./agent-health";
import { badFrameReasons, badFrameTotal, portProblemText } from "./technician-state";

export interface DeviceCardOptions {
  /** The reader whose console is open, if it is on this device. */
  watching: string | undefined;
  onConsole(readerId: string): void;
  onSetup(): void;
}

/** One device: presence, and each reader's profile, port, state, last reading and counters. */
export function deviceCard(device: DeviceStatusView, options: DeviceCardOptions): TemplateResult {
  const seen = device.lastSeenAt
    ? t("technician.lastSeen", { time: timeOf(device.lastSeenAt) })
    : t("technician.neverSeen");
  return html`<article
    class="card device-card"
    data-testid="device-row"
    data-device-id=${device.deviceId}
    data-online=${device.online ? "true" : "false"}
  >
    <header class="device-head">
      <span class="online-dot ${device.online ? "is-online" : ""}" aria-hidden="true"></span>
      <div class="device-title">
        <h3>${device.name}</h3>
        <span class="muted">
          ${t(`technician.kind.${device.kind}`)}${device.groupName ? html` · ${device.groupName}` : nothing}
        </span>
      </div>
      <div class="device-presence">
        <strong class=${device.online ? "text-online" : "muted"} data-testid="device-online"
          >${device.online ? t("technician.online") : t("technician.offline")}</strong
        >
        <small class="muted">${seen}</small>
      </div>
      <button class="btn btn-secondary" data-testid="reader-setup" @click=${options.onSetup}>
        ${t("technician.setup")}
      </button>
    </header>
    ${device.agent ? agentHealth(device.agent) : nothing}
    ${
      device.readers.length === 0
        ? html`<p class="muted device-empty">${t("technician.noReaders")}</p>`
        : html`<ul class="reader-list">
          ${device.readers.map((r) => readerRow(r, options))}
        </ul>`
    }
  </article>`;
}

function readerRow(reader: ReaderStatus, options: DeviceCardOptions): TemplateResult {
  const bad = badFrameTotal(reader);
  const reasons = badFrameReasons(reader);
  const watching = options.watching === reader.readerId;
  return html`<li
    class="reader-row ${watching ? "is-watching" : ""}"
    data-testid="reader-row"
    data-reader-id=${reader.readerId}
    data-open=${reader.open ? "true" : "false"}
  >
    <div class="reader-main">
      <strong class="mono">${reader.readerId}</strong>
      <span class="chip ${reader.open ? "chip-released" : "chip-danger"}" data-testid="reader-open"
        >${reader.open ? t("technician.open") : t("technician.closed")}</span
      >
      <span class="reader-meta">${reader.profile} · <span class="mono">${reader.path}</span></span>
      <button
        class="btn ${watching ? "btn-primary" : "btn-ghost"} btn-small"
        data-testid="open-console"
        data-reader-id=${reader.readerId}
        @click=${() => options.onConsole(reader.readerId)}
      >
        ${t("technician.console")}
      </button>
    </div>
    <div class="reader-facts">
      <span
        >${t("technician.lastReading")}
        ${
          reader.lastReadingAt
            ? html`<span class="mono" data-testid="reader-last">${reader.lastCardId ?? ""}</span>
              <small class="muted">${timeOf(reader.lastReadingAt)}</small>`
            : html`<span class="muted">${t("technician.noReading")}</span>`
        }</span
      >
      <span class="counter" data-testid="reader-ok">${t("technician.ok", { count: reader.framesOk })}</span>
      <span class="counter ${bad > 0 ? "counter-bad" : ""}" data-testid="reader-bad" title=${reasons.join("\n")}
        >${t("technician.bad", { count: bad })}</span
      >
      <span class="counter">${t("technician.junk", { count: reader.junkBytes })}</span>
    </div>
    ${reasons.length > 0 ? html`<div class="reader-reasons muted mono">${reasons.join(" · ")}</div>` : nothing}
    ${
      reader.problem && !reader.open
        ? html`<div class="reader-problem" title=${reader.problem}>
            ${t("technician.problem", { problem: portProblemText(reader.problem) })}
          </div>`
        : nothing
    }
  </li>`;
}
