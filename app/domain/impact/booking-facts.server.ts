import { sql } from "kysely";
import type { Task } from "graphile-worker";
import type { DB } from "../../../db/client";

/**
 * Keeps impact_booking_facts (db/migrations/0006_impact.ts) fresh: the worker refreshes it every
 * few minutes, concurrently, so the dashboard keeps reading the previous state meanwhile. On a
 * year of 100,000 families a refresh takes about two seconds.
 */

export const IMPACT_FACTS_TASK = "refresh_impact_facts";
/** Every 5 minutes (graphile-worker crontab). */
export const impactFactsCrontab = `*/5 * * * * ${IMPACT_FACTS_TASK}`;

export async function refreshImpactFacts(db: DB): Promise<{ refreshedAt: Date }> {
  await sql`refresh materialized view concurrently impact_booking_facts`.execute(db);
  const { refreshed_at } = await db
    .insertInto("impact_refreshes")
    .values({ view_name: "impact_booking_facts", refreshed_at: new Date() })
    .onConflict((oc) => oc.column("view_name").doUpdateSet({ refreshed_at: new Date() }))
    .returning("refreshed_at")
    .executeTakeFirstOrThrow();
  return { refreshedAt: refreshed_at };
}

/** When the booking figures were last brought up to date (null if never). */
export async function impactFactsRefreshedAt(db: DB): Promise<Date | null> {
  const row = await db.selectFrom("impact_refreshes").select("refreshed_at").where("view_name", "=", "impact_booking_facts").executeTakeFirst();
  return row?.refreshed_at ?? null;
}

export function impactFactsTask(db: DB): Task {
  return async (_payload, helpers) => {
    const started = Date.now();
    await refreshImpactFacts(db);
    helpers.logger.debug("impact facts refreshed", { ms: Date.now() - started });
  };
}
