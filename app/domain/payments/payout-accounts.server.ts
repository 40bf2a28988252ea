import type Stripe from "stripe";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { PaymentError, stripeFailureCode } from "./payment-errors";
import type { PaymentsConfig } from "./stripe-client.server";

/**
 * Providers are paid through Stripe Connect Express: the platform creates the account once, the
 * provider completes Stripe's own onboarding pages, and Stripe says (account.updated, or when we
 * ask on return) whether it may take charges. Only the owner of a provider profile sets it up;
 * the workers of an organisation are paid into the organisation's account.
 */

type Db = Kysely<Database>;

export interface PayoutAccountStatus {
  stripeAccountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface PayoutOverview {
  /** The provider profile the person owns; null: none yet (finish the profile first). */
  provider: { id: string; displayName: string; kind: "individual" | "organisation" } | null;
  account: PayoutAccountStatus | null;
  /** Whether the site takes online payments at all. */
  onlinePayments: boolean;
}

/** The provider profile this person owns (the individual's own, or an organisation they own). */
async function ownedProvider(db: Db, user: CurrentUser) {
  return db
    .selectFrom("provider_members as m")
    .innerJoin("providers as p", "p.id", "m.provider_id")
    .select(["p.id", "p.display_name", "p.kind"])
    .where("m.user_id", "=", user.id)
    .where("m.member_role", "=", "owner")
    .orderBy((eb) => eb.case().when("p.kind", "=", "organisation").then(0).else(1).end())
    .orderBy("p.created_at")
    .executeTakeFirst();
}

/** For a route, before the form is read: only people with a provider role manage payouts. */
export function assertCanManagePayouts(user: CurrentUser): void {
  assertProviderPerson(user);
}

/** Who may open the payouts page: people with a provider role; everyone else is refused. */
function assertProviderPerson(user: CurrentUser): void {
  if (!user.roles.includes("provider") && !user.roles.includes("organisation_member")) {
    throw new AuthorisationError("needs a provider role");
  }
}

function statusOf(row: { stripe_account_id: string; charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean }): PayoutAccountStatus {
  return {
    stripeAccountId: row.stripe_account_id,
    chargesEnabled: row.charges_enabled,
    payoutsEnabled: row.payouts_enabled,
    detailsSubmitted: row.details_submitted,
  };
}

/**
 * The payouts page: the owned profile and its account. With `refresh` (coming back from Stripe's
 * onboarding), the account's state is first asked from Stripe; if Stripe does not answer, the
 * stored state is shown (account.updated will bring the news).
 */
export async function getPayoutOverview(
  db: Db,
  user: CurrentUser,
  config: PaymentsConfig | null,
  options: { refresh?: boolean } = {},
): Promise<PayoutOverview & { refreshFailed: boolean }> {
  assertProviderPerson(user);
  const provider = await ownedProvider(db, user);
  if (!provider) return { provider: null, account: null, onlinePayments: config !== null, refreshFailed: false };
  let row = await db.selectFrom("provider_payout_accounts").selectAll().where("provider_id", "=", provider.id).executeTakeFirst();
  let refreshFailed = false;
  if (row && config && options.refresh) {
    try {
      const account = await config.stripe.accounts.retrieve(row.stripe_account_id);
      await updatePayoutAccountFromStripe(db, account);
      row = await db.selectFrom("provider_payout_accounts").selectAll().where("provider_id", "=", provider.id).executeTakeFirst();
    } catch {
      refreshFailed = true;
    }
  }
  return {
    provider: { id: provider.id, displayName: provider.display_name, kind: provider.kind },
    account: row ? statusOf(row) : null,
    onlinePayments: config !== null,
    refreshFailed,
  };
}

/**
 * Creates the provider's Express account (once: the idempotency key is the provider's id, and
 * the row is unique per provider) and returns the address of Stripe's onboarding page.
 */
export async function startPayoutOnboarding(
  db: Db,
  user: CurrentUser,
  config: PaymentsConfig | null,
  urls: { returnUrl: string; refreshUrl: string },
): Promise<{ url: string }> {
  assertProviderPerson(user);
  if (!config) throw new PaymentError("online_unavailable");
  const provider = await ownedProvider(db, user);
  if (!provider) throw new PaymentError("no_provider_profile");
  let accountId = (await db.selectFrom("provider_payout_accounts").select("stripe_account_id").where("provider_id", "=", provider.id).executeTakeFirst())
    ?.stripe_account_id;
  try {
    if (!accountId) {
      const account = await config.stripe.accounts.create(
        {
          type: "express",
          country: "IT",
          email: user.email,
          business_type: provider.kind === "organisation" ? "company" : "individual",
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: { providerId: provider.id },
        },
        { idempotencyKey: `connect-account:${provider.id}` },
      );
      await db
        .insertInto("provider_payout_accounts")
        .values({
          provider_id: provider.id,
          stripe_account_id: account.id,
          charges_enabled: account.charges_enabled ?? false,
          payouts_enabled: account.payouts_enabled ?? false,
          details_submitted: account.details_submitted ?? false,
        })
        .onConflict((oc) => oc.column("provider_id").doNothing())
        .execute();
      accountId = (await db.selectFrom("provider_payout_accounts").select("stripe_account_id").where("provider_id", "=", provider.id).executeTakeFirstOrThrow())
        .stripe_account_id;
    }
    const link = await config.stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      return_url: urls.returnUrl,
      refresh_url: urls.refreshUrl,
    });
    return { url: link.url };
  } catch (error) {
    if (error instanceof PaymentError) throw error;
    if ((error as { type?: string })?.type?.startsWith("Stripe")) throw new PaymentError(stripeFailureCode(error));
    throw error;
  }
}

/** Stores what Stripe says about an account (from account.updated or a refresh). */
export async function updatePayoutAccountFromStripe(db: Db, account: Stripe.Account): Promise<boolean> {
  const result = await db
    .updateTable("provider_payout_accounts")
    .set({
      charges_enabled: account.charges_enabled ?? false,
      payouts_enabled: account.payouts_enabled ?? false,
      details_submitted: account.details_submitted ?? false,
      updated_at: new Date(),
    })
    .where("stripe_account_id", "=", account.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Where a provider's card payments go: its own Connect account, or for a worker of an
 * organisation the organisation's. Null when there is none that may take charges.
 */
export async function payoutDestinationFor(db: Db, providerId: string): Promise<string | null> {
  const rows = await db
    .selectFrom("providers as p")
    .innerJoin("provider_payout_accounts as a", (join) =>
      join.on((eb) => eb.or([eb("a.provider_id", "=", eb.ref("p.id")), eb("a.provider_id", "=", eb.ref("p.organisation_id"))])),
    )
    .select(["a.provider_id", "a.stripe_account_id", "a.charges_enabled"])
    .where("p.id", "=", providerId)
    .execute();
  const own = rows.find((r) => r.provider_id === providerId);
  const chosen = own ?? rows[0];
  return chosen?.charges_enabled ? chosen.stripe_account_id : null;
}
