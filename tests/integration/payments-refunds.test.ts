import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { paidOnlineCents, requestRefundForCancelledBooking } from "../../app/domain/payments/refunds.server";
import { startCheckout } from "../../app/domain/payments/start-checkout.server";
import { applyStripeEvent } from "../../app/domain/payments/webhook-events.server";
import { transitionBooking } from "../../app/domain/bookings/transition-booking.server";
import {
  bookingStatus,
  insertBooking,
  insertPayableProvider,
  insertUser,
  insertVoucher,
  ledgerOf,
  ledgerSum,
  paymentsOf,
  voucherBalance,
  type ProviderWithOwner,
} from "../support/booking-fixtures";
import { runJobsWithStripe, waitingJobs } from "../support/payment-jobs";
import { startStripeStub, type StripeStub } from "../support/stripe-stub";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let stub: StripeStub;
let provider: ProviderWithOwner;

const checkoutDeps = () => ({ config: stub.config({ platformFeeBps: 1_000 }), siteUrl: "http://vicinato.test" });

/** A confirmed booking paid with `voucherCents` from a voucher and the rest by card (through the webhook). */
async function paidBooking(totalCents: number, voucherCents: number) {
  const family: CurrentUser = await insertUser(ctx.db, { roles: ["family"] });
  const voucher = voucherCents > 0 ? await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: voucherCents }) : null;
  const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents });
  const result = await startCheckout(ctx.db, family, bookingId, checkoutDeps());
  if (result.kind === "redirect") {
    const [payment] = await paymentsOf(ctx.db, bookingId);
    await applyStripeEvent(ctx.db, stub.completeSession(payment!.stripe_checkout_session_id!));
  }
  expect(await bookingStatus(ctx.db, bookingId)).toBe("confirmed");
  const [payment] = await paymentsOf(ctx.db, bookingId);
  return { family, voucher, bookingId, payment: payment! };
}

/** What the bookings module does: cancel and ask for the refund in one transaction. */
function cancel(bookingId: string, refundableCents: number) {
  return ctx.db.transaction().execute(async (trx) => {
    await transitionBooking(trx, { bookingId, action: "cancel", actorRole: "family", actorUserId: null });
    return requestRefundForCancelledBooking(trx, { bookingId, refundableCents });
  });
}

const refundsAtStripe = (paymentIntentId: string | null) => [...stub.refunds.values()].filter((r) => r.payment_intent === paymentIntentId);

beforeAll(async () => {
  ctx = await createTestContext();
  stub = await startStripeStub();
  provider = await insertPayableProvider(ctx.db, { stripeAccountId: stub.createEnabledAccount() });
});
afterAll(async () => {
  await stub?.close();
  await ctx?.cleanup();
});

describe("refunds on cancellation", () => {
  it("gives the voucher part back to the voucher first and refunds the card part through the job, once", async () => {
    const { voucher, bookingId, payment } = await paidBooking(3_000, 1_000);
    expect(payment).toMatchObject({ voucher_cents: 1_000, stripe_cents: 2_000, platform_fee_cents: 200 });
    expect(await paidOnlineCents(ctx.db, bookingId)).toBe(3_000);

    const result = await cancel(bookingId, 2_500);

    expect(result).toEqual({ releasedCents: 0, voucherRefundedCents: 1_000, cardRefundQueuedCents: 1_500 });
    expect(await voucherBalance(ctx.db, voucher!)).toBe(1_000);
    expect((await ledgerOf(ctx.db, voucher!)).map((r) => [r.reason, r.amount_cents])).toEqual([
      ["spend", -1_000],
      ["refund", 1_000],
    ]);
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "partially_refunded", refunded_cents: 1_000 });
    expect((await waitingJobs(ctx.db, "stripe_refund")).map((j) => j.payload)).toEqual([{ paymentId: payment.id, amountCents: 1_500, purpose: "cancel" }]);

    await runJobsWithStripe(ctx, stub.config());

    const [refund] = refundsAtStripe(payment.stripe_payment_intent_id);
    expect(refund).toMatchObject({ amount: 1_500, reverse_transfer: true, refund_application_fee: true, status: "succeeded" });
    const request = stub.apiRequests("POST", "/v1/refunds").at(-1)!;
    expect(request.idempotencyKey).toBe(`refund:${payment.id}:cancel`);
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "partially_refunded", refunded_cents: 2_500 });
    expect(await waitingJobs(ctx.db, "stripe_refund")).toEqual([]);

    // Stripe's own news of the refund then changes nothing.
    const news = await applyStripeEvent(ctx.db, stub.chargeRefundedEvent(payment.stripe_payment_intent_id!));
    expect(news.outcome).toBe("refund_unchanged");
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ refunded_cents: 2_500 });
    expect(await paidOnlineCents(ctx.db, bookingId)).toBe(500);
  });

  it("a full refund ends as refunded; never more than was paid, never more to a voucher than it gave", async () => {
    const { voucher, bookingId, payment } = await paidBooking(4_000, 1_500);
    const result = await cancel(bookingId, 99_999);
    expect(result).toEqual({ releasedCents: 0, voucherRefundedCents: 1_500, cardRefundQueuedCents: 2_500 });
    await runJobsWithStripe(ctx, stub.config());
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "refunded", refunded_cents: 4_000 });
    expect(await voucherBalance(ctx.db, voucher!)).toBe(1_500);
    expect(await ledgerSum(ctx.db, voucher!)).toBe(0);
    expect(refundsAtStripe(payment.stripe_payment_intent_id).map((r) => r.amount)).toEqual([2_500]);
  });

  it("a booking paid only with vouchers: all back to the voucher, no job, no Stripe", async () => {
    const { voucher, bookingId } = await paidBooking(2_000, 5_000);
    const before = stub.requests.length;
    expect(await cancel(bookingId, 2_000)).toEqual({ releasedCents: 0, voucherRefundedCents: 2_000, cardRefundQueuedCents: 0 });
    expect(await voucherBalance(ctx.db, voucher!)).toBe(5_000);
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "refunded", refunded_cents: 2_000 });
    expect(await waitingJobs(ctx.db, "stripe_refund")).toEqual([]);
    expect(stub.requests.length).toBe(before);
  });

  it("a checkout still open when the booking is cancelled is closed and its vouchers released", async () => {
    const family = await insertUser(ctx.db, { roles: ["family"] });
    const voucher = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 800 });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 3_000 });
    await startCheckout(ctx.db, family, bookingId, checkoutDeps());
    const [pending] = await paymentsOf(ctx.db, bookingId);

    expect(await cancel(bookingId, 3_000)).toEqual({ releasedCents: 800, voucherRefundedCents: 0, cardRefundQueuedCents: 0 });
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "expired", failure_code: "booking_cancelled" });
    expect(await voucherBalance(ctx.db, voucher)).toBe(800);

    // If the family still pays on the open Checkout page, the money goes straight back.
    const late = await applyStripeEvent(ctx.db, stub.completeSession(pending!.stripe_checkout_session_id!));
    expect(late.outcome).toBe("late_completion_refunded");
    await runJobsWithStripe(ctx, stub.config());
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "expired", refunded_cents: 2_200 });
    expect(await bookingStatus(ctx.db, bookingId)).toBe("cancelled");
  });

  it("a booking paid directly to the provider: nothing to do", async () => {
    const family = await insertUser(ctx.db, { roles: ["family"] });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 3_000, paymentMode: "direct" });
    expect(await cancel(bookingId, 3_000)).toEqual({ releasedCents: 0, voucherRefundedCents: 0, cardRefundQueuedCents: 0 });
  });
});

describe("the refund job when Stripe misbehaves", () => {
  const makeDue = () => sql`update graphile_worker._private_jobs set run_at = now()`.execute(ctx.db);

  it("retries after a 500 and refunds exactly once", async () => {
    const { bookingId, payment } = await paidBooking(3_000, 0);
    await cancel(bookingId, 3_000);
    stub.failNext(1, 500);

    await runJobsWithStripe(ctx, stub.config());
    const [failed] = await waitingJobs(ctx.db, "stripe_refund");
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed!.lastError).toMatch(/unknown error/i);
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "paid", refunded_cents: 0 });

    await makeDue();
    await runJobsWithStripe(ctx, stub.config());
    expect(await waitingJobs(ctx.db, "stripe_refund")).toEqual([]);
    expect(refundsAtStripe(payment.stripe_payment_intent_id).map((r) => r.amount)).toEqual([3_000]);
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "refunded", refunded_cents: 3_000 });
  });

  it("a refund Stripe made but whose answer was lost (timeout) is not made twice on retry", async () => {
    const { bookingId, payment } = await paidBooking(3_000, 0);
    await cancel(bookingId, 1_200);
    stub.hangNext(1, { process: true });

    await runJobsWithStripe(ctx, stub.config({ timeoutMs: 300 }));
    expect((await waitingJobs(ctx.db, "stripe_refund"))[0]).toMatchObject({ attempts: 1 });
    expect(refundsAtStripe(payment.stripe_payment_intent_id)).toHaveLength(1);

    await makeDue();
    await runJobsWithStripe(ctx, stub.config());
    expect(refundsAtStripe(payment.stripe_payment_intent_id).map((r) => r.amount)).toEqual([1_200]);
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "partially_refunded", refunded_cents: 1_200 });
  });

  it("waits (retries) while Stripe is not configured", async () => {
    const { bookingId } = await paidBooking(3_000, 0);
    await cancel(bookingId, 3_000);
    await runOnceWithoutStripe();
    expect((await waitingJobs(ctx.db, "stripe_refund"))[0]!.lastError).toMatch(/not configured/);
    await makeDue();
    await runJobsWithStripe(ctx, stub.config());
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "refunded" });
  });
});

async function runOnceWithoutStripe() {
  const { runOnce } = await import("graphile-worker");
  const { createTaskList, workerLogger } = await import("../../server/jobs");
  const { testMailSettings } = await import("../support/jobs");
  await runOnce({
    connectionString: ctx.databaseUrl,
    taskList: createTaskList({ db: ctx.db, mail: testMailSettings(), payments: () => null }),
    logger: workerLogger(),
    noHandleSignals: true,
  });
}
