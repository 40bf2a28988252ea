import type { DB } from "../../db/client";
import type { ProviderStatus } from "../../db/schema";

export interface ProviderFixture {
  displayName: string;
  kind?: "individual" | "organisation";
  status?: ProviderStatus;
  active?: boolean;
  services?: Array<{ slug: string; cents: number }>;
  languages?: string[];
  quartiereId?: number;
  lat?: number;
  lng?: number;
  zones?: number[];
  /** [isoWeekday, "HH:MM", "HH:MM"] */
  slots?: Array<[number, string, string]>;
  minorsCheck?: boolean;
  bio?: Record<string, string>;
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
};

/** Inserts one provider with its services, zones and weekly slots, exactly as described. */
export async function insertProvider(db: DB, fixture: ProviderFixture): Promise<string> {
  const services = fixture.services ?? [{ slug: "babysitter", cents: 1200 }];
  const quartiereId = fixture.quartiereId ?? 1;
  const centroid = await db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", quartiereId).executeTakeFirstOrThrow();
  const status = fixture.status ?? "verified";
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("providers")
      .values({
        kind: fixture.kind ?? "individual",
        display_name: fixture.displayName,
        organisation_name: null,
        status,
        active: fixture.active ?? true,
        languages: fixture.languages ?? ["it"],
        hourly_price_cents: Math.min(...services.map((s) => s.cents)),
        quartiere_id: quartiereId,
        lat: fixture.lat ?? centroid.lat,
        lng: fixture.lng ?? centroid.lng,
        service_radius_m: 2000,
        bio: JSON.stringify(fixture.bio ?? { it: `${fixture.displayName}, servizi a Milano.` }),
        years_experience: 5,
        minors_check: fixture.minorsCheck ?? false,
        photo_url: null,
        verified_at: status === "verified" ? new Date() : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const categories = await trx.selectFrom("service_categories").select(["id", "slug"]).execute();
    const categoryId = (slug: string) => {
      const found = categories.find((c) => c.slug === slug);
      if (!found) throw new Error(`unknown category ${slug}`);
      return found.id;
    };
    await trx
      .insertInto("provider_services")
      .values(services.map((s) => ({ provider_id: id, category_id: categoryId(s.slug), hourly_price_cents: s.cents })))
      .execute();
    const zones = [...new Set([quartiereId, ...(fixture.zones ?? [])])];
    await trx.insertInto("provider_zones").values(zones.map((q) => ({ provider_id: id, quartiere_id: q }))).execute();
    const slots = fixture.slots ?? [[1, "16:00", "19:00"]];
    if (slots.length > 0) {
      await trx
        .insertInto("availability_slots")
        .values(slots.map(([weekday, from, to]) => ({ provider_id: id, weekday, start_minute: minutes(from), end_minute: minutes(to) })))
        .execute();
    }
    return id;
  });
}
