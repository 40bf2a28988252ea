import { createInstance, type TFunction, type i18n as I18n } from "i18next";
import { fallbackLanguage, isSupportedLanguage, type UiLanguage } from "./config";
import { serverI18nOptions } from "./server-options.server";

/**
 * Translations outside a web request (e-mails sent by the worker, plain-text answers from
 * Express such as the rate-limit page): one i18next instance with the same bundled resources
 * as the pages, initialised once and reused.
 */
let instance: Promise<I18n> | undefined;

function standalone(): Promise<I18n> {
  instance ??= (async () => {
    const i18n = createInstance();
    await i18n.init({ ...serverI18nOptions, lng: fallbackLanguage, initImmediate: false });
    return i18n;
  })();
  return instance;
}

/** A supported language for a stored or requested code ("en-GB" → "en"; unknown → Italian). */
export function resolveLanguage(code: string | null | undefined): UiLanguage {
  const base = (code ?? "").toLowerCase().split(/[-_]/)[0];
  return isSupportedLanguage(base) ? base : fallbackLanguage;
}

export async function getTranslator(locale: string | null | undefined, ns?: string | string[]): Promise<TFunction> {
  const i18n = await standalone();
  return i18n.getFixedT(resolveLanguage(locale), ns ?? null);
}

/** Whether a key ("email:verifyEmail.subject") exists in a language or its fallback. */
export async function hasTranslation(key: string, locale: string): Promise<boolean> {
  const i18n = await standalone();
  return i18n.exists(key, { lng: resolveLanguage(locale) });
}

/** The best supported language in an Accept-Language header, or Italian. */
export function languageFromAcceptLanguage(header: string | null | undefined): UiLanguage {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag!.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.toLowerCase().split("-")[0];
    if (isSupportedLanguage(base)) return base;
  }
  return fallbackLanguage;
}
