import type Stripe from "stripe";
import type { Task } from "graphile-worker";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { inTransaction } from "../verification/change-provider-status.server";
import { splitRefund } from "./payment-amounts";
import { isPaidStatus, lockPayment, recordCardRefund, refundVoucherPart, releasePendingPayment } from "./payment-settlement.server";
import { enqueueCardRefund, refundIdempotencyKey, refundJobPayloadSchema, type RefundJobPayload } from "./refund-queue.server";
import type { PaymentsConfig } from "./stripe-client.server";
import { voucherRefundedCents } from "./vouchers.server";

export interface CancellationRefund {
  /** Voucher money of checkouts still open, released (nothing had been charged). */
  releasedCents: number;
  /** Voucher money given back to the vouchers now. */
  voucherRefundedCents: number;
  /** Card money queued for refunding through Stripe (the stripe_refund job). */
  cardRefundQueuedCents: number;
}

/**
 * Called by the bookings module inside the transaction that cancels (or expires) a booking, after
 * the booking row is locked. `refundableCents` is what the family gets back under the
 * cancellation policy (for a booking paid by several families: in total, shared in proportion
 * to what each paid). Voucher money goes back to the vouchers first (never more than was taken
 * from them); the card part is refunded by a job in this same transaction. A checkout still open
 * is closed and its vouchers released. With no online payment (paid directly), nothing happens.
 */
export async function requestRefundForCancelledBooking(
  trx: Kysely<Database>,
  input: { bookingId: string; refundableCents: number },
): Promise<CancellationRefund> {
  return inTransaction(trx, async (tx) => {
    const result: CancellationRefund = { releasedCents: 0, voucherRefundedCents: 0, cardRefundQueuedCents: 0 };
    const ids = await tx
      .selectFrom("payments")
      .select("id")
      .where("booking_id", "=", input.bookingId)
      .where("status", "in", ["pending", "paid", "partially_refunded"])
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const locked = [];
    for (const { id } of ids) {
      const row = await lockPayment(tx, id);
      if (row) locked.push(row.payment);
    }

    for (const payment of locked.filter((p) => p.status === "pending")) {
      if (await releasePendingPayment(tx, payment, "expired", "booking_cancelled")) result.releasedCents += payment.voucher_cents;
    }

    const paid = locked.filter((p) => isPaidStatus(p.status) && p.status !== "refunded");
    const paidTotal = paid.reduce((sum, p) => sum + p.amount_cents, 0);
    let toShare = Math.max(0, Math.min(Math.floor(input.refundableCents), paidTotal));
    for (const [index, payment] of paid.entries()) {
      const share = index === paid.length - 1 ? toShare : Math.floor((input.refundableCents * payment.amount_cents) / Math.max(1, paidTotal));
      const wanted = Math.min(share, toShare);
      toShare -= wanted;
      const fromVouchers = await voucherRefundedCents(tx, payment.id);
      const split = splitRefund(wanted, {
        voucherCents: payment.voucher_cents - fromVouchers,
        cardCents: payment.stripe_cents - (payment.refunded_cents - fromVouchers),
      });
      result.voucherRefundedCents += await refundVoucherPart(tx, payment, split.voucherCents);
      if (split.cardCents > 0) {
        await enqueueCardRefund(tx, { paymentId: payment.id, amountCents: split.cardCents, purpose: "cancel" });
        result.cardRefundQueuedCents += split.cardCents;
      }
    }
    return result;
  });
}

/**
 * Money the family has paid online for this booking and not had back yet (the `paidCents` the
 * cancellation policy works from). Checkouts still open count nothing: nothing was charged.
 */
export async function paidOnlineCents(db: Kysely<Database>, bookingId: string): Promise<number> {
  const rows = await db
    .selectFrom("payments")
    .select(["amount_cents", "refunded_cents"])
    .where("booking_id", "=", bookingId)
    .where("status", "in", ["paid", "partially_refunded"])
    .execute();
  return rows.reduce((sum, r) => sum + Math.max(0, r.amount_cents - r.refunded_cents), 0);
}

/**
 * The stripe_refund job: asks Stripe to refund part of a destination charge, taking the money
 * back from the provider's account (reverse_transfer) and the platform's fee in proportion
 * (refund_application_fee), then records what the charge has refunded so far. Throws (so the job
 * is retried) while Stripe is unreachable or the payment intent is not known yet.
 */
export async function performCardRefund(
  db: Kysely<Database>,
  config: PaymentsConfig | null,
  job: RefundJobPayload,
): Promise<{ refundId: string | null; status: string }> {
  const payment = await db.selectFrom("payments").selectAll().where("id", "=", job.paymentId).executeTakeFirst();
  if (!payment) return { refundId: null, status: "payment_gone" };
  if (!config) throw new Error("Stripe is not configured: the refund waits");
  if (!payment.stripe_payment_intent_id) throw new Error(`payment ${payment.id} has no payment intent yet`);

  const refund = await config.stripe.refunds.create(
    {
      payment_intent: payment.stripe_payment_intent_id,
      amount: job.amountCents,
      reverse_transfer: true,
      refund_application_fee: true,
      metadata: { paymentId: payment.id, purpose: job.purpose },
      expand: ["charge"],
    },
    { idempotencyKey: refundIdempotencyKey(job) },
  );
  if (refund.status === "failed" || refund.status === "canceled") {
    // Retrying with the same key returns the same refund: someone has to look at it.
    return { refundId: refund.id, status: refund.status };
  }
  const charge = typeof refund.charge === "object" && refund.charge ? (refund.charge as Stripe.Charge) : null;
  const cardRefunded = charge?.amount_refunded ?? refund.amount;
  await inTransaction(db, async (trx) => {
    const locked = await lockPayment(trx, payment.id);
    if (locked) await recordCardRefund(trx, locked.payment, cardRefunded);
  });
  return { refundId: refund.id, status: refund.status ?? "unknown" };
}

/** The worker's side of stripe_refund (registered in server/jobs.ts); `config` is read when the job runs. */
export function stripeRefundTask(db: Kysely<Database>, config: () => PaymentsConfig | null): Task {
  return async (rawPayload, helpers) => {
    const payload = refundJobPayloadSchema.parse(rawPayload);
    const result = await performCardRefund(db, config(), payload);
    if (result.status === "failed" || result.status === "canceled") {
      helpers.logger.error("card refund refused by Stripe", { paymentId: payload.paymentId, purpose: payload.purpose, ...result });
    } else {
      helpers.logger.info("card refund", { paymentId: payload.paymentId, purpose: payload.purpose, ...result });
    }
  };
}
