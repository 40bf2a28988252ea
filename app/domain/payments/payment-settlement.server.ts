import { sql, type Transaction } from "kysely";
import type { Booking, BookingStatus, Database, Payment } from "../../../db/schema";
import { enqueueEmail } from "../accounts/email-queue.server";
import { BookingTransitionError, transitionBooking } from "../bookings/transition-booking.server";
import { formatMoney } from "../../i18n/format";
import { lockBookingForPayment } from "./booking-lock.server";
import { enqueueCardRefund } from "./refund-queue.server";
import { returnVoucherMoney, voucherRefundedCents } from "./vouchers.server";

/**
 * The state changes of a payment, shared by checkout, the Stripe webhook and refunds. Each one
 * takes the locks in the one order (provider slot, booking, payment, vouchers by id) and is
 * written so that applying it again changes nothing: Stripe delivers events at least once and in
 * any order, and the return from Checkout may race its own webhook.
 *
 *   pending ──paid at Stripe──> paid ──refunds──> partially_refunded ──> refunded
 *      ├──Stripe failed / session expired / booking cancelled──> failed | expired (vouchers released)
 *      └──(card part fully refunded before we heard it was paid)──> refunded, booking left as it was
 */

type Trx = Transaction<Database>;

const paidStatuses = ["paid", "partially_refunded", "refunded"] as const;
const confirmedOrLater: BookingStatus[] = ["confirmed", "in_progress", "completed", "reviewed", "no_show"];

export function isPaidStatus(status: Payment["status"]): boolean {
  return (paidStatuses as readonly string[]).includes(status);
}

/** The payment and its booking, both locked (booking first). */
export async function lockPayment(trx: Trx, paymentId: string): Promise<{ payment: Payment; booking: Booking } | undefined> {
  const peek = await trx.selectFrom("payments").select("booking_id").where("id", "=", paymentId).executeTakeFirst();
  if (!peek) return undefined;
  const booking = await lockBookingForPayment(trx, peek.booking_id);
  if (!booking) return undefined;
  const payment = await trx.selectFrom("payments").selectAll().where("id", "=", paymentId).forUpdate().executeTakeFirstOrThrow();
  return { payment, booking };
}

/** A pending payment that will not be paid: it ends, and its vouchers get their money back. */
export async function releasePendingPayment(trx: Trx, payment: Payment, status: "failed" | "expired", code: string | null): Promise<boolean> {
  if (payment.status !== "pending") return false;
  await trx.updateTable("payments").set({ status, failure_code: code, updated_at: new Date() }).where("id", "=", payment.id).execute();
  await returnVoucherMoney(trx, { paymentId: payment.id, reason: "release" });
  return true;
}

/**
 * Records that at least `cardRefundedCents` of the card part has gone back (a refund we made,
 * or charge.amount_refunded from Stripe, which counts all refunds). Monotonic: an older, smaller
 * figure arriving late changes nothing.
 */
export async function recordCardRefund(trx: Trx, payment: Payment, cardRefundedCents: number): Promise<boolean> {
  const fromVouchers = await voucherRefundedCents(trx, payment.id);
  const currentCard = payment.refunded_cents - fromVouchers;
  const card = Math.min(payment.stripe_cents, Math.max(currentCard, cardRefundedCents));
  if (card === currentCard) return false;
  const refunded = fromVouchers + card;
  await trx
    .updateTable("payments")
    .set({ refunded_cents: refunded, status: nextRefundStatus(payment, refunded), updated_at: new Date() })
    .where("id", "=", payment.id)
    .execute();
  Object.assign(payment, { refunded_cents: refunded, status: nextRefundStatus(payment, refunded) });
  return true;
}

/** A paid payment becomes partially refunded or refunded; a payment that never completed keeps its status. */
export function nextRefundStatus(payment: Pick<Payment, "status" | "amount_cents">, refundedCents: number): Payment["status"] {
  if (!isPaidStatus(payment.status)) return payment.status;
  if (refundedCents <= 0) return "paid";
  return refundedCents >= payment.amount_cents ? "refunded" : "partially_refunded";
}

/** Gives voucher money back as a refund and counts it in the payment's refunded total. */
export async function refundVoucherPart(trx: Trx, payment: Payment, upToCents: number): Promise<number> {
  if (upToCents <= 0) return 0;
  const returned = await returnVoucherMoney(trx, { paymentId: payment.id, reason: "refund", upToCents });
  if (returned > 0) {
    const refunded = payment.refunded_cents + returned;
    const status = nextRefundStatus(payment, refunded);
    await trx.updateTable("payments").set({ refunded_cents: refunded, status, updated_at: new Date() }).where("id", "=", payment.id).execute();
    Object.assign(payment, { refunded_cents: refunded, status });
  }
  return returned;
}

export type PaidOutcome =
  | "paid_confirmed"
  /** A shared group's booking: this family's share is paid, others' are not yet. */
  | "paid_waiting_for_other_shares"
  | "paid_booking_already_confirmed"
  | "already_paid"
  | "paid_then_refunded"
  | "paid_booking_closed_refunded"
  | "late_completion_refunded"
  | "amount_mismatch"
  | "unknown_payment";

/**
 * Stripe says the card part was paid (checkout.session.completed with payment_status paid,
 * async_payment_succeeded, or the session read back on return). The payment becomes paid and the
 * booking confirmed, unless that already happened, or the booking is no longer waiting for it
 * (then the money goes back), or a refund of the whole card part was seen first.
 */
export async function settlePaidCheckout(
  trx: Trx,
  input: { paymentId: string; paymentIntentId: string | null; sessionId: string; amountTotalCents: number | null },
): Promise<PaidOutcome> {
  const locked = await lockPayment(trx, input.paymentId);
  if (!locked) return "unknown_payment";
  const { payment, booking } = locked;
  if (payment.stripe_checkout_session_id && payment.stripe_checkout_session_id !== input.sessionId) return "unknown_payment";
  if (input.amountTotalCents !== null && input.amountTotalCents !== payment.stripe_cents) return "amount_mismatch";

  if (input.paymentIntentId && payment.stripe_payment_intent_id !== input.paymentIntentId) {
    await trx
      .updateTable("payments")
      .set({ stripe_payment_intent_id: input.paymentIntentId, stripe_checkout_session_id: input.sessionId, updated_at: new Date() })
      .where("id", "=", payment.id)
      .execute();
    payment.stripe_payment_intent_id = input.paymentIntentId;
  }
  if (isPaidStatus(payment.status)) return "already_paid";

  if (payment.status !== "pending") {
    // The checkout was given up here (Stripe failed, the session expired, the booking was
    // cancelled) and its vouchers released, yet the family paid: the card money goes back.
    if (payment.stripe_cents > 0) await enqueueCardRefund(trx, { paymentId: payment.id, amountCents: payment.stripe_cents, purpose: "late" });
    return "late_completion_refunded";
  }

  await trx.updateTable("payments").set({ status: "paid", failure_code: null, updated_at: new Date() }).where("id", "=", payment.id).execute();
  payment.status = "paid";
  await applyDeferredRefunds(trx, payment);

  if (payment.stripe_cents > 0 && payment.refunded_cents - (await voucherRefundedCents(trx, payment.id)) >= payment.stripe_cents) {
    // The card money already went back (refunded before we heard it was paid): the vouchers'
    // share goes back too, the booking stays where it is and can be paid again.
    await refundVoucherPart(trx, payment, payment.voucher_cents);
    return "paid_then_refunded";
  }

  if (booking.status === "accepted") {
    if (!(await everyShareIsPaid(trx, booking))) {
      await notifyPaid(trx, payment, booking);
      return "paid_waiting_for_other_shares";
    }
    try {
      await transitionBooking(trx, { bookingId: booking.id, action: "confirm", actorRole: "system", actorUserId: null, note: "paid online" });
    } catch (error) {
      if (!(error instanceof BookingTransitionError)) throw error;
      await refundEverything(trx, payment);
      return "paid_booking_closed_refunded";
    }
    await notifyPaid(trx, payment, booking);
    return "paid_confirmed";
  }
  if (confirmedOrLater.includes(booking.status)) return "paid_booking_already_confirmed";
  await refundEverything(trx, payment);
  return "paid_booking_closed_refunded";
}

/** The whole payment goes back: vouchers now, the card part through the refund job. */
async function refundEverything(trx: Trx, payment: Payment): Promise<void> {
  await refundVoucherPart(trx, payment, payment.voucher_cents);
  if (payment.stripe_cents > 0) await enqueueCardRefund(trx, { paymentId: payment.id, amountCents: payment.stripe_cents, purpose: "booking_closed" });
}

/**
 * charge.refunded events that arrived before we knew the payment was paid were recorded as
 * 'deferred'; now that it is, they count.
 */
async function applyDeferredRefunds(trx: Trx, payment: Payment): Promise<void> {
  if (!payment.stripe_payment_intent_id) return;
  const deferred = await trx
    .selectFrom("stripe_events")
    .select(["id", sql<string>`payload->'data'->'object'->>'amount_refunded'`.as("amount_refunded")])
    .where("type", "=", "charge.refunded")
    .where("outcome", "=", "deferred")
    .where(sql`payload->'data'->'object'->>'payment_intent'`, "=", payment.stripe_payment_intent_id)
    .orderBy("stripe_created_at")
    .forUpdate()
    .execute();
  for (const event of deferred) {
    await recordCardRefund(trx, payment, Number(event.amount_refunded) || 0);
    await trx.updateTable("stripe_events").set({ outcome: "refund_recorded_after_payment", processed_at: new Date() }).where("id", "=", event.id).execute();
  }
}

async function notifyPaid(trx: Trx, payment: Payment, booking: Booking): Promise<void> {
  const family = await trx.selectFrom("users").select(["email", "locale", "deleted_at"]).where("id", "=", payment.payer_user_id).executeTakeFirst();
  if (!family || family.deleted_at) return;
  await enqueueEmail(trx, {
    to: family.email,
    locale: family.locale,
    template: { ns: "payment", key: "email.paid" },
    params: {
      amount: formatMoney(payment.amount_cents, payment.currency, family.locale),
      bookingId: booking.id,
    },
  });
}

/** Confirms a booking whose vouchers covered everything (no Stripe involved). */
export async function confirmVoucherOnlyPayment(trx: Trx, payment: Payment, booking: Booking): Promise<void> {
  await trx.updateTable("payments").set({ status: "paid", updated_at: new Date() }).where("id", "=", payment.id).execute();
  payment.status = "paid";
  if (await everyShareIsPaid(trx, booking)) {
    await transitionBooking(trx, { bookingId: booking.id, action: "confirm", actorRole: "system", actorUserId: null, note: "paid with vouchers" });
  }
  await notifyPaid(trx, payment, booking);
}

/**
 * A booking is confirmed once it is paid in full: at once for one family; for a shared group's
 * booking, when the last family has paid its share.
 */
async function everyShareIsPaid(trx: Trx, booking: Booking): Promise<boolean> {
  if (!booking.shared_group_id) return true;
  const paid = await trx
    .selectFrom("payments")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_cents"), eb.lit(0)).as("cents"))
    .where("booking_id", "=", booking.id)
    .where("status", "=", "paid")
    .executeTakeFirstOrThrow();
  return Number(paid.cents) >= booking.total_cents;
}
