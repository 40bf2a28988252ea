import type { InitOptions } from "i18next";
import { resources } from "./resources";

/**
 * The languages the interface is offered in. Italian is the default and the fallback.
 * To add one: create app/i18n/locales/<code>/ with the same files, import it in resources.ts
 * and list the code here (and its name under common:uiLanguages in every locale).
 */
export const supportedLanguages = ["it", "en"] as const;
export type UiLanguage = (typeof supportedLanguages)[number];
export const fallbackLanguage: UiLanguage = "it";

export const namespaces = ["common", "search", "provider", "auth", "account", "email", "onboarding", "operator"] as const;
export type Namespace = (typeof namespaces)[number];
export const defaultNamespace: Namespace = "common";

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

/** The same options on the server (per request) and in the browser. */
export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: defaultNamespace,
  ns: [...namespaces],
  resources,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
} satisfies InitOptions;
