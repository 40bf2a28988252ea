import type Stripe from "stripe";
import type { Kysely } from "kysely";
import type { Booking, Database, Payment } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { loadBookingForParty } from "../bookings/booking-access.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { formatDate } from "../../i18n/format";
import { getTranslator, resolveLanguage } from "../../i18n/translator.server";
import { lockBookingForPayment } from "./booking-lock.server";
import { splitPayment } from "./payment-amounts";
import { PaymentError, stripeFailureCode } from "./payment-errors";
import { confirmVoucherOnlyPayment, lockPayment, releasePendingPayment, settlePaidCheckout } from "./payment-settlement.server";
import { payoutDestinationFor } from "./payout-accounts.server";
import type { PaymentsConfig } from "./stripe-client.server";
import { spendFromVoucher, usableVouchers } from "./vouchers.server";
import { amountDueFor } from "../sharing/group-payments.server";

/**
 * A family pays an accepted booking. Amounts are computed here only, from the booking and the
 * family's vouchers, in one transaction that locks the booking and the vouchers: vouchers pay
 * first (soonest expiry first), the card the rest. Covered by vouchers: paid and confirmed at
 * once. Otherwise, after the commit, a Stripe Checkout Session (a destination charge to the
 * provider's Connect account, with the platform's fee) and the family is sent there. If Stripe
 * fails, the reservation is undone: the vouchers get their money back, the payment is marked
 * failed with a code, and the booking stays accepted, so trying again simply works.
 */

export interface CheckoutDeps {
  config: PaymentsConfig | null;
  /** The site's public address, for Stripe's success and cancel URLs. */
  siteUrl: string;
  /** How long the Checkout page stays open (Stripe allows 30 minutes to 24 hours). */
  sessionMinutes?: number;
}

export type CheckoutResult =
  | { kind: "paid"; paymentId: string }
  | { kind: "redirect"; paymentId: string; url: string }
  | { kind: "processing"; paymentId: string }
  | { kind: "failed"; paymentId: string; code: "stripe_unavailable" | "stripe_timeout" | "stripe_rejected" };

type Reservation =
  | { kind: "paid"; payment: Payment }
  | { kind: "card"; payment: Payment; booking: Booking; destination: string; reused: boolean };

export async function startCheckout(db: Kysely<Database>, user: CurrentUser, bookingId: string, deps: CheckoutDeps): Promise<CheckoutResult> {
  const access = await loadBookingForParty(db, user, bookingId);
  if (!access) throw new PaymentError("not_found");
  if (access.party !== "family") throw new AuthorisationError("only the family pays for a booking");

  const reservation = await reserve(db, user, bookingId, deps);
  if (reservation.kind === "paid") return { kind: "paid", paymentId: reservation.payment.id };
  const { payment, booking, destination } = reservation;
  const config = deps.config!;

  if (payment.stripe_checkout_session_id) {
    const existing = await resumeSession(db, config, payment);
    if (existing) return existing;
    // That session had expired: it was closed above, start a fresh payment.
    return startCheckout(db, user, bookingId, deps);
  }

  let session: Stripe.Checkout.Session;
  try {
    session = await config.stripe.checkout.sessions.create(await sessionParams(db, user, booking, payment, destination, deps), {
      idempotencyKey: `checkout:${payment.id}`,
    });
  } catch (error) {
    const code = stripeFailureCode(error);
    await inTransaction(db, async (trx) => {
      const locked = await lockPayment(trx, payment.id);
      if (locked && !locked.payment.stripe_checkout_session_id) await releasePendingPayment(trx, locked.payment, "failed", code);
    });
    return { kind: "failed", paymentId: payment.id, code };
  }

  const stored = await db
    .updateTable("payments")
    .set({ stripe_checkout_session_id: session.id, updated_at: new Date() })
    .where("id", "=", payment.id)
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("stripe_checkout_session_id", "is", null), eb("stripe_checkout_session_id", "=", session.id)]))
    .executeTakeFirst();
  // Meanwhile the payment was closed (the booking cancelled, or a parallel attempt failed).
  if (Number(stored.numUpdatedRows) !== 1) throw new PaymentError("not_payable");
  if (!session.url) throw new PaymentError("stripe_rejected");
  return { kind: "redirect", paymentId: payment.id, url: session.url };
}

/** The transaction: lock, check, compute, spend vouchers, record the pending payment. */
async function reserve(db: Kysely<Database>, user: CurrentUser, bookingId: string, deps: CheckoutDeps): Promise<Reservation> {
  return inTransaction(db, async (trx) => {
    const booking = await lockBookingForPayment(trx, bookingId);
    if (!booking) throw new PaymentError("not_found");
    // The family pays the whole booking; in a shared group's booking each family pays its share.
    const dueCents = await amountDueFor(trx, { bookingId: booking.id, userId: user.id });
    if (dueCents === null) throw new AuthorisationError("only the family pays for a booking");
    if (booking.payment_mode === "direct") throw new PaymentError("pay_directly");

    const open = await trx
      .selectFrom("payments")
      .selectAll()
      .where("booking_id", "=", booking.id)
      .where("payer_user_id", "=", user.id)
      .where("status", "in", ["pending", "paid"])
      .forUpdate()
      .executeTakeFirst();
    if (open?.status === "paid") throw new PaymentError("already_paid");
    if (booking.status !== "accepted" || booking.payment_mode !== "online") throw new PaymentError("not_payable");

    if (open) {
      const destination = await payoutDestinationFor(trx, booking.provider_id);
      if (!deps.config) throw new PaymentError("online_unavailable");
      if (!destination) throw new PaymentError("provider_cannot_take_payments");
      return { kind: "card", payment: open, booking, destination, reused: true };
    }

    const vouchers = await usableVouchers(trx, user.id, booking.category_id, { lock: true });
    const split = splitPayment(dueCents, vouchers, deps.config?.platformFeeBps ?? 0);
    let destination: string | null = null;
    if (split.cardCents > 0) {
      if (!deps.config) throw new PaymentError("online_unavailable");
      destination = await payoutDestinationFor(trx, booking.provider_id);
      if (!destination) throw new PaymentError("provider_cannot_take_payments");
    }

    const payment = await trx
      .insertInto("payments")
      .values({
        booking_id: booking.id,
        payer_user_id: user.id,
        amount_cents: split.totalCents,
        voucher_cents: split.voucherCents,
        stripe_cents: split.cardCents,
        platform_fee_cents: split.feeCents,
        currency: booking.currency,
        status: "pending",
        stripe_checkout_session_id: null,
        stripe_payment_intent_id: null,
        failure_code: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const share of split.fromVouchers) await spendFromVoucher(trx, { voucherId: share.voucherId, paymentId: payment.id, cents: share.cents });

    if (split.cardCents === 0) {
      await confirmVoucherOnlyPayment(trx, payment, booking);
      return { kind: "paid", payment };
    }
    return { kind: "card", payment, booking, destination: destination!, reused: false };
  });
}

/**
 * A checkout already open for this booking: send the family back to it, or, if Stripe says it
 * was paid, settle it now; an expired one is closed (null: start again).
 */
async function resumeSession(db: Kysely<Database>, config: PaymentsConfig, payment: Payment): Promise<CheckoutResult | null> {
  let session: Stripe.Checkout.Session;
  try {
    session = await config.stripe.checkout.sessions.retrieve(payment.stripe_checkout_session_id!);
  } catch (error) {
    // Nothing is changed: the open session is still valid at Stripe.
    return { kind: "failed", paymentId: payment.id, code: stripeFailureCode(error) };
  }
  if (session.status === "open" && session.url) return { kind: "redirect", paymentId: payment.id, url: session.url };
  if (session.status === "complete") {
    await settleFromSession(db, payment.id, session);
    return { kind: "processing", paymentId: payment.id };
  }
  await inTransaction(db, async (trx) => {
    const locked = await lockPayment(trx, payment.id);
    if (locked) await releasePendingPayment(trx, locked.payment, "expired", "checkout_expired");
  });
  return null;
}

/** Applies what a Checkout Session read back from Stripe says (the return page, a resumed checkout). */
export async function settleFromSession(db: Kysely<Database>, paymentId: string, session: Stripe.Checkout.Session): Promise<void> {
  if (session.status !== "complete" || (session.payment_status !== "paid" && session.payment_status !== "no_payment_required")) return;
  await inTransaction(db, (trx) =>
    settlePaidCheckout(trx, {
      paymentId,
      sessionId: session.id,
      paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null),
      amountTotalCents: session.amount_total ?? null,
    }),
  );
}

/** Stripe Checkout's languages among ours (Arabic and Ukrainian: Stripe picks from the browser). */
const checkoutLocales: Record<string, Stripe.Checkout.SessionCreateParams.Locale> = { it: "it", en: "en", es: "es", zh: "zh" };

async function sessionParams(
  db: Kysely<Database>,
  user: CurrentUser,
  booking: Booking,
  payment: Payment,
  destination: string,
  deps: CheckoutDeps,
): Promise<Stripe.Checkout.SessionCreateParams> {
  const language = resolveLanguage(user.locale);
  const t = await getTranslator(language, ["payment", "common"]);
  const category =
    (await db.selectFrom("service_categories").select("slug").where("id", "=", booking.category_id).executeTakeFirst())?.slug ?? "babysitter";
  const dates =
    booking.first_date === booking.last_date
      ? formatDate(booking.first_date, language)
      : t("payment:checkout.dateRange", { from: formatDate(booking.first_date, language), to: formatDate(booking.last_date, language) });
  const base = deps.siteUrl.replace(/\/+$/, "");
  const metadata = { paymentId: payment.id, bookingId: booking.id };
  const minutes = Math.min(24 * 60, Math.max(30, deps.sessionMinutes ?? 60));
  return {
    mode: "payment",
    client_reference_id: payment.id,
    customer_email: user.email,
    locale: checkoutLocales[language] ?? "auto",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: payment.currency.toLowerCase(),
          unit_amount: payment.stripe_cents,
          product_data: {
            name: t("payment:checkout.lineItem", { category: t(`common:categories.${category}.name`, { defaultValue: category }) }),
            description: dates,
          },
        },
      },
    ],
    payment_intent_data: {
      ...(payment.platform_fee_cents > 0 ? { application_fee_amount: payment.platform_fee_cents } : {}),
      transfer_data: { destination },
      metadata,
    },
    metadata,
    expires_at: Math.floor(Date.now() / 1000) + minutes * 60,
    success_url: `${base}/bookings/${booking.id}/pay?result=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}/bookings/${booking.id}/pay?result=cancelled`,
  };
}
