import type { InitOptions } from "i18next";
import { fallbackLanguage, supportedLanguages } from "./languages";
import { resources } from "./resources";

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
