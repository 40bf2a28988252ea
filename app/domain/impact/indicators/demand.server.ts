import type { DB } from "../../../../db/client";
import { inArea, inPeriod, toCount, type Cell, type IndicatorScope } from "./sql";

/**
 * Demand: needs families posted that are still open, and searches that found too little.
 *
 * - Open needs: needs posted within the period that are still open today (not grouped,
 *   fulfilled or withdrawn), by the need's quartiere and category.
 * - Unmet searches: searches that found fewer than UNMET_RESULT_THRESHOLD providers within the
 *   period, recorded anonymously (app/domain/impact/demand-recorder.server.ts), by the searched
 *   quartiere and category (either may be missing: a search without them).
 */

/** A search with fewer results than this counts as unmet demand. */
export const UNMET_RESULT_THRESHOLD = 3;

export function openNeedsQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom("needs")
    .select(["quartiere_id", "category_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("status", "=", "open")
    .where(inPeriod("needs.created_at", period))
    .where(inArea("needs.quartiere_id", quartiereIds))
    .groupBy(["quartiere_id", "category_id"]);
}

export function unmetSearchesQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom("search_demand_events")
    .select(["quartiere_id", "category_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("result_count", "<", UNMET_RESULT_THRESHOLD)
    .where(inPeriod("search_demand_events.created_at", period))
    .where(inArea("search_demand_events.quartiere_id", quartiereIds))
    .groupBy(["quartiere_id", "category_id"]);
}

export async function fetchDemand(db: DB, scope: IndicatorScope): Promise<{ openNeeds: Cell[]; unmetSearches: Cell[] }> {
  const [needs, searches] = await Promise.all([openNeedsQuery(db, scope).execute(), unmetSearchesQuery(db, scope).execute()]);
  const cells = (rows: Array<{ quartiere_id: number | null; category_id: number | null; n: string }>): Cell[] =>
    rows.map((r) => ({ quartiereId: r.quartiere_id, categoryId: r.category_id, n: toCount(r.n) }));
  return { openNeeds: cells(needs), unmetSearches: cells(searches) };
}
