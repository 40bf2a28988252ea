import { createCookie } from "@remix-run/node";
import { createInstance } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, supportedLanguages } from "./config";
import { LANGUAGE_COOKIE_NAME } from "./languages";
import { serverI18nOptions } from "./server-options.server";
import { rememberTranslations } from "./memoized-translation.server";

/** Remembers the language a person picked with the switcher (`?lng=`), for a year. */
export const languageCookie = createCookie(LANGUAGE_COOKIE_NAME, {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  // `secure` is decided per request (see root loader): https in production, plain http locally.
  maxAge: 60 * 60 * 24 * 365,
});

/** Detection order: `?lng=` search param, then the `lng` cookie, then Accept-Language, then Italian. */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    order: ["searchParams", "cookie", "header"],
  },
  i18next: serverI18nOptions,
});

/**
 * One initialised i18next for the whole process: translations are bundled, so every request can
 * share it. remix-i18next's own getFixedT builds a new instance per call, which cost about a
 * tenth of the CPU of a search page; this getFixedT reads the shared one instead.
 */
export const sharedI18n = rememberTranslations(createInstance());
void sharedI18n.init({ ...serverI18nOptions, lng: fallbackLanguage, initImmediate: false });

i18nServer.getFixedT = (async (locale: string | Request, namespaces?: string | readonly string[]) => {
  const lng = typeof locale === "string" ? locale : await i18nServer.getLocale(locale);
  return sharedI18n.getFixedT(lng, (namespaces as string | string[] | undefined) ?? null);
}) as typeof i18nServer.getFixedT;

/** A per-request i18next for rendering in one language, sharing the process's translations. */
export function i18nForRender(lng: string) {
  return rememberTranslations(sharedI18n.cloneInstance({ lng, initImmediate: false }));
}
