import { html, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { ConsoleFrame } from "../../../protocol/technician";
import { t } from "../i18n";
import { badFrameText, type ConsoleLine, spacedHex } from "./technician-state";

export interface ConsolePanelOptions {
  /** "南门 · ttyV0" when open. */
  title: string | undefined;
  lines: readonly ConsoleLine[];
  onClose(): void;
  onClear(): void;
}

/** The live console: every frame of the watched reader, raw bytes and what they decoded to. */
export function consolePanel(o: ConsolePanelOptions): TemplateResult {
  return html`<section class="panel console-panel" data-testid="console-panel">
    <div class="panel-head">
      <h2>${t("technician.consoleTitle")}</h2>
      ${
        o.title
          ? html`<span class="console-target mono" data-testid="console-target">${o.title}</span>
            <span class="spacer"></span>
            <button class="btn btn-ghost btn-small" @click=${o.onClear}>${t("technician.consoleClear")}</button>
            <button class="btn btn-secondary btn-small" data-testid="console-close" @click=${o.onClose}>
              ${t("technician.consoleClose")}
            </button>`
          : ""
      }
    </div>
    ${
      o.title === undefined
        ? html`<p class="panel-empty">${t("technician.consoleHint")}</p>`
        : o.lines.length === 0
          ? html`<p class="panel-empty" data-testid="console-waiting">${t("technician.consoleWaiting")}</p>`
          : html`<ol class="console-lines">
            ${repeat(
              o.lines,
              (l) => l.seq,
              (l) => consoleLine(l.frame),
            )}
          </ol>`
    }
  </section>`;
}

function consoleLine(frame: ConsoleFrame): TemplateResult {
  const time = new Date(frame.at).toLocaleTimeString("en-GB", { hour12: false });
  return html`<li class="console-line console-${frame.kind}" data-testid="console-line" data-kind=${frame.kind}>
    <span class="console-time mono">${time}</span>
    <span class="console-hex mono" data-testid="console-hex">${spacedHex(frame.rawHex)}</span>
    <span class="console-decoded" data-testid="console-reading">${decoded(frame)}</span>
  </li>`;
}

function decoded(frame: ConsoleFrame): string {
  if (frame.kind === "bad") return t("technician.consoleBad", { reason: badFrameText(frame.reason) });
  const { reading } = frame;
  return reading.kind === "card"
    ? t("technician.consoleCard", { cardId: reading.cardId })
    : t("technician.consoleCode", { text: reading.text });
}
