import { html, type TemplateResult } from "lit";
import { type AnnounceSettings, SPEECH_LANGUAGES } from "../../../protocol/room";
import { t } from "../i18n";
import { requestRender } from "../shell/app";
import { type DialogContext, dialogFrame } from "./room-dialog";
import { choiceButtons } from "./room-fields";

/** The room's announcement settings (item 16): speech, chime, speech language, volume. */

export interface SettingsState {
  kind: "settings";
  announce: AnnounceSettings;
}

export function settingsDialog(
  d: SettingsState,
  ctx: DialogContext,
  actions: { onSave: () => void; onTest: () => void },
): TemplateResult {
  const onOff = (key: "speech" | "chime") =>
    html`<div class="care-row"><span class="care-label">${t(`careRoom.${key}`)}</span>
      ${choiceButtons(
        ["on", "off"] as const,
        d.announce[key] ? "on" : "off",
        (v) => t(`careRoom.${v}`),
        `settings-${key}`,
        (v) => {
          d.announce = { ...d.announce, [key]: v === "on" };
        },
      )}</div>`;
  return dialogFrame(ctx, {
    testid: "settings-dialog",
    title: t("careRoom.settingsTitle"),
    confirmLabel: t("careRoom.save"),
    onConfirm: actions.onSave,
    body: html`${onOff("speech")} ${onOff("chime")}
      <div class="care-row"><span class="care-label">${t("careRoom.speechLanguage")}</span>
        ${choiceButtons(
          SPEECH_LANGUAGES,
          d.announce.speechLanguage,
          (l) => t(`careRoom.languages.${l}`),
          "settings-language",
          (l) => {
            d.announce = { ...d.announce, speechLanguage: l };
          },
        )}
      </div>
      <label class="care-row"><span class="care-label">${t("careRoom.volume")}</span>
        <input type="range" min="0" max="100" step="10" data-testid="settings-volume"
          .value=${String(Math.round(d.announce.volume * 100))}
          @input=${(e: Event) => {
            d.announce = { ...d.announce, volume: Number((e.target as HTMLInputElement).value) / 100 };
            requestRender();
          }} />
        <span>${Math.round(d.announce.volume * 100)}%</span>
      </label>
      <button type="button" class="btn btn-secondary" data-testid="settings-test" @click=${actions.onTest}>${t("careRoom.test")}</button>`,
  });
}
