import crypto from "node:crypto";
import type { DB } from "../../db/client";
import type { BookingStatus, PaymentMode, UserRole } from "../../db/schema";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { insertProvider } from "./provider-fixtures";

/**
 * Rows for payment tests, written straight into the database: people with roles, a provider
 * with an owner account (and optionally a Connect account), bookings in a given state and
 * vouchers. The request/accept flow of bookings is tested in its own module.
 */

export async function insertUser(db: DB, options: { roles: UserRole[]; quartieri?: number[]; name?: string; locale?: string } = { roles: ["family"] }): Promise<CurrentUser> {
  const email = `${crypto.randomBytes(5).toString("hex")}@example.test`;
  const { id } = await db
    .insertInto("users")
    .values({ email, password_hash: null, display_name: options.name ?? email, locale: options.locale ?? "it", email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.roles.length > 0) await db.insertInto("user_roles").values(options.roles.map((role) => ({ user_id: id, role }))).execute();
  if (options.quartieri?.length) {
    await db.insertInto("operator_quartieri").values(options.quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  }
  return (await loadCurrentUser(db, id))!;
}

export interface ProviderWithOwner {
  providerId: string;
  owner: CurrentUser;
  /** The Connect account, when one was given. */
  stripeAccountId: string | null;
}

/** A verified provider in a quartiere with an owner; with `stripeAccountId`, a payout account that may take charges. */
export async function insertPayableProvider(
  db: DB,
  options: { name?: string; quartiereId?: number; stripeAccountId?: string | null; chargesEnabled?: boolean } = {},
): Promise<ProviderWithOwner> {
  const name = options.name ?? `Fornitrice ${crypto.randomBytes(3).toString("hex")}`;
  const providerId = await insertProvider(db, { displayName: name, quartiereId: options.quartiereId ?? 1 });
  const owner = await insertUser(db, { roles: ["provider"], name });
  await db.insertInto("provider_members").values({ provider_id: providerId, user_id: owner.id, member_role: "owner" }).execute();
  if (options.stripeAccountId) {
    await db
      .insertInto("provider_payout_accounts")
      .values({
        provider_id: providerId,
        stripe_account_id: options.stripeAccountId,
        charges_enabled: options.chargesEnabled ?? true,
        payouts_enabled: options.chargesEnabled ?? true,
        details_submitted: true,
      })
      .execute();
  }
  return { providerId, owner, stripeAccountId: options.stripeAccountId ?? null };
}

export async function categoryId(db: DB, slug = "babysitter"): Promise<number> {
  return (await db.selectFrom("service_categories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

let dayOffset = 0;

/**
 * A booking as the bookings module leaves it after the provider accepts (status accepted,
 * payment online unless told otherwise). Each call takes a different day, so they never overlap.
 */
export async function insertBooking(
  db: DB,
  options: {
    providerId: string;
    familyUserId: string;
    totalCents: number;
    status?: BookingStatus;
    paymentMode?: PaymentMode | null;
    categorySlug?: string;
    quartiereId?: number;
  },
): Promise<string> {
  dayOffset += 1;
  const date = new Date(Date.UTC(2030, 0, 1) + dayOffset * 86_400_000 + Math.floor(Math.random() * 3000) * 86_400_000);
  const day = date.toISOString().slice(0, 10);
  const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
  const { id } = await db
    .insertInto("bookings")
    .values({
      provider_id: options.providerId,
      family_user_id: options.familyUserId,
      category_id: await categoryId(db, options.categorySlug),
      kind: "one_off",
      status: options.status ?? "accepted",
      weekdays: [isoWeekday],
      start_minute: 16 * 60,
      end_minute: 19 * 60,
      first_date: day,
      last_date: day,
      address: "Via Dante 1, Milano",
      hourly_price_cents: Math.round(options.totalCents / 3),
      total_cents: options.totalCents,
      payment_mode: options.paymentMode === undefined ? "online" : options.paymentMode,
      quartiere_id: options.quartiereId ?? 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A voucher as an operator grants it (balance = budget), without the audit row. */
export async function insertVoucher(
  db: DB,
  options: { familyUserId: string; budgetCents: number; expiresOn?: string; categorySlugs?: string[]; programme?: string; quartiereId?: number },
): Promise<string> {
  const categoryIds = await Promise.all((options.categorySlugs ?? []).map((slug) => categoryId(db, slug)));
  const { id } = await db
    .insertInto("vouchers")
    .values({
      family_user_id: options.familyUserId,
      programme: options.programme ?? "Buono Welfare di Tutti",
      budget_cents: options.budgetCents,
      balance_cents: options.budgetCents,
      category_ids: categoryIds,
      expires_on: options.expiresOn ?? "2099-12-31",
      granted_by: null,
      quartiere_id: options.quartiereId ?? 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export const bookingStatus = async (db: DB, id: string) =>
  (await db.selectFrom("bookings").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

export const bookingTransitions = (db: DB, id: string) =>
  db.selectFrom("booking_transitions").selectAll().where("booking_id", "=", id).orderBy("id").execute();

export const paymentsOf = (db: DB, bookingId: string) =>
  db.selectFrom("payments").selectAll().where("booking_id", "=", bookingId).orderBy("created_at").orderBy("id").execute();

export const voucherBalance = async (db: DB, id: string) =>
  (await db.selectFrom("vouchers").select("balance_cents").where("id", "=", id).executeTakeFirstOrThrow()).balance_cents;

export const ledgerOf = (db: DB, voucherId: string) =>
  db.selectFrom("voucher_ledger").selectAll().where("voucher_id", "=", voucherId).orderBy("id").execute();

export async function ledgerSum(db: DB, voucherId: string): Promise<number> {
  return (await ledgerOf(db, voucherId)).reduce((sum, row) => sum + row.amount_cents, 0);
}
