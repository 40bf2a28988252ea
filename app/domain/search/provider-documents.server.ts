import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isPublicProvider } from "../providers/public-visibility";
import { ratingSummariesFor } from "../reviews/rating-summary.server";
import { termsForCategories } from "./category-terms";
import { daypartsOf, priceBandFor, uniqueSorted, weekdayCode } from "./provider-document";
import { dayparts, weekdays } from "./search-options";
import type { ProviderDocument } from "./search-types";

type Queryable = Kysely<Database>;

/**
 * Builds the search documents of the given providers from PostgreSQL, the source of truth.
 * Only public providers (verified and active, and for an organisation's worker an accredited
 * organisation) get a document; any other id is absent from the
 * result, which tells the caller to delete it from the index.
 */
export async function loadProviderDocuments(db: Queryable, providerIds: readonly string[]): Promise<ProviderDocument[]> {
  if (providerIds.length === 0) return [];
  const ids = [...providerIds];

  const providers = await db
    .selectFrom("providers as p")
    .innerJoin("quartieri as q", "q.id", "p.quartiere_id")
    .select([
      "p.id", "p.kind", "p.display_name", "p.organisation_name", "p.bio", "p.languages", "p.quartiere_id",
      "q.name as quartiere_name", "p.hourly_price_cents", "p.currency", "p.years_experience", "p.minors_check",
      "p.verified_at", "p.lat", "p.lng",
    ])
    .where("p.id", "in", ids)
    .where(isPublicProvider("p"))
    // A verified provider is complete; these guards only keep a damaged row out of the index.
    .where("p.hourly_price_cents", "is not", null)
    .where("p.lat", "is not", null)
    .where("p.lng", "is not", null)
    .$narrowType<{ quartiere_id: number; hourly_price_cents: number; lat: number; lng: number }>()
    .execute();
  if (providers.length === 0) return [];
  const publicIds = providers.map((p) => p.id);
  const quartiereIds = [...new Set(providers.map((p) => p.quartiere_id))];

  const [services, zones, slots, municipi, ratings] = await Promise.all([
    db
      .selectFrom("provider_services as s")
      .innerJoin("service_categories as c", "c.id", "s.category_id")
      .select(["s.provider_id", "c.slug", "s.hourly_price_cents"])
      .where("s.provider_id", "in", publicIds)
      .orderBy("c.sort_order")
      .execute(),
    db
      .selectFrom("provider_zones as z")
      .innerJoin("quartieri as q", "q.id", "z.quartiere_id")
      .select(["z.provider_id", "q.id", "q.name"])
      .where("z.provider_id", "in", publicIds)
      .execute(),
    db
      .selectFrom("availability_slots")
      .select(["provider_id", "weekday", "start_minute", "end_minute"])
      .where("provider_id", "in", publicIds)
      .execute(),
    db
      .selectFrom("quartiere_municipi")
      .select(["quartiere_id", "municipio_id"])
      .where("quartiere_id", "in", quartiereIds)
      .execute(),
    // Mean of the three aspects over visible reviews (app/domain/reviews/rating.ts).
    ratingSummariesFor(db, publicIds),
  ]);

  const byProvider = <T extends { provider_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.provider_id, [...(map.get(row.provider_id) ?? []), row]);
    return map;
  };
  const servicesOf = byProvider(services);
  const zonesOf = byProvider(zones);
  const slotsOf = byProvider(slots);
  const municipiOf = new Map<number, number[]>();
  for (const row of municipi) municipiOf.set(row.quartiere_id, [...(municipiOf.get(row.quartiere_id) ?? []), row.municipio_id]);

  return providers.map((p): ProviderDocument => {
    const providerServices = servicesOf.get(p.id) ?? [];
    const providerZones = zonesOf.get(p.id) ?? [];
    const providerSlots = slotsOf.get(p.id) ?? [];
    const categories = providerServices.map((s) => s.slug);
    const bio = (p.bio ?? {}) as Record<string, string>;
    return {
      id: p.id,
      kind: p.kind,
      displayName: p.display_name,
      organisationName: p.organisation_name,
      bio,
      bioText: Object.values(bio),
      categories,
      categoryTerms: termsForCategories(categories),
      prices: Object.fromEntries(providerServices.map((s) => [s.slug, s.hourly_price_cents])),
      languages: p.languages,
      quartiereId: p.quartiere_id,
      quartiereName: p.quartiere_name,
      municipioIds: (municipiOf.get(p.quartiere_id) ?? []).sort(),
      zoneIds: providerZones.map((z) => z.id).sort((a, b) => a - b),
      zoneNames: providerZones.map((z) => z.name),
      hourlyPriceCents: p.hourly_price_cents,
      currency: p.currency,
      priceBand: priceBandFor(p.hourly_price_cents),
      availableDays: uniqueSorted(providerSlots.map((s) => weekdayCode(s.weekday)), weekdays),
      dayparts: uniqueSorted(providerSlots.flatMap((s) => daypartsOf(s.start_minute, s.end_minute)), dayparts),
      yearsExperience: p.years_experience,
      minorsCheck: p.minors_check,
      verifiedAt: p.verified_at ? new Date(p.verified_at).toISOString() : null,
      ratingAvg: ratings.get(p.id)?.average ?? null,
      ratingCount: ratings.get(p.id)?.count ?? 0,
      _geo: { lat: p.lat, lng: p.lng },
    };
  });
}
