import enAccount from "./locales/en/account.json";
import enAuth from "./locales/en/auth.json";
import enCommon from "./locales/en/common.json";
import enEmail from "./locales/en/email.json";
import enOnboarding from "./locales/en/onboarding.json";
import enOperator from "./locales/en/operator.json";
import enProvider from "./locales/en/provider.json";
import enSearch from "./locales/en/search.json";
import itAccount from "./locales/it/account.json";
import itAuth from "./locales/it/auth.json";
import itCommon from "./locales/it/common.json";
import itEmail from "./locales/it/email.json";
import itOnboarding from "./locales/it/onboarding.json";
import itOperator from "./locales/it/operator.json";
import itProvider from "./locales/it/provider.json";
import itSearch from "./locales/it/search.json";

/**
 * Translations are bundled statically (no HTTP backend): the server and the browser load the
 * same objects. A new namespace needs a JSON file in every locale folder and a line per locale
 * here (tests/unit/i18n-locales.test.ts checks both). With many more languages this could become
 * a lazy import per language.
 */
export const resources = {
  it: {
    common: itCommon,
    search: itSearch,
    provider: itProvider,
    account: itAccount,
    auth: itAuth,
    onboarding: itOnboarding,
    operator: itOperator,
    email: itEmail,
  },
  en: {
    common: enCommon,
    search: enSearch,
    provider: enProvider,
    account: enAccount,
    auth: enAuth,
    onboarding: enOnboarding,
    operator: enOperator,
    email: enEmail,
  },
};
