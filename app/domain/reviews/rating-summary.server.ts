import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { averageFromTotals, type RatingSummary } from "./rating";

/**
 * The rating of each provider over its visible reviews (hidden ones do not count), for the
 * search documents and the public profile. Providers without reviews get { average: null, count: 0 }.
 */
export async function ratingSummariesFor(db: Kysely<Database>, providerIds: readonly string[]): Promise<Map<string, RatingSummary>> {
  const out = new Map<string, RatingSummary>(providerIds.map((id) => [id, { average: null, count: 0 }]));
  if (providerIds.length === 0) return out;
  const rows = await db
    .selectFrom("reviews")
    .select([
      "provider_id",
      sql<string>`sum(rating_reliability + rating_care + rating_communication)`.as("aspect_sum"),
      (eb) => eb.fn.countAll<string>().as("n"),
    ])
    .where("provider_id", "in", [...providerIds])
    .where("hidden_at", "is", null)
    .groupBy("provider_id")
    .execute();
  for (const row of rows) {
    const count = Number(row.n);
    out.set(row.provider_id, { average: averageFromTotals(Number(row.aspect_sum), count), count });
  }
  return out;
}

export async function ratingSummaryOf(db: Kysely<Database>, providerId: string): Promise<RatingSummary> {
  return (await ratingSummariesFor(db, [providerId])).get(providerId)!;
}
