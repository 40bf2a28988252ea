import common from "../locales/es/common.json";
import search from "../locales/es/search.json";
import provider from "../locales/es/provider.json";
import account from "../locales/es/account.json";
import auth from "../locales/es/auth.json";
import email from "../locales/es/email.json";
import onboarding from "../locales/es/onboarding.json";
import operator from "../locales/es/operator.json";
import booking from "../locales/es/booking.json";
import payment from "../locales/es/payment.json";
import message from "../locales/es/message.json";
import review from "../locales/es/review.json";
import sharing from "../locales/es/sharing.json";
import impact from "../locales/es/impact.json";
import condominium from "../locales/es/condominium.json";
import hub from "../locales/es/hub.json";

/** Every namespace in Spanish: the browser loads only the bundle of the page's language. */
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
