import type { InitOptions } from "i18next";
import { fallbackLanguage, supportedLanguages } from "./languages";

export { dir, fallbackLanguage, isSupportedLanguage, supportedLanguages, type UiLanguage } from "./languages";

export const namespaces = [
  "common",
  "search",
  "provider",
  "auth",
  "account",
  "email",
  "onboarding",
  "operator",
  "booking",
  "payment",
  "message",
  "review",
  "sharing",
  "impact",
  "condominium",
  "hub",
] as const;
export type Namespace = (typeof namespaces)[number];
export const defaultNamespace: Namespace = "common";

/**
 * The same options on the server and in the browser; the translations come separately (all of
 * them on the server: server-options.server.ts; the page's language in the browser: language-bundles.ts).
 */
export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: defaultNamespace,
  ns: [...namespaces],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
} satisfies InitOptions;
