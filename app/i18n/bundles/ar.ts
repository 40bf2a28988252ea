import common from "../locales/ar/common.json";
import search from "../locales/ar/search.json";
import provider from "../locales/ar/provider.json";
import account from "../locales/ar/account.json";
import auth from "../locales/ar/auth.json";
import email from "../locales/ar/email.json";
import onboarding from "../locales/ar/onboarding.json";
import operator from "../locales/ar/operator.json";
import booking from "../locales/ar/booking.json";
import payment from "../locales/ar/payment.json";
import message from "../locales/ar/message.json";
import review from "../locales/ar/review.json";
import sharing from "../locales/ar/sharing.json";
import impact from "../locales/ar/impact.json";
import condominium from "../locales/ar/condominium.json";
import hub from "../locales/ar/hub.json";

/** Every namespace in Arabic: the browser loads only the bundle of the page's language. */
export default {
  common,
  search,
  provider,
  account,
  auth,
  email,
  onboarding,
  operator,
  booking,
  payment,
  message,
  review,
  sharing,
  impact,
  condominium,
  hub,
};
