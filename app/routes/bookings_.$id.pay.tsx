import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { LabelledSection } from "~/components/LabelledSection";
import { PaymentErrorBoundary } from "~/components/payments/PaymentErrorBoundary";
import { VoucherTable } from "~/components/payments/VoucherTable";
import { FREE_CANCELLATION_HOURS } from "~/domain/bookings/cancellation-policy";
import { isPaymentError, type PaymentErrorCode } from "~/domain/payments/payment-errors";
import { assertCanPayBooking, getPaymentPage } from "~/domain/payments/payment-page.server";
import { startCheckout } from "~/domain/payments/start-checkout.server";
import { paymentsConfig, publicSiteUrl } from "~/domain/payments/stripe-client.server";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

/**
 * /bookings/:id/pay — the family pays an accepted booking: the breakdown (vouchers first, the
 * card for the rest, the platform's fee if any), then Stripe Checkout. Stripe sends the family
 * back here with ?result=success or ?result=cancelled.
 */
export const handle = { i18n: ["common", "payment", "booking"] };

const results = ["success", "cancelled"] as const;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const requested = new URL(request.url).searchParams.get("result");
  const result = results.find((r) => r === requested) ?? null;
  const page = await forbiddenOnAuthorisationError(() =>
    getPaymentPage(context.db, user, params.id ?? "", { config: paymentsConfig(), returnedFromStripe: result === "success" }),
  );
  if (!page) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "payment");
  return { page, result, freeHours: FREE_CANCELLATION_HOURS, title: t("meta.payTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { error: PaymentErrorCode };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const bookingId = params.id ?? "";
  // Who may pay is settled before the form is even read.
  if (!(await forbiddenOnAuthorisationError(() => assertCanPayBooking(context.db, user, bookingId)))) throw new Response(null, { status: 404 });
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  if (formData.get("intent") !== "pay") return data<ActionData>({ error: "invalid_form" }, { status: 400 });
  try {
    const result = await forbiddenOnAuthorisationError(() =>
      startCheckout(context.db, user, bookingId, { config: paymentsConfig(), siteUrl: publicSiteUrl(request.url) }),
    );
    if (result.kind === "redirect") return redirect(result.url, 303);
    // Nothing was charged; the booking is still accepted and the button works again.
    if (result.kind === "failed") return data<ActionData>({ error: result.code }, { status: 503 });
    return redirect(`/bookings/${bookingId}/pay?result=success`, 303);
  } catch (error) {
    if (isPaymentError(error, "not_found")) throw new Response(null, { status: 404 });
    if (isPaymentError(error)) return data<ActionData>({ error: error.code }, { status: 409 });
    throw error;
  }
}

export default function PayBooking() {
  const { page, result, freeHours } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["payment", "common"]);
  const navigation = useNavigation();
  const locale = i18n.language;
  const { booking, payment, quote } = page;
  const money = (cents: number) => formatMoney(cents, booking.currency, locale);

  const shown = payment && ["pending", "paid", "partially_refunded", "refunded"].includes(payment.status) ? payment : null;
  const amounts = shown ?? (quote ? { voucherCents: quote.voucherCents, cardCents: quote.cardCents, feeCents: quote.feeCents, refundedCents: 0 } : null);
  const outcome =
    result === "cancelled"
      ? "cancelled"
      : result === "success"
        ? payment?.status === "paid"
          ? // A shared group's booking is confirmed only once every family has paid its share.
            page.booking.status === "accepted"
            ? "paidShare"
            : "paid"
          : payment?.status === "pending"
            ? "processing"
            : null
        : null;
  const dates =
    booking.firstDate === booking.lastDate
      ? formatDate(booking.firstDate, locale)
      : t("payment:checkout.dateRange", { from: formatDate(booking.firstDate, locale), to: formatDate(booking.lastDate, locale) });
  const canPay = page.blocked === null && amounts !== null;

  return (
    <div className="container py-4">
      <p>
        <Link to={`/bookings/${booking.id}`}>{t("payment:pay.backToBooking")}</Link>
      </p>
      <h1>{t("payment:pay.heading")}</h1>
      <p className="lead">{t("payment:pay.lead")}</p>

      {outcome ? (
        <div className={`alert ${outcome === "paid" || outcome === "paidShare" ? "alert-success" : outcome === "processing" ? "alert-info" : "alert-warning"} mb-4`} role="status">
          <h2 className="h5">{t(`payment:pay.result.${outcome}.title`)}</h2>
          <p className="mb-0">{t(`payment:pay.result.${outcome}.text`)}</p>
        </div>
      ) : null}
      {actionData?.error ? (
        <div className="alert alert-danger mb-4" role="alert">
          {t(`payment:errors.${actionData.error}`)}
        </div>
      ) : null}

      <div className="row g-4">
        <div className="col-12 col-lg-7">
          <LabelledSection headingId="pay-summary" heading={t("payment:pay.summary.heading")}>
            <dl className="vc-facts">
              <div>
                <dt>{t("payment:pay.summary.service")}</dt>
                <dd>{booking.categorySlug ? t(`common:categories.${booking.categorySlug}.name`) : "—"}</dd>
              </div>
              <div>
                <dt>{t("payment:pay.summary.provider")}</dt>
                <dd>{booking.providerName}</dd>
              </div>
              <div>
                <dt>{t("payment:pay.summary.dates")}</dt>
                <dd>{dates}</dd>
              </div>
              {payment ? (
                <div>
                  <dt>{t("payment:pay.statusLabel")}</dt>
                  <dd>{t(`payment:pay.statuses.${payment.status}`)}</dd>
                </div>
              ) : null}
            </dl>
          </LabelledSection>

          <LabelledSection headingId="pay-amounts" heading={t("payment:pay.breakdown.heading")}>
            <dl className="vc-facts">
              <div>
                <dt>{t("payment:pay.breakdown.total")}</dt>
                <dd>{money(booking.totalCents)}</dd>
              </div>
              {amounts && amounts.voucherCents > 0 ? (
                <div>
                  <dt>{t("payment:pay.breakdown.vouchers")}</dt>
                  <dd>−{money(amounts.voucherCents)}</dd>
                </div>
              ) : null}
              {amounts ? (
                <div>
                  <dt>{t("payment:pay.breakdown.card")}</dt>
                  <dd className="fw-semibold">{money(amounts.cardCents)}</dd>
                </div>
              ) : null}
              {amounts && amounts.feeCents > 0 ? (
                <div>
                  <dt>{t("payment:pay.breakdown.fee")}</dt>
                  <dd>{money(amounts.feeCents)}</dd>
                </div>
              ) : null}
              {amounts && amounts.refundedCents > 0 ? (
                <div>
                  <dt>{t("payment:pay.breakdown.refunded")}</dt>
                  <dd>{money(amounts.refundedCents)}</dd>
                </div>
              ) : null}
            </dl>
            {amounts && amounts.feeCents > 0 ? <p className="vc-hint">{t("payment:pay.breakdown.feeNote")}</p> : null}

            {canPay ? (
              <Form method="post" className="mt-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="pay" />
                <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
                  {amounts!.cardCents > 0 ? t("payment:pay.payByCard", { amount: money(amounts!.cardCents) }) : t("payment:pay.payWithVouchers")}
                </button>
                {amounts!.cardCents > 0 ? <p className="vc-hint mt-2">{t("payment:pay.secureNote")}</p> : null}
              </Form>
            ) : page.blocked && !(page.blocked === "already_paid" && (outcome === "paid" || outcome === "paidShare")) ? (
              <p className="callout mt-3">{t(`payment:errors.${page.blocked}`)}</p>
            ) : null}
          </LabelledSection>

          <LabelledSection headingId="pay-policy" heading={t("payment:pay.policy.heading")}>
            <p>{t("payment:pay.policy.standard", { hours: freeHours })}</p>
            <p>{t("payment:pay.policy.refundOrder")}</p>
          </LabelledSection>
        </div>

        <aside className="col-12 col-lg-5" aria-labelledby="pay-vouchers">
          <h2 id="pay-vouchers" className="h3">
            {t("payment:vouchers.heading")}
          </h2>
          <p>{t("payment:vouchers.intro")}</p>
          <VoucherTable vouchers={page.vouchers} />
          {page.vouchers.length > 0 ? (
            <p>
              <Link to="/account/vouchers">{t("payment:vouchers.seeAll")}</Link>
            </p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export { PaymentErrorBoundary as ErrorBoundary };
