import Stripe from "stripe";
import { createStripeClient } from "../../../app/domain/payments/stripe-client.server";
import { STUB_SECRET_KEY } from "../../support/stripe-stub";
import { insertOneOffBooking } from "./one-off-booking";
import { e2eDb, insertPendingProvider, type E2eUser } from "./operator-login";

/**
 * Rows for the payment journeys, written into the e2e server's database, and Connect accounts
 * made through the e2e Stripe stub's real API (E2E_STRIPE_PORT), as the app itself would.
 */
export const stubUrl = `http://127.0.0.1:${process.env.E2E_STRIPE_PORT ?? "12131"}`;

export function stubStripe(): Stripe {
  return createStripeClient(STUB_SECRET_KEY, stubUrl);
}

/** An Express account at the stub that has completed onboarding (charges enabled). */
export async function enabledStubAccount(): Promise<string> {
  const stripe = stubStripe();
  const account = await stripe.accounts.create({ type: "express", country: "IT" });
  const link = await stripe.accountLinks.create({ account: account.id, type: "account_onboarding", return_url: `${stubUrl}/health`, refresh_url: `${stubUrl}/health` });
  // The stub's onboarding page: completing it enables the account.
  const done = await fetch(link.url, { method: "POST", redirect: "manual" });
  if (done.status !== 303) throw new Error(`stub onboarding answered ${done.status}`);
  return account.id;
}

/** A verified provider owned by `owner` (optionally with a Connect account that takes charges). */
export async function insertOwnedProvider(owner: E2eUser, options: { name: string; quartiereId?: number; stripeAccountId?: string }): Promise<string> {
  const db = e2eDb();
  const providerId = await insertPendingProvider({ displayName: options.name, quartiereId: options.quartiereId ?? 1 });
  await db.updateTable("providers").set({ status: "verified", verified_at: new Date() }).where("id", "=", providerId).execute();
  await db.insertInto("provider_members").values({ provider_id: providerId, user_id: owner.id, member_role: "owner" }).execute();
  if (options.stripeAccountId) {
    await db
      .insertInto("provider_payout_accounts")
      .values({ provider_id: providerId, stripe_account_id: options.stripeAccountId, charges_enabled: true, payouts_enabled: true, details_submitted: true })
      .execute();
  }
  return providerId;
}

/** A booking the provider has accepted, to be paid online (what the bookings flow leaves behind). */
export async function insertAcceptedBooking(options: { providerId: string; familyUserId: string; totalCents: number; date?: string }): Promise<string> {
  const day = options.date ?? new Date(Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 2000) * 86_400_000).toISOString().slice(0, 10);
  return insertOneOffBooking({ providerId: options.providerId, familyUserId: options.familyUserId, status: "accepted", day, totalCents: options.totalCents });
}

export async function insertVoucherFor(familyUserId: string, budgetCents: number, programme = "Buono Welfare di Tutti"): Promise<string> {
  const { id } = await e2eDb()
    .insertInto("vouchers")
    .values({ family_user_id: familyUserId, programme, budget_cents: budgetCents, balance_cents: budgetCents, expires_on: "2099-12-31", granted_by: null, quartiere_id: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export const bookingStatusOf = async (id: string) =>
  (await e2eDb().selectFrom("bookings").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
