import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import { inPeriod, toCount, type IndicatorScope } from "./sql";

/**
 * Municipal vouchers spent within the period: money taken from vouchers (ledger 'spend' rows)
 * minus what went back to them in the period ('refund' of a cancelled booking, 'release' of a
 * checkout that never completed). A movement belongs to the quartiere of the booking it paid
 * for, or else to the voucher's quartiere.
 */
export function vouchersSpentQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom("voucher_ledger as l")
    .innerJoin("vouchers as v", "v.id", "l.voucher_id")
    .leftJoin("payments as pay", "pay.id", "l.payment_id")
    .leftJoin("bookings as b", "b.id", "pay.booking_id")
    .select([
      sql<string | null>`-sum(l.amount_cents) filter (where l.reason = 'spend')`.as("spent"),
      sql<string | null>`sum(l.amount_cents) filter (where l.reason <> 'spend')`.as("returned"),
    ])
    .where(inPeriod("l.created_at", period))
    .where(quartiereIds === null ? sql<boolean>`true` : sql<boolean>`coalesce(b.quartiere_id, v.quartiere_id) = any(${quartiereIds}::int[])`);
}

export async function fetchVoucherFigures(db: DB, scope: IndicatorScope): Promise<{ spentCents: number; returnedCents: number; netSpentCents: number }> {
  const row = await vouchersSpentQuery(db, scope).executeTakeFirst();
  const spentCents = toCount(row?.spent);
  const returnedCents = toCount(row?.returned);
  return { spentCents, returnedCents, netSpentCents: spentCents - returnedCents };
}
