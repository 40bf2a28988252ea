import type { DB } from "../../../db/client";
import type { WeeklySlot } from "./onboarding-schemas";

/**
 * The parts of a provider's profile kept in tables of their own (services, zones, weekly
 * slots), read the same way by the onboarding wizard, the public profile and the operators'
 * review. Each takes `db` or a transaction.
 */

/** The services offered with their hourly price, in catalogue order. */
export async function listProviderServices(db: DB, providerId: string): Promise<Array<{ slug: string; hourlyPriceCents: number }>> {
  const rows = await db
    .selectFrom("provider_services as s")
    .innerJoin("service_categories as c", "c.id", "s.category_id")
    .select(["c.slug", "s.hourly_price_cents"])
    .where("s.provider_id", "=", providerId)
    .orderBy("c.sort_order")
    .execute();
  return rows.map((s) => ({ slug: s.slug, hourlyPriceCents: s.hourly_price_cents }));
}

/** The quartieri served, by name. */
export async function listProviderZones(db: DB, providerId: string): Promise<Array<{ id: number; name: string }>> {
  return db
    .selectFrom("provider_zones as z")
    .innerJoin("quartieri as q", "q.id", "z.quartiere_id")
    .select(["q.id", "q.name"])
    .where("z.provider_id", "=", providerId)
    .orderBy("q.name")
    .execute();
}

/** The weekly time ranges, by weekday then start. */
export async function listWeeklySlots(db: DB, providerId: string): Promise<WeeklySlot[]> {
  const rows = await db
    .selectFrom("availability_slots")
    .select(["weekday", "start_minute", "end_minute"])
    .where("provider_id", "=", providerId)
    .orderBy("weekday")
    .orderBy("start_minute")
    .execute();
  return rows.map((s) => ({ weekday: s.weekday, startMinute: s.start_minute, endMinute: s.end_minute }));
}
