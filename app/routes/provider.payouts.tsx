import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { LabelledSection } from "~/components/LabelledSection";
import { PaymentErrorBoundary } from "~/components/payments/PaymentErrorBoundary";
import { isPaymentError, type PaymentErrorCode } from "~/domain/payments/payment-errors";
import { assertCanManagePayouts, getPayoutOverview, startPayoutOnboarding } from "~/domain/payments/payout-accounts.server";
import { paymentsConfig, publicSiteUrl } from "~/domain/payments/stripe-client.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

/**
 * /provider/payouts — a provider connects a Stripe Express account to be paid online. Stripe's
 * onboarding sends them back here (?from=return, or ?from=refresh when its link expired); on
 * return the account's state is read from Stripe.
 */
export const handle = { i18n: ["common", "payment"] };

const origins = ["return", "refresh"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const requested = new URL(request.url).searchParams.get("from");
  const from = origins.find((o) => o === requested) ?? null;
  const overview = await forbiddenOnAuthorisationError(() => getPayoutOverview(context.db, user, paymentsConfig(), { refresh: from === "return" }));
  const t = await i18nServer.getFixedT(request, "payment");
  return { overview, from, title: t("meta.payoutsTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { error: PaymentErrorCode };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  // Who may act is settled before the form is even read.
  await forbiddenOnAuthorisationError(async () => assertCanManagePayouts(user));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  if (formData.get("intent") !== "setup") return data<ActionData>({ error: "invalid_form" }, { status: 400 });
  const base = `${publicSiteUrl(request.url)}/provider/payouts`;
  try {
    const { url } = await forbiddenOnAuthorisationError(() =>
      startPayoutOnboarding(context.db, user, paymentsConfig(), { returnUrl: `${base}?from=return`, refreshUrl: `${base}?from=refresh` }),
    );
    return redirect(url, 303);
  } catch (error) {
    if (!isPaymentError(error)) throw error;
    const unavailable = error.code === "stripe_unavailable" || error.code === "stripe_timeout";
    return data<ActionData>({ error: error.code }, { status: unavailable ? 503 : 409 });
  }
}

export default function ProviderPayouts() {
  const { overview, from } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("payment");
  const navigation = useNavigation();
  const account = overview.account;
  const status = !account ? "none" : account.chargesEnabled ? (account.payoutsEnabled ? "active" : "payoutsPaused") : "incomplete";
  const button = !account ? "setup" : account.chargesEnabled ? "update" : "continue";

  return (
    <div className="container py-4">
      <div className="row">
        <div className="col-12 col-lg-8">
          <h1>{t("payouts.heading")}</h1>
          <p className="lead">{t("payouts.lead")}</p>

          {from === "return" && !overview.refreshFailed ? (
            <div className="alert alert-info mb-4" role="status">
              {t("payouts.returned")}
            </div>
          ) : null}
          {from === "refresh" ? (
            <div className="alert alert-warning mb-4" role="status">
              {t("payouts.refresh")}
            </div>
          ) : null}
          {overview.refreshFailed ? (
            <div className="alert alert-warning mb-4" role="status">
              {t("payouts.refreshFailed")}
            </div>
          ) : null}
          {actionData?.error ? (
            <div className="alert alert-danger mb-4" role="alert">
              {t(`errors.${actionData.error}`)}
            </div>
          ) : null}

          {!overview.onlinePayments ? (
            <p className="callout">{t("payouts.notConfigured")}</p>
          ) : !overview.provider ? (
            <>
              <p>{t("payouts.noProfile")}</p>
              <p>
                <Link to="/provider" className="btn btn-primary">
                  {t("payouts.completeProfile")}
                </Link>
              </p>
            </>
          ) : (
            <LabelledSection headingId="payout-status" heading={t("payouts.statusHeading")}>
              <p className="fw-semibold" data-testid="payout-status">
                {t(`payouts.status.${status}`)}
              </p>
              {account ? (
                <dl className="vc-facts">
                  <div>
                    <dt>{t("payouts.facts.charges")}</dt>
                    <dd>{account.chargesEnabled ? t("payouts.yes") : t("payouts.no")}</dd>
                  </div>
                  <div>
                    <dt>{t("payouts.facts.payouts")}</dt>
                    <dd>{account.payoutsEnabled ? t("payouts.yes") : t("payouts.no")}</dd>
                  </div>
                  <div>
                    <dt>{t("payouts.facts.details")}</dt>
                    <dd>{account.detailsSubmitted ? t("payouts.yes") : t("payouts.no")}</dd>
                  </div>
                </dl>
              ) : null}
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="setup" />
                <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
                  {t(`payouts.${button}`)}
                </button>
              </Form>
              <p className="vc-hint mt-3">{t("payouts.note")}</p>
            </LabelledSection>
          )}
        </div>
      </div>
    </div>
  );
}

export { PaymentErrorBoundary as ErrorBoundary };
