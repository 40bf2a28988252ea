import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nOptions, supportedLanguages } from "./config";

/** Remembers the language a person picked with the switcher (`?lng=`), for a year. */
export const languageCookie = createCookie("lng", {
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
  i18next: i18nOptions,
});
