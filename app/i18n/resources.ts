import itCommon from "./locales/it/common.json";
import itSearch from "./locales/it/search.json";
import itProvider from "./locales/it/provider.json";
import itAccount from "./locales/it/account.json";
import itAuth from "./locales/it/auth.json";
import itEmail from "./locales/it/email.json";
import itOnboarding from "./locales/it/onboarding.json";
import itOperator from "./locales/it/operator.json";
import itBooking from "./locales/it/booking.json";
import itPayment from "./locales/it/payment.json";
import itMessage from "./locales/it/message.json";
import itReview from "./locales/it/review.json";
import itSharing from "./locales/it/sharing.json";
import itImpact from "./locales/it/impact.json";
import enCommon from "./locales/en/common.json";
import enSearch from "./locales/en/search.json";
import enProvider from "./locales/en/provider.json";
import enAccount from "./locales/en/account.json";
import enAuth from "./locales/en/auth.json";
import enEmail from "./locales/en/email.json";
import enOnboarding from "./locales/en/onboarding.json";
import enOperator from "./locales/en/operator.json";
import enBooking from "./locales/en/booking.json";
import enPayment from "./locales/en/payment.json";
import enMessage from "./locales/en/message.json";
import enReview from "./locales/en/review.json";
import enSharing from "./locales/en/sharing.json";
import enImpact from "./locales/en/impact.json";
import esCommon from "./locales/es/common.json";
import esSearch from "./locales/es/search.json";
import esProvider from "./locales/es/provider.json";
import esAccount from "./locales/es/account.json";
import esAuth from "./locales/es/auth.json";
import esEmail from "./locales/es/email.json";
import esOnboarding from "./locales/es/onboarding.json";
import esOperator from "./locales/es/operator.json";
import esBooking from "./locales/es/booking.json";
import esPayment from "./locales/es/payment.json";
import esMessage from "./locales/es/message.json";
import esReview from "./locales/es/review.json";
import esSharing from "./locales/es/sharing.json";
import esImpact from "./locales/es/impact.json";
import arCommon from "./locales/ar/common.json";
import arSearch from "./locales/ar/search.json";
import arProvider from "./locales/ar/provider.json";
import arAccount from "./locales/ar/account.json";
import arAuth from "./locales/ar/auth.json";
import arEmail from "./locales/ar/email.json";
import arOnboarding from "./locales/ar/onboarding.json";
import arOperator from "./locales/ar/operator.json";
import arBooking from "./locales/ar/booking.json";
import arPayment from "./locales/ar/payment.json";
import arMessage from "./locales/ar/message.json";
import arReview from "./locales/ar/review.json";
import arSharing from "./locales/ar/sharing.json";
import arImpact from "./locales/ar/impact.json";
import zhCommon from "./locales/zh/common.json";
import zhSearch from "./locales/zh/search.json";
import zhProvider from "./locales/zh/provider.json";
import zhAccount from "./locales/zh/account.json";
import zhAuth from "./locales/zh/auth.json";
import zhEmail from "./locales/zh/email.json";
import zhOnboarding from "./locales/zh/onboarding.json";
import zhOperator from "./locales/zh/operator.json";
import zhBooking from "./locales/zh/booking.json";
import zhPayment from "./locales/zh/payment.json";
import zhMessage from "./locales/zh/message.json";
import zhReview from "./locales/zh/review.json";
import zhSharing from "./locales/zh/sharing.json";
import zhImpact from "./locales/zh/impact.json";
import ukCommon from "./locales/uk/common.json";
import ukSearch from "./locales/uk/search.json";
import ukProvider from "./locales/uk/provider.json";
import ukAccount from "./locales/uk/account.json";
import ukAuth from "./locales/uk/auth.json";
import ukEmail from "./locales/uk/email.json";
import ukOnboarding from "./locales/uk/onboarding.json";
import ukOperator from "./locales/uk/operator.json";
import ukBooking from "./locales/uk/booking.json";
import ukPayment from "./locales/uk/payment.json";
import ukMessage from "./locales/uk/message.json";
import ukReview from "./locales/uk/review.json";
import ukSharing from "./locales/uk/sharing.json";
import ukImpact from "./locales/uk/impact.json";
import itCondominium from "./locales/it/condominium.json";
import itHub from "./locales/it/hub.json";
import enCondominium from "./locales/en/condominium.json";
import enHub from "./locales/en/hub.json";
import esCondominium from "./locales/es/condominium.json";
import esHub from "./locales/es/hub.json";
import arCondominium from "./locales/ar/condominium.json";
import arHub from "./locales/ar/hub.json";
import zhCondominium from "./locales/zh/condominium.json";
import zhHub from "./locales/zh/hub.json";
import ukCondominium from "./locales/uk/condominium.json";
import ukHub from "./locales/uk/hub.json";

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
    booking: itBooking,
    payment: itPayment,
    message: itMessage,
    review: itReview,
    sharing: itSharing,
    impact: itImpact,
    condominium: itCondominium,
    hub: itHub,
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
    booking: enBooking,
    payment: enPayment,
    message: enMessage,
    review: enReview,
    sharing: enSharing,
    impact: enImpact,
    condominium: enCondominium,
    hub: enHub,
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
    booking: esBooking,
    payment: esPayment,
    message: esMessage,
    review: esReview,
    sharing: esSharing,
    impact: esImpact,
    condominium: esCondominium,
    hub: esHub,
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
    booking: arBooking,
    payment: arPayment,
    message: arMessage,
    review: arReview,
    sharing: arSharing,
    impact: arImpact,
    condominium: arCondominium,
    hub: arHub,
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
    booking: zhBooking,
    payment: zhPayment,
    message: zhMessage,
    review: zhReview,
    sharing: zhSharing,
    impact: zhImpact,
    condominium: zhCondominium,
    hub: zhHub,
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
    booking: ukBooking,
    payment: ukPayment,
    message: ukMessage,
    review: ukReview,
    sharing: ukSharing,
    impact: ukImpact,
    condominium: ukCondominium,
    hub: ukHub,
  },
};
