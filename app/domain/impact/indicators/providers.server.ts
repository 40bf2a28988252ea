import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import type { ProviderStatus } from "../../../../db/schema";
import { inArea, inPeriod, toCount, type IndicatorScope } from "./sql";

/**
 * Providers: who can serve the area, in which verification state, and who was newly verified.
 *
 * - Providers by category and state: providers (not drafts) offering the category with at least
 *   one of the area's quartieri among their service zones; today's state.
 * - Verified providers per quartiere: verified, active providers with the quartiere among their
 *   zones (one provider counts in every quartiere it serves; the total counts it once).
 * - Served pairs: (quartiere, category) with at least one verified, active provider (coverage gaps).
 * - Newly verified: providers of the area (home quartiere) approved for the first time within the
 *   period (pending or changes requested → verified; a reinstatement or renewal is not new).
 */

export function providersByCategoryStateQuery(db: DB, { quartiereIds }: Pick<IndicatorScope, "quartiereIds">) {
  let query = db
    .selectFrom("providers as p")
    .innerJoin("provider_services as ps", "ps.provider_id", "p.id")
    .select(["ps.category_id", "p.status", (eb) => eb.fn.count<string>("p.id").distinct().as("n")])
    .where("p.status", "<>", "draft")
    .groupBy(["ps.category_id", "p.status"]);
  if (quartiereIds !== null) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom("provider_zones as z").select(sql`1`.as("one")).whereRef("z.provider_id", "=", "p.id").where(inArea("z.quartiere_id", quartiereIds))),
    );
  }
  return query;
}

/** Per quartiere, and (quartiere_id null) the distinct total over the area. */
export function verifiedPerQuartiereQuery(db: DB, { quartiereIds }: Pick<IndicatorScope, "quartiereIds">) {
  return db
    .selectFrom("provider_zones as z")
    .innerJoin("providers as p", "p.id", "z.provider_id")
    .select(["z.quartiere_id", sql<boolean>`grouping(z.quartiere_id) = 1`.as("is_total"), (eb) => eb.fn.count<string>("z.provider_id").distinct().as("n")])
    .where("p.status", "=", "verified")
    .where("p.active", "=", true)
    .where(inArea("z.quartiere_id", quartiereIds))
    .groupBy(sql`grouping sets ((z.quartiere_id), ())`);
}

export function servedPairsQuery(db: DB, { quartiereIds }: Pick<IndicatorScope, "quartiereIds">) {
  return db
    .selectFrom("provider_zones as z")
    .innerJoin("providers as p", "p.id", "z.provider_id")
    .innerJoin("provider_services as ps", "ps.provider_id", "p.id")
    .select(["z.quartiere_id", "ps.category_id"])
    .distinct()
    .where("p.status", "=", "verified")
    .where("p.active", "=", true)
    .where(inArea("z.quartiere_id", quartiereIds));
}

export function newlyVerifiedQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom("provider_status_transitions as t")
    .innerJoin("providers as p", "p.id", "t.provider_id")
    .select((eb) => eb.fn.count<string>("t.provider_id").distinct().as("n"))
    .where("t.to_status", "=", "verified")
    .where("t.from_status", "in", ["pending", "changes_requested"])
    .where(inPeriod("t.created_at", period))
    .where(inArea("p.quartiere_id", quartiereIds));
}

export interface ProviderFigures {
  byCategoryState: Array<{ categoryId: number; status: ProviderStatus; n: number }>;
  verifiedPerQuartiere: Map<number, number>;
  verifiedTotal: number;
  servedPairs: Array<{ quartiereId: number; categoryId: number }>;
  newlyVerified: number;
}

export async function fetchProviderFigures(db: DB, scope: IndicatorScope): Promise<ProviderFigures> {
  const [byCategoryState, verified, served, newly] = await Promise.all([
    providersByCategoryStateQuery(db, scope).execute(),
    verifiedPerQuartiereQuery(db, scope).execute(),
    servedPairsQuery(db, scope).execute(),
    newlyVerifiedQuery(db, scope).executeTakeFirst(),
  ]);
  const verifiedPerQuartiere = new Map<number, number>();
  let verifiedTotal = 0;
  for (const row of verified) {
    if (row.is_total) verifiedTotal = toCount(row.n);
    else verifiedPerQuartiere.set(row.quartiere_id, toCount(row.n));
  }
  return {
    byCategoryState: byCategoryState.map((r) => ({ categoryId: r.category_id, status: r.status, n: toCount(r.n) })),
    verifiedPerQuartiere,
    verifiedTotal,
    servedPairs: served.map((r) => ({ quartiereId: r.quartiere_id, categoryId: r.category_id })),
    newlyVerified: toCount(newly?.n),
  };
}
