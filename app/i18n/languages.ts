/**
 * The languages the interface is offered in (kept apart from the translations, so code and tests
 * can ask about languages without loading every locale file). Italian is the default and the fallback.
 * To add one: create app/i18n/locales/<code>/ with the same files, import it in resources.ts
 * and list the code here (and its name under common:uiLanguages in every locale).
 */
export const supportedLanguages = ["it", "en", "es", "ar", "zh", "uk"] as const;
export type UiLanguage = (typeof supportedLanguages)[number];
export const fallbackLanguage: UiLanguage = "it";

/** Languages written right to left (ready for Arabic, which many families in Milan read). */
const rtlLanguages = new Set(["ar", "fa", "he", "ur"]);

/** The text direction for a language code ("ar", "ar-EG" → "rtl"). */
export function dir(lng: string | null | undefined): "ltr" | "rtl" {
  const base = (lng ?? "").toLowerCase().split("-")[0];
  return rtlLanguages.has(base) ? "rtl" : "ltr";
}

export function isSupportedLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

/** The cookie that remembers the language picked with the switcher. */
export const LANGUAGE_COOKIE_NAME = "lng";
