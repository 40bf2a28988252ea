import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { startCheckout } from "../../app/domain/payments/start-checkout.server";
import { handleStripeWebhook } from "../../app/domain/payments/webhook-events.server";
import {
  bookingStatus,
  bookingTransitions,
  insertBooking,
  insertPayableProvider,
  insertUser,
  insertVoucher,
  ledgerOf,
  paymentsOf,
  voucherBalance,
  type ProviderWithOwner,
} from "../support/booking-fixtures";
import { runJobsWithStripe, waitingJobs } from "../support/payment-jobs";
import { STUB_SECRET_KEY, STUB_WEBHOOK_SECRET, startStripeStub, type StripeStub } from "../support/stripe-stub";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let stub: StripeStub;
let provider: ProviderWithOwner;

/** What Stripe does: sign the exact bytes; the app verifies them with the official SDK. */
const deliver = (event: Stripe.Event) => handleStripeWebhook(ctx.db, stub.sign(event), stub.config());

const eventsOf = () => ctx.db.selectFrom("stripe_events").selectAll().orderBy("received_at").orderBy("id").execute();

/** A family with a €10 voucher and a pending mixed checkout (€10 voucher + card) for a €30 booking. */
async function pendingCheckout(totalCents = 3_000) {
  const family: CurrentUser = await insertUser(ctx.db, { roles: ["family"] });
  const voucher = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 1_000 });
  const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents });
  const result = await startCheckout(ctx.db, family, bookingId, { config: stub.config(), siteUrl: "http://vicinato.test" });
  expect(result.kind).toBe("redirect");
  const [payment] = await paymentsOf(ctx.db, bookingId);
  return { family, voucher, bookingId, payment: payment!, sessionId: payment!.stripe_checkout_session_id! };
}

beforeAll(async () => {
  ctx = await createTestContext();
  stub = await startStripeStub();
  provider = await insertPayableProvider(ctx.db, { stripeAccountId: stub.createEnabledAccount() });
});
afterAll(async () => {
  await stub?.close();
  await ctx?.cleanup();
});

describe("applying each event once, whatever the order", () => {
  it("a completed webhook delivered 3 times and out of order (with an expired in between) is applied once", async () => {
    const { voucher, bookingId, payment, sessionId } = await pendingCheckout();
    const completed = stub.completeSession(sessionId);
    const expired = stub.makeEvent("checkout.session.expired", { ...completed.data.object, status: "expired" } as never);

    const outcomes = [];
    for (const event of [completed, completed, expired, completed]) outcomes.push(await deliver(event));

    expect(outcomes.map((o) => [o.outcome, o.duplicate])).toEqual([
      ["paid_confirmed", false],
      ["paid_confirmed", true],
      ["ignored_not_pending", false],
      ["paid_confirmed", true],
    ]);
    const [after] = await paymentsOf(ctx.db, bookingId);
    expect(after).toMatchObject({ id: payment.id, status: "paid", voucher_cents: 1_000, stripe_cents: 2_000, refunded_cents: 0 });
    expect(after!.stripe_payment_intent_id).toMatch(/^pi_/);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("confirmed");
    expect((await bookingTransitions(ctx.db, bookingId)).map((t) => t.to_status)).toEqual(["confirmed"]);
    expect((await ledgerOf(ctx.db, voucher)).map((r) => [r.reason, r.amount_cents])).toEqual([["spend", -1_000]]);
    expect(await voucherBalance(ctx.db, voucher)).toBe(0);
    const recorded = (await eventsOf()).filter((e) => [completed.id, expired.id].includes(e.id));
    expect(recorded.map((e) => [e.type, e.outcome])).toEqual([
      ["checkout.session.completed", "paid_confirmed"],
      ["checkout.session.expired", "ignored_not_pending"],
    ]);
    expect(recorded.every((e) => e.processed_at !== null)).toBe(true);
    // One "payment received" e-mail to the family, not three.
    const paidEmails = (await waitingJobs(ctx.db, "send_email")).filter((j) => JSON.stringify(j.payload).includes(bookingId) && JSON.stringify(j.payload).includes('"ns":"payment"'));
    expect(paidEmails).toHaveLength(1);
  });

  it("the same event delivered three times at once is applied once", async () => {
    const { bookingId, sessionId } = await pendingCheckout();
    const completed = stub.completeSession(sessionId);
    const results = await Promise.all([deliver(completed), deliver(completed), deliver(completed)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await bookingTransitions(ctx.db, bookingId)).map((t) => t.to_status)).toEqual(["confirmed"]);
    expect((await paymentsOf(ctx.db, bookingId)).map((p) => p.status)).toEqual(["paid"]);
  });

  it("charge.refunded (whole card part) before its checkout.session.completed: everything goes back, the booking stays accepted", async () => {
    const { voucher, bookingId, sessionId } = await pendingCheckout();
    const completed = stub.completeSession(sessionId);
    const pi = stub.sessions.get(sessionId)!.payment_intent as string;
    const refunded = stub.refundOutside(pi); // e.g. from Stripe's dashboard

    const first = await deliver(refunded);
    expect(first.outcome).toBe("deferred");
    expect((await paymentsOf(ctx.db, bookingId))[0]!.status).toBe("pending");

    const second = await deliver(completed);
    expect(second.outcome).toBe("paid_then_refunded");
    const again = [await deliver(refunded), await deliver(completed)];
    expect(again.every((r) => r.duplicate)).toBe(true);

    const [payment] = await paymentsOf(ctx.db, bookingId);
    expect(payment).toMatchObject({ status: "refunded", refunded_cents: 3_000, amount_cents: 3_000 });
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");
    expect(await bookingTransitions(ctx.db, bookingId)).toHaveLength(0);
    expect((await ledgerOf(ctx.db, voucher)).map((r) => [r.reason, r.amount_cents])).toEqual([
      ["spend", -1_000],
      ["refund", 1_000],
    ]);
    expect(await voucherBalance(ctx.db, voucher)).toBe(1_000);
    const stored = await ctx.db.selectFrom("stripe_events").select(["outcome", "processed_at"]).where("id", "=", refunded.id).executeTakeFirstOrThrow();
    expect(stored.outcome).toBe("refund_recorded_after_payment");
    expect(stored.processed_at).not.toBeNull();

    // The booking can be paid again.
    const retry = await startCheckout(ctx.db, (await insertUserFor(bookingId))!, bookingId, { config: stub.config(), siteUrl: "http://vicinato.test" });
    expect(retry.kind).toBe("redirect");
  });

  it("a partial refund before completed: the booking is confirmed and the payment partially refunded", async () => {
    const { bookingId, sessionId } = await pendingCheckout();
    const completed = stub.completeSession(sessionId);
    const refunded = stub.refundOutside(stub.sessions.get(sessionId)!.payment_intent as string, 500);
    expect((await deliver(refunded)).outcome).toBe("deferred");
    expect((await deliver(completed)).outcome).toBe("paid_confirmed");
    const [payment] = await paymentsOf(ctx.db, bookingId);
    expect(payment).toMatchObject({ status: "partially_refunded", refunded_cents: 500 });
    expect(await bookingStatus(ctx.db, bookingId)).toBe("confirmed");
  });

  it("an older charge.refunded arriving after a newer one never lowers the refunded total", async () => {
    const { bookingId, sessionId } = await pendingCheckout();
    await deliver(stub.completeSession(sessionId));
    const pi = stub.sessions.get(sessionId)!.payment_intent as string;
    const older = stub.refundOutside(pi, 300);
    const newer = stub.refundOutside(pi, 700);
    expect((await deliver(newer)).outcome).toBe("refund_recorded");
    expect((await deliver(older)).outcome).toBe("refund_unchanged");
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "partially_refunded", refunded_cents: 1_000 });
  });

  it("a declined card keeps the checkout open; completing it later still confirms", async () => {
    const { bookingId, sessionId } = await pendingCheckout();
    expect((await deliver(stub.paymentFailedEvent(sessionId, "card_declined"))).outcome).toBe("attempt_failed");
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "pending", failure_code: "card_declined" });
    expect((await deliver(stub.completeSession(sessionId))).outcome).toBe("paid_confirmed");
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "paid", failure_code: null });
  });

  it("an expired session releases the vouchers and leaves the booking accepted, ready to pay again", async () => {
    const { family, voucher, bookingId, sessionId } = await pendingCheckout();
    expect((await deliver(stub.expireSession(sessionId))).outcome).toBe("expired");
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "expired", failure_code: "checkout_expired" });
    expect(await voucherBalance(ctx.db, voucher)).toBe(1_000);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");
    const retry = await startCheckout(ctx.db, family, bookingId, { config: stub.config(), siteUrl: "http://vicinato.test" });
    expect(retry.kind).toBe("redirect");
    expect(await voucherBalance(ctx.db, voucher)).toBe(0);
  });

  it("a session paid after its checkout was given up (Stripe timed out) is refunded in full by the job", async () => {
    const family = await insertUser(ctx.db, { roles: ["family"] });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 4_000 });
    stub.hangNext(1, { process: true });
    const failed = await startCheckout(ctx.db, family, bookingId, { config: stub.config({ timeoutMs: 300 }), siteUrl: "http://vicinato.test" });
    expect(failed.kind).toBe("failed");
    const orphan = [...stub.sessions.values()].at(-1)!;
    expect(orphan.client_reference_id).toBe((await paymentsOf(ctx.db, bookingId))[0]!.id);

    expect((await deliver(stub.completeSession(orphan.id as string))).outcome).toBe("late_completion_refunded");
    await runJobsWithStripe(ctx, stub.config());

    const refund = [...stub.refunds.values()].find((r) => r.payment_intent === orphan.payment_intent);
    expect(refund).toMatchObject({ amount: 4_000, reverse_transfer: true, refund_application_fee: true });
    expect((await paymentsOf(ctx.db, bookingId))[0]).toMatchObject({ status: "failed", refunded_cents: 4_000 });
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");
  });
});

describe("Connect accounts", () => {
  it("account.updated enables a provider's payments; an older event arriving later changes nothing", async () => {
    const accountId = stub.createEnabledAccount();
    stub.setAccountEnabled(accountId, false);
    const p = await insertPayableProvider(ctx.db, { stripeAccountId: accountId, chargesEnabled: false });
    const older = stub.accountUpdatedEvent(accountId, { created: Math.floor(Date.now() / 1000) - 60 });
    stub.setAccountEnabled(accountId, true);
    const newer = stub.accountUpdatedEvent(accountId);

    expect((await deliver(newer)).outcome).toBe("account_updated");
    expect((await deliver(older)).outcome).toBe("stale");
    const row = await ctx.db.selectFrom("provider_payout_accounts").selectAll().where("provider_id", "=", p.providerId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ charges_enabled: true, payouts_enabled: true });
  });

  it("records and acknowledges event types it does not use", async () => {
    const event = stub.makeEvent("customer.created", { id: "cus_123", object: "customer" });
    expect(await deliver(event)).toMatchObject({ outcome: "ignored_type", duplicate: false });
    expect((await eventsOf()).find((e) => e.id === event.id)).toMatchObject({ type: "customer.created", outcome: "ignored_type" });
  });
});

describe("the webhook route", () => {
  async function callRoute(body: string, headers: Record<string, string>) {
    vi.stubEnv("STRIPE_SECRET_KEY", STUB_SECRET_KEY);
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", STUB_WEBHOOK_SECRET);
    vi.stubEnv("STRIPE_API_URL", stub.url);
    vi.resetModules();
    const route = await import("../../app/routes/stripe.webhook");
    const request = new Request("http://vicinato.test/stripe/webhook", { method: "POST", body, headers });
    const response = await route.action({ request, context: { db: ctx.db } as unknown as AppLoadContext, params: {} });
    vi.unstubAllEnvs();
    return response;
  }

  it("answers 400 to a bad signature and records nothing; 200 to a good one (no CSRF token involved)", async () => {
    const { bookingId, sessionId } = await pendingCheckout();
    const event = stub.completeSession(sessionId);
    const { payload, signature } = stub.sign(event);
    const wrongSecret = stub.sign(event, { secret: "whsec_somebody_else" }).signature;
    const tampered = payload.replace('"paid"', '"unpaid"');

    for (const [body, header] of [
      [payload, wrongSecret],
      [tampered, signature],
      [payload, "t=1,v1=deadbeef"],
      [payload, ""],
    ] as const) {
      const response = await callRoute(body, header ? { "stripe-signature": header, "content-type": "application/json" } : { "content-type": "application/json" });
      expect(response.status).toBe(400);
    }
    expect((await eventsOf()).find((e) => e.id === event.id)).toBeUndefined();
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");

    const ok = await callRoute(payload, { "stripe-signature": signature, "content-type": "application/json" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true, duplicate: false });
    expect(await bookingStatus(ctx.db, bookingId)).toBe("confirmed");
    const again = await callRoute(payload, { "stripe-signature": signature, "content-type": "application/json" });
    expect(await again.json()).toEqual({ received: true, duplicate: true });
  });

  it("a signature too old (replayed after the tolerance) is refused", async () => {
    const { sessionId } = await pendingCheckout();
    const event = stub.completeSession(sessionId);
    const { payload, signature } = stub.sign(event, { timestamp: Math.floor(Date.now() / 1000) - 3_600 });
    expect((await callRoute(payload, { "stripe-signature": signature })).status).toBe(400);
  });
});

async function insertUserFor(bookingId: string): Promise<CurrentUser | null> {
  const { loadCurrentUser } = await import("../../app/domain/accounts/sessions.server");
  const row = await ctx.db.selectFrom("bookings").select("family_user_id").where("id", "=", bookingId).executeTakeFirstOrThrow();
  return loadCurrentUser(ctx.db, row.family_user_id);
}
