import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackLanguage, i18nOptions, isSupportedLanguage } from "./i18n/config";
import { loadLanguageBundle } from "./i18n/language-bundles";

async function hydrate() {
  // The server rendered the page in the language named by <html lang>; use the same one.
  const htmlLang = document.documentElement.lang;
  const lng = isSupportedLanguage(htmlLang) ? htmlLang : fallbackLanguage;
  await i18next.use(initReactI18next).init({
    ...i18nOptions,
    lng,
    // Only this language: every key exists in every locale (tests/unit/i18n-locales.test.ts), so
    // the Italian fallback the server has is never needed here.
    resources: { [lng]: await loadLanguageBundle(lng) },
  });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
