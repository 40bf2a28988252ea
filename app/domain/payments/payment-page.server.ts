import type { Kysely } from "kysely";
import type { BookingStatus, Database, PaymentMode, PaymentStatus } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { loadBookingForParty } from "../bookings/booking-access.server";
import { splitPayment } from "./payment-amounts";
import type { PaymentErrorCode } from "./payment-errors";
import { payoutDestinationFor } from "./payout-accounts.server";
import { settleFromSession } from "./start-checkout.server";
import type { PaymentsConfig } from "./stripe-client.server";
import { listFamilyVouchers, usableVouchers, type FamilyVoucher } from "./vouchers.server";
import { amountDueFor } from "../sharing/group-payments.server";

/**
 * What the family sees before paying (the breakdown, computed exactly as checkout will) and
 * after coming back from Stripe. Only the booking's family may open it.
 */

export interface PaymentPageData {
  booking: {
    id: string;
    status: BookingStatus;
    paymentMode: PaymentMode | null;
    totalCents: number;
    currency: string;
    categorySlug: string;
    firstDate: string;
    lastDate: string;
    cancellationPolicy: string;
    providerName: string;
  };
  /** The family's latest payment for this booking. */
  payment: {
    id: string;
    status: PaymentStatus;
    amountCents: number;
    voucherCents: number;
    cardCents: number;
    feeCents: number;
    refundedCents: number;
    failureCode: string | null;
  } | null;
  /** The split checkout would make now (when the booking can be paid and nothing is open). */
  quote: { voucherCents: number; cardCents: number; feeCents: number } | null;
  /** Why paying online is not possible now; null: it is. */
  blocked: PaymentErrorCode | null;
  vouchers: FamilyVoucher[];
}

/**
 * For the pay action, before the form is read: true when the booking exists and the person is
 * its family; false when there is no such booking; AuthorisationError for everybody else.
 */
export async function assertCanPayBooking(db: Kysely<Database>, user: CurrentUser, bookingId: string): Promise<boolean> {
  const access = await loadBookingForParty(db, user, bookingId);
  if (!access) return false;
  if (access.party !== "family") throw new AuthorisationError("only the family pays for a booking");
  return true;
}

export async function getPaymentPage(
  db: Kysely<Database>,
  user: CurrentUser,
  bookingId: string,
  options: { config: PaymentsConfig | null; returnedFromStripe?: boolean },
): Promise<PaymentPageData | null> {
  const access = await loadBookingForParty(db, user, bookingId);
  if (!access) return null;
  if (access.party !== "family") throw new AuthorisationError("only the family pays for a booking");
  const { booking } = access;
  // A shared group's booking: this family's share of it (the whole total otherwise).
  const dueCents = (await amountDueFor(db, { bookingId: booking.id, userId: user.id })) ?? booking.total_cents;

  if (options.returnedFromStripe && options.config) await reconcileOpenCheckout(db, user.id, booking.id, options.config);

  const [category, provider, latest, vouchers] = await Promise.all([
    db.selectFrom("service_categories").select("slug").where("id", "=", booking.category_id).executeTakeFirst(),
    db.selectFrom("providers").select("display_name").where("id", "=", booking.provider_id).executeTakeFirst(),
    db
      .selectFrom("payments")
      .selectAll()
      .where("booking_id", "=", booking.id)
      .where("payer_user_id", "=", user.id)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst(),
    listFamilyVouchers(db, user.id),
  ]);

  // A refunded payment no longer counts: the booking can be paid again.
  const open = latest && ["pending", "paid", "partially_refunded"].includes(latest.status) ? latest : null;
  let blocked: PaymentErrorCode | null = null;
  let quote: PaymentPageData["quote"] = null;
  if (booking.payment_mode === "direct") blocked = "pay_directly";
  else if (open && open.status !== "pending") blocked = "already_paid";
  else if (booking.status !== "accepted" || booking.payment_mode !== "online") blocked = "not_payable";
  else if (!open) {
    const split = splitPayment(dueCents, await usableVouchers(db, user.id, booking.category_id), options.config?.platformFeeBps ?? 0);
    quote = { voucherCents: split.voucherCents, cardCents: split.cardCents, feeCents: split.feeCents };
    if (split.cardCents > 0 && !options.config) blocked = "online_unavailable";
    else if (split.cardCents > 0 && !(await payoutDestinationFor(db, booking.provider_id))) blocked = "provider_cannot_take_payments";
  }

  return {
    booking: {
      id: booking.id,
      status: booking.status,
      paymentMode: booking.payment_mode,
      totalCents: dueCents,
      currency: booking.currency,
      categorySlug: category?.slug ?? "",
      firstDate: booking.first_date,
      lastDate: booking.last_date,
      cancellationPolicy: booking.cancellation_policy,
      providerName: provider?.display_name ?? "",
    },
    payment: latest
      ? {
          id: latest.id,
          status: latest.status,
          amountCents: latest.amount_cents,
          voucherCents: latest.voucher_cents,
          cardCents: latest.stripe_cents,
          feeCents: latest.platform_fee_cents,
          refundedCents: latest.refunded_cents,
          failureCode: latest.failure_code,
        }
      : null,
    quote,
    blocked,
    vouchers,
  };
}

/**
 * Back from Checkout before the webhook: ask Stripe about the open session, and settle it if it
 * was paid (the webhook, when it comes, then changes nothing). Stripe not answering is fine:
 * the page says the payment is being processed.
 */
async function reconcileOpenCheckout(db: Kysely<Database>, userId: string, bookingId: string, config: PaymentsConfig): Promise<void> {
  const pending = await db
    .selectFrom("payments")
    .select(["id", "stripe_checkout_session_id"])
    .where("booking_id", "=", bookingId)
    .where("payer_user_id", "=", userId)
    .where("status", "=", "pending")
    .where("stripe_checkout_session_id", "is not", null)
    .executeTakeFirst();
  if (!pending?.stripe_checkout_session_id) return;
  try {
    const session = await config.stripe.checkout.sessions.retrieve(pending.stripe_checkout_session_id);
    await settleFromSession(db, pending.id, session);
  } catch (error) {
    if ((error as { type?: string })?.type?.startsWith("Stripe")) return;
    throw error;
  }
}
