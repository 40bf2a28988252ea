import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { HourlyPriceTable } from "./aggregation/types";

/**
 * What one family would typically pay alone per hour, by category slug: the median of the
 * hourly prices verified, active providers ask for that category (integer cents). One query.
 * Categories nobody offers yet have no price, and the engine leaves their needs out.
 */
export async function loadHourlyPrices(db: Kysely<Database>): Promise<Record<string, number>> {
  const { rows } = await sql<{ slug: string; median: number | string | null }>`
    select c.slug, percentile_cont(0.5) within group (order by ps.hourly_price_cents) as median
    from provider_services ps
    join providers p on p.id = ps.provider_id
    join service_categories c on c.id = ps.category_id
    where p.status = 'verified' and p.active and ps.hourly_price_cents > 0
    group by c.slug`.execute(db);
  const prices: Record<string, number> = {};
  for (const row of rows) {
    const median = Math.round(Number(row.median));
    if (Number.isSafeInteger(median) && median > 0) prices[row.slug] = median;
  }
  return prices;
}

/**
 * Prices for recomputing an existing group's split: today's medians, with the group's own
 * individual price for its service category (the figure the families were shown), and that
 * price for any member category without a median.
 */
export async function groupPriceTable(
  db: Kysely<Database>,
  group: { serviceSlug: string; individualHourlyCents: number },
  memberSlugs: readonly string[],
): Promise<HourlyPriceTable> {
  const prices: Record<string, number> = { ...(await loadHourlyPrices(db)) };
  for (const slug of memberSlugs) prices[slug] ??= group.individualHourlyCents;
  if (group.individualHourlyCents > 0) prices[group.serviceSlug] = group.individualHourlyCents;
  return prices;
}
