import common from "../locales/it/common.json";
import search from "../locales/it/search.json";
import provider from "../locales/it/provider.json";
import account from "../locales/it/account.json";
import auth from "../locales/it/auth.json";
import email from "../locales/it/email.json";
import onboarding from "../locales/it/onboarding.json";
import operator from "../locales/it/operator.json";
import booking from "../locales/it/booking.json";
import payment from "../locales/it/payment.json";
import message from "../locales/it/message.json";
import review from "../locales/it/review.json";
import sharing from "../locales/it/sharing.json";
import impact from "../locales/it/impact.json";
import condominium from "../locales/it/condominium.json";
import hub from "../locales/it/hub.json";

/** Every namespace in Italian: the browser loads only the bundle of the page's language. */
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
