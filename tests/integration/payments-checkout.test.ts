import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { splitPayment } from "../../app/domain/payments/payment-amounts";
import { isPaymentError } from "../../app/domain/payments/payment-errors";
import { getPaymentPage } from "../../app/domain/payments/payment-page.server";
import { startCheckout, type CheckoutDeps } from "../../app/domain/payments/start-checkout.server";
import { applyStripeEvent } from "../../app/domain/payments/webhook-events.server";
import {
  bookingStatus,
  bookingTransitions,
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
import { startStripeStub, type StripeStub } from "../support/stripe-stub";
import { createTestContext, type TestContext } from "../support/test-context";

const SITE = "http://vicinato.test";

let ctx: TestContext;
let stub: StripeStub;
let provider: ProviderWithOwner;

const deps = (options: { feeBps?: number; timeoutMs?: number } = {}): CheckoutDeps => ({
  config: stub.config({ platformFeeBps: options.feeBps ?? 0, timeoutMs: options.timeoutMs }),
  siteUrl: SITE,
});

async function newFamily(): Promise<CurrentUser> {
  return insertUser(ctx.db, { roles: ["family"] });
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

describe("checkout amounts", () => {
  it("pays with vouchers alone: the payment is paid and the booking confirmed at once, without Stripe", async () => {
    const family = await newFamily();
    const voucher = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 10_000 });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 6_000 });
    const before = stub.requests.length;

    const result = await startCheckout(ctx.db, family, bookingId, deps({ feeBps: 500 }));

    expect(result.kind).toBe("paid");
    expect(stub.requests.length).toBe(before);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("confirmed");
    const [payment] = await paymentsOf(ctx.db, bookingId);
    expect(payment).toMatchObject({ status: "paid", amount_cents: 6_000, voucher_cents: 6_000, stripe_cents: 0, platform_fee_cents: 0 });
    expect(await voucherBalance(ctx.db, voucher)).toBe(4_000);
    expect((await ledgerOf(ctx.db, voucher)).map((r) => [r.reason, r.amount_cents, r.payment_id])).toEqual([["spend", -6_000, payment!.id]]);
    const transitions = await bookingTransitions(ctx.db, bookingId);
    expect(transitions.map((t) => [t.from_status, t.to_status, t.actor_role])).toEqual([["accepted", "confirmed", "system"]]);
  });

  it("mixes vouchers and card: vouchers first (soonest expiry first), Stripe only for the rest, with a destination charge", async () => {
    const family = await newFamily();
    const later = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 2_000, expiresOn: "2098-06-30" });
    const sooner = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 1_500, expiresOn: "2097-01-31" });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 9_000 });

    const result = await startCheckout(ctx.db, family, bookingId, deps());

    expect(result.kind).toBe("redirect");
    if (result.kind !== "redirect") return;
    expect(result.url).toMatch(new RegExp(`^${stub.url}/checkout/cs_test_`));
    const [payment] = await paymentsOf(ctx.db, bookingId);
    expect(payment).toMatchObject({ status: "pending", amount_cents: 9_000, voucher_cents: 3_500, stripe_cents: 5_500, platform_fee_cents: 0 });
    expect(payment!.stripe_checkout_session_id).toMatch(/^cs_test_/);
    expect(await voucherBalance(ctx.db, sooner)).toBe(0);
    expect(await voucherBalance(ctx.db, later)).toBe(0);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");

    const [create] = stub.apiRequests("POST", "/v1/checkout/sessions").slice(-1);
    expect(create!.idempotencyKey).toBe(`checkout:${payment!.id}`);
    expect(create!.params).toMatchObject({
      mode: "payment",
      client_reference_id: payment!.id,
      metadata: { paymentId: payment!.id, bookingId },
      line_items: [{ quantity: "1", price_data: { currency: "eur", unit_amount: "5500" } }],
      payment_intent_data: { transfer_data: { destination: provider.stripeAccountId }, metadata: { paymentId: payment!.id, bookingId } },
      success_url: `${SITE}/bookings/${bookingId}/pay?result=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${SITE}/bookings/${bookingId}/pay?result=cancelled`,
    });
    // Fee 0: no application fee is sent at all.
    expect((create!.params.payment_intent_data as Record<string, unknown>).application_fee_amount).toBeUndefined();

    // Paying completes it through the webhook: booking confirmed.
    const outcome = await applyStripeEvent(ctx.db, stub.completeSession(payment!.stripe_checkout_session_id!));
    expect(outcome.outcome).toBe("paid_confirmed");
    expect(await bookingStatus(ctx.db, bookingId)).toBe("confirmed");
  });

  it("charges the platform fee on the card part only, rounded, and never more than it", async () => {
    const family = await newFamily();
    await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 1_000 });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 4_333 });

    const result = await startCheckout(ctx.db, family, bookingId, deps({ feeBps: 750 }));

    expect(result.kind).toBe("redirect");
    const [payment] = await paymentsOf(ctx.db, bookingId);
    // Card 3 333 cents × 7.5 % = 249.975 → 250.
    expect(payment).toMatchObject({ voucher_cents: 1_000, stripe_cents: 3_333, platform_fee_cents: 250 });
    const [create] = stub.apiRequests("POST", "/v1/checkout/sessions").slice(-1);
    expect((create!.params.payment_intent_data as Record<string, unknown>).application_fee_amount).toBe("250");

    expect(splitPayment(10_000, [], 10_000).feeCents).toBe(10_000);
    expect(splitPayment(10_000, [], 20_000).feeCents).toBe(10_000);
    expect(splitPayment(10_000, [{ id: "v", balanceCents: 10_000, expiresOn: "2099-01-01", createdAt: new Date() }], 10_000).feeCents).toBe(0);
  });

  it("leaves out vouchers that are expired, revoked or for another category", async () => {
    const family = await newFamily();
    const expired = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 5_000, expiresOn: "2020-01-01" });
    const revoked = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 5_000 });
    await ctx.db.updateTable("vouchers").set({ revoked_at: new Date() }).where("id", "=", revoked).execute();
    const otherCategory = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 5_000, categorySlugs: ["badante"] });
    const babysitting = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 700, categorySlugs: ["babysitter", "colf"] });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 3_000 });

    await startCheckout(ctx.db, family, bookingId, deps());

    const [payment] = await paymentsOf(ctx.db, bookingId);
    expect(payment).toMatchObject({ voucher_cents: 700, stripe_cents: 2_300 });
    for (const untouched of [expired, revoked, otherCategory]) expect(await voucherBalance(ctx.db, untouched)).toBe(5_000);
    expect(await voucherBalance(ctx.db, babysitting)).toBe(0);
  });

  it("sends the family back to the same open Checkout page when they press pay again", async () => {
    const family = await newFamily();
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_500 });
    const first = await startCheckout(ctx.db, family, bookingId, deps());
    const second = await startCheckout(ctx.db, family, bookingId, deps());
    expect(first.kind).toBe("redirect");
    expect(second).toEqual(first);
    expect(await paymentsOf(ctx.db, bookingId)).toHaveLength(1);
  });
});

describe("who may pay", () => {
  it("refuses another family, the provider and an operator, and changes nothing", async () => {
    const family = await newFamily();
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_000 });
    const otherFamily = await newFamily();
    const operator = await insertUser(ctx.db, { roles: ["operator"], quartieri: [1] });
    for (const intruder of [otherFamily, provider.owner, operator]) {
      await expect(startCheckout(ctx.db, intruder, bookingId, deps())).rejects.toBeInstanceOf(AuthorisationError);
      await expect(getPaymentPage(ctx.db, intruder, bookingId, { config: deps().config })).rejects.toBeInstanceOf(AuthorisationError);
    }
    expect(await paymentsOf(ctx.db, bookingId)).toHaveLength(0);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");
  });

  it("only takes bookings that are accepted and to be paid online", async () => {
    const family = await newFamily();
    const requested = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_000, status: "requested" });
    const direct = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_000, paymentMode: "direct" });
    const confirmed = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_000, status: "confirmed" });
    const codeOf = (p: Promise<unknown>) => p.then(() => "none", (e) => (isPaymentError(e) ? e.code : String(e)));
    expect(await codeOf(startCheckout(ctx.db, family, requested, deps()))).toBe("not_payable");
    expect(await codeOf(startCheckout(ctx.db, family, direct, deps()))).toBe("pay_directly");
    expect(await codeOf(startCheckout(ctx.db, family, confirmed, deps()))).toBe("not_payable");
    expect(await codeOf(startCheckout(ctx.db, family, "00000000-0000-0000-0000-000000000000", deps()))).toBe("not_found");
    expect(await codeOf(startCheckout(ctx.db, family, "not-a-uuid", deps()))).toBe("not_found");
  });

  it("without Stripe configured, only a booking vouchers fully cover can be paid online", async () => {
    const family = await newFamily();
    const card = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_000 });
    const noStripe: CheckoutDeps = { config: null, siteUrl: SITE };
    await expect(startCheckout(ctx.db, family, card, noStripe)).rejects.toMatchObject({ code: "online_unavailable" });
    await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 5_000 });
    const covered = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_000 });
    expect((await startCheckout(ctx.db, family, covered, noStripe)).kind).toBe("paid");
  });

  it("refuses when the provider's Connect account cannot take charges", async () => {
    const family = await newFamily();
    const pending = await insertPayableProvider(ctx.db, { stripeAccountId: `acct_${Date.now()}x`, chargesEnabled: false });
    const bookingId = await insertBooking(ctx.db, { providerId: pending.providerId, familyUserId: family.id, totalCents: 2_000 });
    await expect(startCheckout(ctx.db, family, bookingId, deps())).rejects.toMatchObject({ code: "provider_cannot_take_payments" });
    expect(await paymentsOf(ctx.db, bookingId)).toHaveLength(0);
  });
});

describe("when Stripe fails at checkout", () => {
  async function setUp(totalCents = 8_000) {
    const family = await newFamily();
    const voucher = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 3_000 });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents });
    return { family, voucher, bookingId };
  }

  it("a 500 from Stripe: payment failed with a code, voucher money released, booking still accepted; trying again works", async () => {
    const { family, voucher, bookingId } = await setUp();
    stub.failNext(1, 500);

    const failed = await startCheckout(ctx.db, family, bookingId, deps());

    expect(failed).toMatchObject({ kind: "failed", code: "stripe_unavailable" });
    const [payment] = await paymentsOf(ctx.db, bookingId);
    expect(payment).toMatchObject({ status: "failed", failure_code: "stripe_unavailable", stripe_checkout_session_id: null });
    expect(await voucherBalance(ctx.db, voucher)).toBe(3_000);
    expect((await ledgerOf(ctx.db, voucher)).map((r) => [r.reason, r.amount_cents])).toEqual([
      ["spend", -3_000],
      ["release", 3_000],
    ]);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");

    const retry = await startCheckout(ctx.db, family, bookingId, deps());
    expect(retry.kind).toBe("redirect");
    const payments = await paymentsOf(ctx.db, bookingId);
    expect(payments.map((p) => p.status)).toEqual(["failed", "pending"]);
    expect(await voucherBalance(ctx.db, voucher)).toBe(0);
  });

  it("Stripe hanging until the timeout: the same, and a session Stripe made anyway is never used", async () => {
    const { family, voucher, bookingId } = await setUp();
    stub.hangNext(1, { process: true });
    const started = Date.now();

    const failed = await startCheckout(ctx.db, family, bookingId, deps({ timeoutMs: 300 }));

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failed).toMatchObject({ kind: "failed", code: "stripe_timeout" });
    const [payment] = await paymentsOf(ctx.db, bookingId);
    expect(payment).toMatchObject({ status: "failed", failure_code: "stripe_timeout" });
    expect(await voucherBalance(ctx.db, voucher)).toBe(3_000);
    expect(await ledgerSum(ctx.db, voucher)).toBe(0);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");

    const retry = await startCheckout(ctx.db, family, bookingId, deps());
    expect(retry.kind).toBe("redirect");
    expect((await paymentsOf(ctx.db, bookingId)).map((p) => p.status)).toEqual(["failed", "pending"]);
  });

  it("a connection refused: the same (nothing charged, try again)", async () => {
    const { family, voucher, bookingId } = await setUp();
    const dead = { config: { ...deps().config!, stripe: (await import("../../app/domain/payments/stripe-client.server")).createStripeClient("sk_test_x", "http://127.0.0.1:9") }, siteUrl: SITE };
    const failed = await startCheckout(ctx.db, family, bookingId, dead);
    expect(failed).toMatchObject({ kind: "failed", code: "stripe_unavailable" });
    expect(await voucherBalance(ctx.db, voucher)).toBe(3_000);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("accepted");
  });
});

describe("vouchers under parallel checkouts", () => {
  it("a €100 voucher is never overspent by 10 parallel checkouts of €30 bookings", async () => {
    const family = await newFamily();
    const voucher = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 10_000 });
    // Ten providers: the checkouts do not queue behind one provider's lock, only on the voucher.
    const providers = await Promise.all(Array.from({ length: 10 }, () => insertPayableProvider(ctx.db, { stripeAccountId: stub.createEnabledAccount() })));
    const bookings = await Promise.all(
      providers.map((p) => insertBooking(ctx.db, { providerId: p.providerId, familyUserId: family.id, totalCents: 3_000 })),
    );

    const results = await Promise.all(bookings.map((id) => startCheckout(ctx.db, family, id, deps())));

    const payments = (await Promise.all(bookings.map((id) => paymentsOf(ctx.db, id)))).flat();
    expect(payments).toHaveLength(10);
    const spent = payments.reduce((sum, p) => sum + p.voucher_cents, 0);
    const balance = await voucherBalance(ctx.db, voucher);
    expect(spent).toBeLessThanOrEqual(10_000);
    expect(spent).toBe(10_000); // all of it is used, exactly once
    expect(balance).toBe(0);
    expect(await ledgerSum(ctx.db, voucher)).toBe(-(10_000 - balance));
    expect(payments.every((p) => p.amount_cents === p.voucher_cents + p.stripe_cents)).toBe(true);
    // Three bookings fully covered (confirmed), one split 10/20, six by card.
    expect(results.filter((r) => r.kind === "paid")).toHaveLength(3);
    expect(payments.filter((p) => p.voucher_cents > 0 && p.stripe_cents > 0).map((p) => [p.voucher_cents, p.stripe_cents])).toEqual([[1_000, 2_000]]);
  });
});

describe("the payment page", () => {
  it("shows the breakdown checkout will use, and the family's vouchers", async () => {
    const family = await newFamily();
    await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 1_200, programme: "Buono Nidi" });
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 5_000 });
    const page = await getPaymentPage(ctx.db, family, bookingId, { config: stub.config({ platformFeeBps: 1_000 }) });
    expect(page).toMatchObject({
      booking: { id: bookingId, status: "accepted", totalCents: 5_000, categorySlug: "babysitter" },
      quote: { voucherCents: 1_200, cardCents: 3_800, feeCents: 380 },
      blocked: null,
      payment: null,
    });
    expect(page!.vouchers.map((v) => [v.programme, v.balanceCents, v.state])).toEqual([["Buono Nidi", 1_200, "active"]]);
  });

  it("settles a paid session when the family comes back before the webhook, and the webhook then changes nothing", async () => {
    const family = await newFamily();
    const bookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 2_000 });
    await startCheckout(ctx.db, family, bookingId, deps());
    const [pending] = await paymentsOf(ctx.db, bookingId);
    const completed = stub.completeSession(pending!.stripe_checkout_session_id!);

    const page = await getPaymentPage(ctx.db, family, bookingId, { config: deps().config, returnedFromStripe: true });

    expect(page!.payment!.status).toBe("paid");
    expect(page!.blocked).toBe("already_paid");
    expect(await bookingStatus(ctx.db, bookingId)).toBe("confirmed");
    const late = await applyStripeEvent(ctx.db, completed);
    expect(late.outcome).toBe("already_paid");
    expect(await bookingTransitions(ctx.db, bookingId)).toHaveLength(1);
  });
});
