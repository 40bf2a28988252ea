import itCommon from "./locales/it/common.json";
import itSearch from "./locales/it/search.json";
import itProvider from "./locales/it/provider.json";
import itAccount from "./locales/it/account.json";
import itAuth from "./locales/it/auth.json";
import itEmail from "./locales/it/email.json";
import itOnboarding from "./locales/it/onboarding.json";
import itOperator from "./locales/it/operator.json";
import enCommon from "./locales/en/common.json";
import enSearch from "./locales/en/search.json";
import enProvider from "./locales/en/provider.json";
import enAccount from "./locales/en/account.json";
import enAuth from "./locales/en/auth.json";
import enEmail from "./locales/en/email.json";
import enOnboarding from "./locales/en/onboarding.json";
import enOperator from "./locales/en/operator.json";
import esCommon from "./locales/es/common.json";
import esSearch from "./locales/es/search.json";
import esProvider from "./locales/es/provider.json";
import esAccount from "./locales/es/account.json";
import esAuth from "./locales/es/auth.json";
import esEmail from "./locales/es/email.json";
import esOnboarding from "./locales/es/onboarding.json";
import esOperator from "./locales/es/operator.json";
import arCommon from "./locales/ar/common.json";
import arSearch from "./locales/ar/search.json";
import arProvider from "./locales/ar/provider.json";
import arAccount from "./locales/ar/account.json";
import arAuth from "./locales/ar/auth.json";
import arEmail from "./locales/ar/email.json";
import arOnboarding from "./locales/ar/onboarding.json";
import arOperator from "./locales/ar/operator.json";
import zhCommon from "./locales/zh/common.json";
import zhSearch from "./locales/zh/search.json";
import zhProvider from "./locales/zh/provider.json";
import zhAccount from "./locales/zh/account.json";
import zhAuth from "./locales/zh/auth.json";
import zhEmail from "./locales/zh/email.json";
import zhOnboarding from "./locales/zh/onboarding.json";
import zhOperator from "./locales/zh/operator.json";
import ukCommon from "./locales/uk/common.json";
import ukSearch from "./locales/uk/search.json";
import ukProvider from "./locales/uk/provider.json";
import ukAccount from "./locales/uk/account.json";
import ukAuth from "./locales/uk/auth.json";
import ukEmail from "./locales/uk/email.json";
import ukOnboarding from "./locales/uk/onboarding.json";
import ukOperator from "./locales/uk/operator.json";

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
    email: itEmail,
    onboarding: itOnboarding,
    operator: itOperator,
  },
  en: {
    common: enCommon,
    search: enSearch,
    provider: enProvider,
    account: enAccount,
    auth: enAuth,
    email: enEmail,
    onboarding: enOnboarding,
    operator: enOperator,
  },
  es: {
    common: esCommon,
    search: esSearch,
    provider: esProvider,
    account: esAccount,
    auth: esAuth,
    email: esEmail,
    onboarding: esOnboarding,
    operator: esOperator,
  },
  ar: {
    common: arCommon,
    search: arSearch,
    provider: arProvider,
    account: arAccount,
    auth: arAuth,
    email: arEmail,
    onboarding: arOnboarding,
    operator: arOperator,
  },
  zh: {
    common: zhCommon,
    search: zhSearch,
    provider: zhProvider,
    account: zhAccount,
    auth: zhAuth,
    email: zhEmail,
    onboarding: zhOnboarding,
    operator: zhOperator,
  },
  uk: {
    common: ukCommon,
    search: ukSearch,
    provider: ukProvider,
    account: ukAccount,
    auth: ukAuth,
    email: ukEmail,
    onboarding: ukOnboarding,
    operator: ukOperator,
  },
};
