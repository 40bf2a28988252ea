import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { AuthorisationError, assertOperatorOf, type CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { isUuid } from "../../utils/uuid";
import { PaymentError } from "./payment-errors";
import type { VoucherForSplit } from "./payment-amounts";

/**
 * Municipal vouchers: a budget an operator grants a family, spent before the card at checkout.
 * The balance never goes below zero (a CHECK constraint, and every spend is a conditional
 * update), and every movement has a voucher_ledger row, so for each voucher
 * budget − balance = −(sum of its ledger rows).
 */

type Db = Kysely<Database>;

/** Today in Milan, as PostgreSQL sees it (a voucher is usable through its expiry date). */
const todayInMilan = sql<string>`(now() at time zone 'Europe/Rome')::date`;

/**
 * The family's vouchers that can pay for a booking of this category now: not revoked, not
 * expired, money left, and the category allowed (no categories: any). With `lock`, the rows are
 * locked in id order (one order everywhere, so parallel checkouts queue instead of deadlocking).
 */
export async function usableVouchers(
  db: Db,
  familyUserId: string,
  categoryId: number,
  options: { lock?: boolean } = {},
): Promise<VoucherForSplit[]> {
  let query = db
    .selectFrom("vouchers")
    .select(["id", "balance_cents", "expires_on", "created_at"])
    .where("family_user_id", "=", familyUserId)
    .where("revoked_at", "is", null)
    .where("balance_cents", ">", 0)
    .where("expires_on", ">=", todayInMilan)
    .where((eb) => eb.or([eb(sql`cardinality(category_ids)`, "=", 0), eb(sql.lit(categoryId), "=", eb.fn.any("category_ids"))]))
    .orderBy("id");
  if (options.lock) query = query.forUpdate();
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, balanceCents: r.balance_cents, expiresOn: String(r.expires_on), createdAt: r.created_at }));
}

/**
 * Takes `cents` from a voucher for a payment. The update only happens while the balance covers
 * it, so two checkouts can never spend the same money twice.
 */
export async function spendFromVoucher(trx: Transaction<Database>, input: { voucherId: string; paymentId: string; cents: number }): Promise<void> {
  const updated = await trx
    .updateTable("vouchers")
    .set((eb) => ({ balance_cents: eb("balance_cents", "-", input.cents) }))
    .where("id", "=", input.voucherId)
    .where("balance_cents", ">=", input.cents)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error(`voucher ${input.voucherId} no longer covers ${input.cents} cents`);
  await trx.insertInto("voucher_ledger").values({ voucher_id: input.voucherId, payment_id: input.paymentId, amount_cents: -input.cents, reason: "spend" }).execute();
}

/** What each voucher still holds of a payment (spent minus released and refunded), in spending order. */
export async function voucherSharesOfPayment(db: Db, paymentId: string): Promise<Array<{ voucherId: string; cents: number }>> {
  const rows = await db
    .selectFrom("voucher_ledger")
    .select(["voucher_id", sql<string>`-sum(amount_cents)`.as("net"), sql<string>`min(id)`.as("first")])
    .where("payment_id", "=", paymentId)
    .groupBy("voucher_id")
    .orderBy(sql`min(id)`)
    .execute();
  return rows.map((r) => ({ voucherId: r.voucher_id, cents: Number(r.net) })).filter((r) => r.cents > 0);
}

/**
 * Gives voucher money of a payment back: all of it ('release': the checkout did not happen) or
 * up to `upToCents` ('refund': a cancelled booking), never more than the payment took from each
 * voucher. Returns the cents given back.
 */
export async function returnVoucherMoney(
  trx: Transaction<Database>,
  input: { paymentId: string; reason: "release" | "refund"; upToCents?: number },
): Promise<number> {
  const shares = await voucherSharesOfPayment(trx, input.paymentId);
  let left = input.upToCents ?? Number.POSITIVE_INFINITY;
  let returned = 0;
  // Same lock order as checkout: by voucher id.
  const ids = shares.map((s) => s.voucherId).sort();
  if (ids.length > 0) await trx.selectFrom("vouchers").select("id").where("id", "in", ids).orderBy("id").forUpdate().execute();
  for (const share of shares) {
    if (left <= 0) break;
    const cents = Math.min(share.cents, left);
    await trx
      .updateTable("vouchers")
      .set((eb) => ({ balance_cents: eb("balance_cents", "+", cents) }))
      .where("id", "=", share.voucherId)
      .execute();
    await trx.insertInto("voucher_ledger").values({ voucher_id: share.voucherId, payment_id: input.paymentId, amount_cents: cents, reason: input.reason }).execute();
    left -= cents;
    returned += cents;
  }
  return returned;
}

/** Voucher money of a payment given back as a refund so far. */
export async function voucherRefundedCents(db: Db, paymentId: string): Promise<number> {
  const row = await db
    .selectFrom("voucher_ledger")
    .select(sql<string>`coalesce(sum(amount_cents), 0)`.as("sum"))
    .where("payment_id", "=", paymentId)
    .where("reason", "=", "refund")
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

// ---------------------------------------------------------------------------------------------
// Operators: granting and revoking

export interface GrantVoucherInput {
  familyEmail: string;
  programme: string;
  budgetCents: number;
  /** Empty: any category. */
  categoryIds: number[];
  expiresOn: string;
  quartiereId: number;
}

function assertVoucherOperator(user: CurrentUser): void {
  if (!user.roles.includes("operator") && !user.roles.includes("admin")) throw new AuthorisationError("needs role operator");
}

/** For a route: only operators and admins manage vouchers (checked before the form is read). */
export function assertCanManageVouchers(user: CurrentUser): void {
  assertVoucherOperator(user);
}

export interface OperatorVoucherPage {
  vouchers: OperatorVoucherRow[];
  /** The quartieri the person may grant for (an admin: all). */
  quartieri: Array<{ id: number; name: string }>;
  categories: Array<{ id: number; slug: string }>;
}

/** The operator's vouchers page: their quartieri, the catalogue and the vouchers of their quartieri. */
export async function getOperatorVoucherPage(db: Db, user: CurrentUser): Promise<OperatorVoucherPage> {
  assertVoucherOperator(user);
  const isAdmin = user.roles.includes("admin");
  const [vouchers, quartieri, categories] = await Promise.all([
    listVouchersForOperator(db, user),
    isAdmin || user.operatorQuartieri.length > 0
      ? db
          .selectFrom("quartieri")
          .select(["id", "name"])
          .$if(!isAdmin, (q) => q.where("id", "in", user.operatorQuartieri))
          .orderBy("name")
          .execute()
      : Promise.resolve([]),
    db.selectFrom("service_categories").select(["id", "slug"]).orderBy("sort_order").orderBy("id").execute(),
  ]);
  return { vouchers, quartieri, categories };
}

/**
 * An operator grants a family a voucher for one of their quartieri (an admin: any). The family
 * is found by e-mail and must have the family role. The grant is in the audit log.
 */
export async function grantVoucher(db: Db, user: CurrentUser, input: GrantVoucherInput): Promise<{ voucherId: string }> {
  assertVoucherOperator(user);
  assertOperatorOf(user, input.quartiereId);
  return inTransaction(db, async (trx) => {
    const family = await trx
      .selectFrom("users as u")
      .select("u.id")
      .where(sql`lower(u.email)`, "=", input.familyEmail.trim().toLowerCase())
      .where("u.deleted_at", "is", null)
      .where((eb) => eb.exists(eb.selectFrom("user_roles as r").select("r.user_id").whereRef("r.user_id", "=", "u.id").where("r.role", "=", "family")))
      .executeTakeFirst();
    if (!family) throw new PaymentError("family_not_found");
    // An admin may name any quartiere, and category ids come from checkboxes a request can forge:
    // both are checked here, so a wrong one is a field error rather than a foreign-key failure.
    const quartiere = await trx.selectFrom("quartieri").select("id").where("id", "=", input.quartiereId).executeTakeFirst();
    if (!quartiere) throw new PaymentError("quartiere_unknown");
    const categoryIds = [...new Set(input.categoryIds)];
    if (categoryIds.length > 0) {
      const known = await trx.selectFrom("service_categories").select("id").where("id", "in", categoryIds).execute();
      if (known.length !== categoryIds.length) throw new PaymentError("category_unknown");
    }
    const { id } = await trx
      .insertInto("vouchers")
      .values({
        family_user_id: family.id,
        programme: input.programme.trim(),
        budget_cents: input.budgetCents,
        balance_cents: input.budgetCents,
        category_ids: categoryIds.sort((a, b) => a - b),
        expires_on: input.expiresOn,
        granted_by: user.id,
        quartiere_id: input.quartiereId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "voucher.grant",
      subjectType: "voucher",
      subjectId: id,
      details: { familyUserId: family.id, quartiereId: input.quartiereId, budgetCents: input.budgetCents, categoryIds: input.categoryIds, expiresOn: input.expiresOn },
    });
    return { voucherId: id };
  });
}

/** Revokes a voucher of one of the operator's quartieri: what is left can no longer be spent. */
export async function revokeVoucher(db: Db, user: CurrentUser, voucherId: string): Promise<void> {
  assertVoucherOperator(user);
  await inTransaction(db, async (trx) => {
    const voucher = isUuid(voucherId)
      ? await trx.selectFrom("vouchers").select(["id", "quartiere_id", "revoked_at", "balance_cents"]).where("id", "=", voucherId).forUpdate().executeTakeFirst()
      : undefined;
    if (!voucher) throw new PaymentError("voucher_not_found");
    assertOperatorOf(user, voucher.quartiere_id);
    if (voucher.revoked_at) throw new PaymentError("voucher_already_revoked");
    await trx.updateTable("vouchers").set({ revoked_at: new Date() }).where("id", "=", voucher.id).execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "voucher.revoke",
      subjectType: "voucher",
      subjectId: voucher.id,
      details: { quartiereId: voucher.quartiere_id, balanceCents: voucher.balance_cents },
    });
  });
}

export interface OperatorVoucherRow {
  id: string;
  programme: string;
  familyEmail: string;
  familyName: string | null;
  quartiereId: number | null;
  quartiereName: string | null;
  budgetCents: number;
  balanceCents: number;
  categoryIds: number[];
  expiresOn: string;
  revokedAt: string | null;
  grantedByMe: boolean;
  createdAt: string;
}

/** Vouchers of the operator's quartieri (an admin: all), newest first. */
export async function listVouchersForOperator(db: Db, user: CurrentUser, options: { limit?: number } = {}): Promise<OperatorVoucherRow[]> {
  assertVoucherOperator(user);
  const isAdmin = user.roles.includes("admin");
  if (!isAdmin && user.operatorQuartieri.length === 0) return [];
  const rows = await db
    .selectFrom("vouchers as v")
    .innerJoin("users as u", "u.id", "v.family_user_id")
    .leftJoin("quartieri as q", "q.id", "v.quartiere_id")
    .select([
      "v.id",
      "v.programme",
      "u.email",
      "u.display_name",
      "v.quartiere_id",
      "q.name as quartiere_name",
      "v.budget_cents",
      "v.balance_cents",
      "v.category_ids",
      "v.expires_on",
      "v.revoked_at",
      "v.granted_by",
      "v.created_at",
    ])
    .$if(!isAdmin, (q) => q.where("v.quartiere_id", "in", user.operatorQuartieri))
    .orderBy("v.created_at", "desc")
    .orderBy("v.id")
    .limit(options.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    programme: r.programme,
    familyEmail: r.email,
    familyName: r.display_name,
    quartiereId: r.quartiere_id,
    quartiereName: r.quartiere_name,
    budgetCents: r.budget_cents,
    balanceCents: r.balance_cents,
    categoryIds: r.category_ids,
    expiresOn: String(r.expires_on),
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
    grantedByMe: r.granted_by === user.id,
    createdAt: r.created_at.toISOString(),
  }));
}

export interface FamilyVoucher {
  id: string;
  programme: string;
  budgetCents: number;
  balanceCents: number;
  categorySlugs: string[];
  expiresOn: string;
  state: "active" | "expired" | "revoked" | "used";
}

/** A family's own vouchers with their balances (active ones first). */
export async function listFamilyVouchers(db: Db, userId: string): Promise<FamilyVoucher[]> {
  const rows = await db
    .selectFrom("vouchers")
    .select([
      "id",
      "programme",
      "budget_cents",
      "balance_cents",
      "category_ids",
      "expires_on",
      "revoked_at",
      sql<boolean>`expires_on < ${todayInMilan}`.as("expired"),
    ])
    .where("family_user_id", "=", userId)
    .orderBy("expires_on")
    .orderBy("created_at")
    .execute();
  const categoryIds = [...new Set(rows.flatMap((r) => r.category_ids))];
  const slugs = new Map<number, string>();
  if (categoryIds.length > 0) {
    for (const c of await db.selectFrom("service_categories").select(["id", "slug"]).where("id", "in", categoryIds).execute()) slugs.set(c.id, c.slug);
  }
  const vouchers = rows.map((r): FamilyVoucher => ({
    id: r.id,
    programme: r.programme,
    budgetCents: r.budget_cents,
    balanceCents: r.balance_cents,
    categorySlugs: r.category_ids.map((id) => slugs.get(id)).filter((s): s is string => !!s),
    expiresOn: String(r.expires_on),
    state: r.revoked_at ? "revoked" : r.expired ? "expired" : r.balance_cents === 0 ? "used" : "active",
  }));
  const rank = { active: 0, used: 1, expired: 2, revoked: 3 } as const;
  return vouchers.sort((a, b) => rank[a.state] - rank[b.state]);
}
