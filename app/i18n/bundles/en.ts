import common from "../locales/en/common.json";
import search from "../locales/en/search.json";
import provider from "../locales/en/provider.json";
import account from "../locales/en/account.json";
import auth from "../locales/en/auth.json";
import email from "../locales/en/email.json";
import onboarding from "../locales/en/onboarding.json";
import operator from "../locales/en/operator.json";
import booking from "../locales/en/booking.json";
import payment from "../locales/en/payment.json";
import message from "../locales/en/message.json";
import review from "../locales/en/review.json";
import sharing from "../locales/en/sharing.json";
import impact from "../locales/en/impact.json";
import condominium from "../locales/en/condominium.json";
import hub from "../locales/en/hub.json";

/** Every namespace in English: the browser loads only the bundle of the page's language. */
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
