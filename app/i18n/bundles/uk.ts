import common from "../locales/uk/common.json";
import search from "../locales/uk/search.json";
import provider from "../locales/uk/provider.json";
import account from "../locales/uk/account.json";
import auth from "../locales/uk/auth.json";
import email from "../locales/uk/email.json";
import onboarding from "../locales/uk/onboarding.json";
import operator from "../locales/uk/operator.json";
import booking from "../locales/uk/booking.json";
import payment from "../locales/uk/payment.json";
import message from "../locales/uk/message.json";
import review from "../locales/uk/review.json";
import sharing from "../locales/uk/sharing.json";
import impact from "../locales/uk/impact.json";
import condominium from "../locales/uk/condominium.json";
import hub from "../locales/uk/hub.json";

/** Every namespace in Ukrainian: the browser loads only the bundle of the page's language. */
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
