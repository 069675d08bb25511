import i18next, { type i18n } from "i18next";
import { en } from "./en";
import { zh } from "./zh";

export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "wanfeng.lang";

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

const instance: i18n = i18next.createInstance();
/** The instance t() reads: the screen's, or for a moment a fixed language's (see inLanguage). */
let active: i18n = instance;

/** Starts i18next with both catalogues bundled; synchronous, no network. */
export function initI18n(language: Language = storedLanguage()): void {
  void instance.init({
    lng: language,
    fallbackLng: "zh",
    initAsync: false,
    resources: { zh: { translation: zh }, en: { translation: en } },
    // lit-html escapes what it renders; escaping here would show &amp; on screen.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  applyDocumentLanguage();
}

export function t(key: string, options?: Record<string, string | number>): string {
  return active.t(key, options);
}

export function hasKey(key: string): boolean {
  return active.exists(key);
}

/**
 * Runs `render` with t() in another language without touching the screen's: a room may speak
 * its announcements in Chinese while its screen shows English (the room's speech setting).
 */
export function inLanguage<T>(language: Language, render: () => T): T {
  const previous = active;
  active = instance.cloneInstance({ lng: language, initAsync: false });
  try {
    return render();
  } finally {
    active = previous;
  }
}

export function currentLanguage(): Language {
  return instance.language === "en" ? "en" : "zh";
}

/** The BCP 47 tag for speech and date formatting. */
export function speechLocale(): string {
  return currentLanguage() === "en" ? "en-US" : "zh-CN";
}

export function setLanguage(language: Language): void {
  void instance.changeLanguage(language);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // private mode or storage full: the choice lasts until reload
  }
  applyDocumentLanguage();
}

function applyDocumentLanguage(): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = currentLanguage() === "en" ? "en" : "zh-CN";
  document.title = t("app.title");
}
