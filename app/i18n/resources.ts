import ar from "./bundles/ar";
import en from "./bundles/en";
import es from "./bundles/es";
import it from "./bundles/it";
import uk from "./bundles/uk";
import zh from "./bundles/zh";

/**
 * Every language's translations, for the server (pages, e-mails, the worker). A new namespace
 * needs a JSON file in every locale folder and a line in each file of ./bundles
 * (tests/unit/i18n-locales.test.ts checks both). The browser loads one bundle, the page's
 * language (./language-bundles.ts).
 */
export const resources = { it, en, es, ar, zh, uk };
