import type { ChildDayView } from "../../../protocol/model";
import type { AnnounceSettings } from "../../../protocol/room";
import { inLanguage, speechLocale } from "../i18n";
import { chime, speak } from "../shell/announce";
import { speechText } from "../shell/format";

/**
 * A pickup announcement as the room's settings want it (item 16): chime and speech each on or
 * off, the speech in the screen's language or always in one, at the room's volume.
 */
export function announcePickup(child: ChildDayView, settings: AnnounceSettings): void {
  if (settings.chime) chime("pickup", settings.volume);
  if (!settings.speech) return;
  const language = settings.speechLanguage;
  if (language === "ui") {
    speak(speechText(child), speechLocale(), 900, settings.volume);
    return;
  }
  const text = inLanguage(language, () => speechText(child));
  speak(text, language === "en" ? "en-US" : "zh-CN", 900, settings.volume);
}

/** The settings dialog's "test" button: a made-up child, so nothing real is announced. */
export function sampleAnnouncement(settings: AnnounceSettings, sample: ChildDayView): void {
  announcePickup(sample, settings);
}
