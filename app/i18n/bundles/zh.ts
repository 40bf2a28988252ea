import common from "../locales/zh/common.json";
import search from "../locales/zh/search.json";
import provider from "../locales/zh/provider.json";
import account from "../locales/zh/account.json";
import auth from "../locales/zh/auth.json";
import email from "../locales/zh/email.json";
import onboarding from "../locales/zh/onboarding.json";
import operator from "../locales/zh/operator.json";
import booking from "../locales/zh/booking.json";
import payment from "../locales/zh/payment.json";
import message from "../locales/zh/message.json";
import review from "../locales/zh/review.json";
import sharing from "../locales/zh/sharing.json";
import impact from "../locales/zh/impact.json";
import condominium from "../locales/zh/condominium.json";
import hub from "../locales/zh/hub.json";

/** Every namespace in Chinese: the browser loads only the bundle of the page's language. */
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
