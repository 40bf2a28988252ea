import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError } from "../../app/domain/accounts/current-user";
import { canTakeOnlinePayments } from "../../app/domain/payments/online-payments.server";
import { isPaymentError } from "../../app/domain/payments/payment-errors";
import { getPayoutOverview, startPayoutOnboarding } from "../../app/domain/payments/payout-accounts.server";
import { applyStripeEvent } from "../../app/domain/payments/webhook-events.server";
import { insertPayableProvider, insertUser } from "../support/booking-fixtures";
import { startStripeStub, type StripeStub } from "../support/stripe-stub";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let stub: StripeStub;
const urls = { returnUrl: "http://vicinato.test/provider/payouts?from=return", refreshUrl: "http://vicinato.test/provider/payouts?from=refresh" };

beforeAll(async () => {
  ctx = await createTestContext();
  stub = await startStripeStub();
});
afterAll(async () => {
  await stub?.close();
  await ctx?.cleanup();
});

describe("provider payouts (Stripe Connect Express)", () => {
  it("creates the Express account once, links to onboarding, and enables online payments when Stripe says so", async () => {
    const { providerId, owner } = await insertPayableProvider(ctx.db);
    const config = stub.config();
    expect(await canTakeOnlinePayments(ctx.db, providerId, config)).toBe(false);

    const first = await startPayoutOnboarding(ctx.db, owner, config, urls);
    const second = await startPayoutOnboarding(ctx.db, owner, config, urls);
    expect(first.url).toMatch(new RegExp(`^${stub.url}/connect/onboarding/`));
    expect(second.url).not.toBe(first.url); // a fresh link each time, for the same account

    const creates = stub.apiRequests("POST", "/v1/accounts");
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatchObject({ idempotencyKey: `connect-account:${providerId}`, params: { type: "express", country: "IT", metadata: { providerId } } });
    const links = stub.apiRequests("POST", "/v1/account_links");
    expect(links.at(-1)!.params).toMatchObject({ type: "account_onboarding", return_url: urls.returnUrl, refresh_url: urls.refreshUrl });

    const overview = await getPayoutOverview(ctx.db, owner, config);
    expect(overview.account).toMatchObject({ chargesEnabled: false });
    const accountId = overview.account!.stripeAccountId;

    // Back from Stripe: the page asks Stripe for the account's state.
    stub.setAccountEnabled(accountId, true);
    const refreshed = await getPayoutOverview(ctx.db, owner, config, { refresh: true });
    expect(refreshed.account).toMatchObject({ chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true });
    expect(await canTakeOnlinePayments(ctx.db, providerId, config)).toBe(true);
    expect(await canTakeOnlinePayments(ctx.db, providerId, null)).toBe(false);

    // Stripe disables it later: account.updated says so.
    stub.setAccountEnabled(accountId, false);
    expect((await applyStripeEvent(ctx.db, stub.accountUpdatedEvent(accountId))).outcome).toBe("account_updated");
    expect(await canTakeOnlinePayments(ctx.db, providerId, config)).toBe(false);
  });

  it("two parallel clicks on 'set up payouts' make one account", async () => {
    const { providerId, owner } = await insertPayableProvider(ctx.db);
    const before = stub.apiRequests("POST", "/v1/accounts").length;
    await Promise.all([startPayoutOnboarding(ctx.db, owner, stub.config(), urls), startPayoutOnboarding(ctx.db, owner, stub.config(), urls)]);
    const made = stub.apiRequests("POST", "/v1/accounts").slice(before);
    expect(new Set(made.map((r) => r.idempotencyKey))).toEqual(new Set([`connect-account:${providerId}`]));
    const rows = await ctx.db.selectFrom("provider_payout_accounts").selectAll().where("provider_id", "=", providerId).execute();
    expect(rows).toHaveLength(1);
    expect(stub.accounts.has(rows[0]!.stripe_account_id)).toBe(true);
  });

  it("is for provider owners only; without Stripe it says so; Stripe failing is reported, not thrown", async () => {
    const family = await insertUser(ctx.db, { roles: ["family"] });
    const operator = await insertUser(ctx.db, { roles: ["operator"], quartieri: [1] });
    for (const user of [family, operator]) {
      await expect(getPayoutOverview(ctx.db, user, stub.config())).rejects.toBeInstanceOf(AuthorisationError);
      await expect(startPayoutOnboarding(ctx.db, user, stub.config(), urls)).rejects.toBeInstanceOf(AuthorisationError);
    }
    const newcomer = await insertUser(ctx.db, { roles: ["provider"] });
    expect(await getPayoutOverview(ctx.db, newcomer, stub.config())).toMatchObject({ provider: null, account: null });
    expect(isPaymentError(await startPayoutOnboarding(ctx.db, newcomer, stub.config(), urls).catch((e) => e), "no_provider_profile")).toBe(true);

    const { owner } = await insertPayableProvider(ctx.db);
    expect(isPaymentError(await startPayoutOnboarding(ctx.db, owner, null, urls).catch((e) => e), "online_unavailable")).toBe(true);
    stub.failNext(1, 500);
    expect(isPaymentError(await startPayoutOnboarding(ctx.db, owner, stub.config(), urls).catch((e) => e), "stripe_unavailable")).toBe(true);
    expect((await startPayoutOnboarding(ctx.db, owner, stub.config(), urls)).url).toMatch(/connect\/onboarding/);
  });

  it("an organisation's workers are paid into the organisation's account", async () => {
    const organisation = await insertPayableProvider(ctx.db, { stripeAccountId: stub.createEnabledAccount() });
    await ctx.db.updateTable("providers").set({ kind: "organisation" }).where("id", "=", organisation.providerId).execute();
    const worker = await insertPayableProvider(ctx.db);
    await ctx.db.updateTable("providers").set({ organisation_id: organisation.providerId }).where("id", "=", worker.providerId).execute();
    expect(await canTakeOnlinePayments(ctx.db, worker.providerId, stub.config())).toBe(true);
  });
});
