import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { Database } from "../../../db/schema";
import { isPublicProvider } from "../providers/public-visibility";
import { categoryTerms } from "./category-terms";
import { effectiveSort } from "./build-search-request";
import { uniqueSorted, weekdayCode } from "./provider-document";
import { bioExcerpt } from "./bio-excerpt";
import { PAGE_SIZE, weekdays } from "./search-options";
import type { SearchQuery } from "./search-query.server";
import type { ProviderHit, SearchOrigin, SearchResult } from "./search-types";

/**
 * Search answered by PostgreSQL when Meilisearch cannot be reached: the same filters and
 * public-only rule, plain substring matching instead of typo tolerance, no facet counts. Slower
 * and less precise, but a family still finds help while the index is down.
 */

const isoWeekday = (day: string) => weekdays.indexOf(day as (typeof weekdays)[number]) + 1;
const daypartRange: Record<string, [number, number]> = { morning: [360, 720], afternoon: [720, 1080], evening: [1080, 1440] };
const bandRange: Record<string, [number, number]> = { "under-10": [0, 999], "10-14": [1000, 1499], "15-19": [1500, 1999], "20-plus": [2000, 10_000_000] };

function categoriesMatching(text: string): string[] {
  const needle = text.toLowerCase();
  return Object.entries(categoryTerms)
    .filter(([slug, terms]) => [slug, ...terms].some((term) => term.includes(needle) || needle.includes(term)))
    .map(([slug]) => slug);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchProvidersInDatabase(
  db: Kysely<Database>,
  query: SearchQuery,
  origin: SearchOrigin | null,
  language: string,
): Promise<Omit<SearchResult, "processingTimeMs">> {
  const sort = effectiveSort(query, origin);
  const distance = origin
    ? sql<number>`6371008.8 * 2 * asin(least(1, sqrt(
        power(sin(radians(p.lat - ${origin.lat}) / 2), 2) +
        cos(radians(${origin.lat})) * cos(radians(p.lat)) * power(sin(radians(p.lng - ${origin.lng}) / 2), 2))))`
    : sql<number>`null::float8`;
  const categoryPrice = query.category
    ? sql<number>`(select s.hourly_price_cents from provider_services s join service_categories c on c.id = s.category_id
                   where s.provider_id = p.id and c.slug = ${query.category})`
    : sql<number>`p.hourly_price_cents`;

  let rows = db
    .selectFrom("providers as p")
    .innerJoin("quartieri as q", "q.id", "p.quartiere_id")
    .where(isPublicProvider("p"))
    .where("p.lat", "is not", null)
    .where("p.hourly_price_cents", "is not", null);

  const hasCategory = (slugs: string[]): Expression<SqlBool> =>
    sql<SqlBool>`exists (select 1 from provider_services s join service_categories c on c.id = s.category_id
                 where s.provider_id = p.id and c.slug = any(${slugs}::text[]))`;

  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    const slugs = categoriesMatching(query.q);
    rows = rows.where((eb) =>
      eb.or([
        eb("p.display_name", "ilike", pattern),
        eb("p.organisation_name", "ilike", pattern),
        eb(sql`p.bio::text`, "ilike", pattern),
        eb("q.name", "ilike", pattern),
        ...(slugs.length > 0 ? [hasCategory(slugs)] : []),
      ]),
    );
  }
  if (query.category) rows = rows.where(hasCategory([query.category]));
  if (query.lang.length > 0) rows = rows.where(sql<SqlBool>`p.languages && ${query.lang}::text[]`);
  for (const day of query.day) {
    rows = rows.where(sql<SqlBool>`exists (select 1 from availability_slots a where a.provider_id = p.id and a.weekday = ${isoWeekday(day)})`);
  }
  if (query.daypart) {
    const [from, to] = daypartRange[query.daypart]!;
    rows = rows.where(
      sql<SqlBool>`exists (select 1 from availability_slots a where a.provider_id = p.id
                   and least(a.end_minute, ${to}) - greatest(a.start_minute, ${from}) >= least(60, a.end_minute - a.start_minute))`,
    );
  }
  if (query.priceBand.length > 0) {
    rows = rows.where((eb) =>
      eb.or(query.priceBand.map((band) => eb.between("p.hourly_price_cents", bandRange[band]![0], bandRange[band]![1]))),
    );
  }
  if (query.maxPrice) rows = rows.where(sql<SqlBool>`${categoryPrice} <= ${query.maxPrice * 100}`);
  if (query.kind) rows = rows.where("p.kind", "=", query.kind);
  if (query.minorsCheck) rows = rows.where("p.minors_check", "=", true);
  if (query.municipio) {
    rows = rows.where(sql<SqlBool>`exists (select 1 from quartiere_municipi m where m.quartiere_id = p.quartiere_id and m.municipio_id = ${query.municipio})`);
  }
  if (origin && query.radius) {
    rows = rows.where(sql<SqlBool>`${distance} <= ${query.radius * 1000}`);
  } else if (query.quartiere) {
    rows = rows.where(sql<SqlBool>`exists (select 1 from provider_zones z where z.provider_id = p.id and z.quartiere_id = ${query.quartiere})`);
  }

  const orderBy =
    sort === "distance" && origin ? sql`${distance} asc` : sort === "price" ? sql`${categoryPrice} asc` : sql`p.display_name asc`;
  const found = await rows
    .select([
      "p.id", "p.kind", "p.display_name", "p.organisation_name", "p.bio", "p.languages", "p.quartiere_id",
      "q.name as quartiere_name", "p.currency", "p.years_experience", "p.minors_check",
      categoryPrice.as("price_cents"),
      distance.as("distance_m"),
      sql<string>`count(*) over ()`.as("total"),
      sql<string[]>`array(select c.slug from provider_services s join service_categories c on c.id = s.category_id
                    where s.provider_id = p.id order by c.sort_order)`.as("categories"),
      sql<Array<{ weekday: number; start_minute: number; end_minute: number }>>`coalesce((select json_agg(json_build_object(
        'weekday', a.weekday, 'start_minute', a.start_minute, 'end_minute', a.end_minute)) from availability_slots a
        where a.provider_id = p.id), '[]'::json)`.as("slots"),
    ])
    .orderBy(orderBy)
    .orderBy("p.id")
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE)
    .execute();

  const total = found.length > 0 ? Number(found[0]!.total) : 0;
  const hits: ProviderHit[] = found.map((row) => {
    const intro = bioExcerpt(row.bio as Record<string, string>, language);
    return {
      id: row.id,
      kind: row.kind,
      displayName: row.display_name,
      organisationName: row.organisation_name,
      bioExcerpt: intro.text,
      bioLanguage: intro.language,
      categories: row.categories,
      languages: row.languages,
      quartiereId: row.quartiere_id!,
      quartiereName: row.quartiere_name,
      hourlyPriceCents: Number(row.price_cents),
      currency: row.currency,
      availableDays: uniqueSorted(row.slots.map((s) => weekdayCode(s.weekday)), weekdays),
      yearsExperience: row.years_experience,
      minorsCheck: row.minors_check,
      ratingAvg: null,
      ratingCount: 0,
      distanceM: row.distance_m === null ? null : Math.round(Number(row.distance_m)),
    };
  });
  const empty = {};
  return {
    hits,
    total,
    page: query.page,
    totalPages: Math.ceil(total / PAGE_SIZE),
    sort,
    defaultSort: effectiveSort({ ...query, sort: undefined }, origin),
    origin,
    facets: { category: empty, language: empty, municipio: empty, priceBand: empty, day: empty, daypart: empty },
    source: "database",
  };
}
