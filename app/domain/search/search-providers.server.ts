import type { Hits, MultiSearchResponse, SearchResponse } from "meilisearch";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { listCategories } from "../catalogue/catalogue.server";
import { quartiereCentroids } from "../territory/quartiere-origins.server";
import { buildSearchPlan, effectiveSort, facetAttributes, type FacetName } from "./build-search-request";
import { haversineMetres } from "./provider-document";
import { searchProvidersInDatabase } from "./database-search.server";
import type { SearchResultCache } from "./search-result-cache";
import { TtlCache } from "./ttl-cache";
import { bioExcerpt } from "./bio-excerpt";
import type { SearchClient } from "./search-client.server";
import { PAGE_SIZE } from "./search-options";
import type { SearchFieldErrors, SearchQuery } from "./search-query.server";
import type { FacetCounts, ProviderDocument, ProviderHit, SearchOrigin, SearchResult } from "./search-types";

/**
 * Facet counts ("Inglese (60)") cost Meilisearch more than the results themselves, yet depend only
 * on the words and filters, not on page or order, and are advisory: a count a few seconds old
 * misleads nobody. So each process keeps them for 15 s.
 */
const facetCountCache = new TtlCache<SearchResult["facets"]>({ ttlMs: 15_000, maxEntries: 5_000 });

/** One page of results as Meilisearch gave it (what the result cache keeps). */
export interface ResultPage {
  hits: ProviderDocument[];
  total: number;
  processingTimeMs: number;
}

export interface SearchDeps {
  db: Kysely<Database>;
  search: SearchClient;
  /** The web process's result cache, emptied whenever the index changes (none: always ask). */
  resultCache?: SearchResultCache<ResultPage>;
}

async function resolveOrigin(db: Kysely<Database>, query: SearchQuery): Promise<{ origin: SearchOrigin | null; errors: SearchFieldErrors }> {
  if (query.lat !== undefined && query.lon !== undefined) {
    return { origin: { lat: query.lat, lng: query.lon, quartiereId: null, quartiereName: null }, errors: {} };
  }
  if (query.quartiere === undefined) return { origin: null, errors: {} };
  const centroid = (await quartiereCentroids(db)).get(query.quartiere);
  if (!centroid) return { origin: null, errors: { quartiere: "errors.quartiere" } };
  return { origin: { lat: centroid.lat, lng: centroid.lng, quartiereId: centroid.id, quartiereName: centroid.name }, errors: {} };
}


function toHit(doc: ProviderDocument, origin: SearchOrigin | null, query: SearchQuery, language: string): ProviderHit {
  const intro = bioExcerpt(doc.bio, language);
  return {
    id: doc.id,
    kind: doc.kind,
    displayName: doc.displayName,
    organisationName: doc.organisationName,
    bioExcerpt: intro.text,
    bioLanguage: intro.language,
    categories: doc.categories,
    languages: doc.languages,
    quartiereId: doc.quartiereId,
    quartiereName: doc.quartiereName,
    hourlyPriceCents: (query.category && doc.prices?.[query.category]) || doc.hourlyPriceCents,
    currency: doc.currency,
    availableDays: doc.availableDays,
    yearsExperience: doc.yearsExperience,
    minorsCheck: doc.minorsCheck,
    ratingAvg: doc.ratingAvg,
    ratingCount: doc.ratingCount,
    distanceM: origin ? Math.round(haversineMetres(origin, doc._geo)) : null,
  };
}

/** A well-formed slug that is not in the catalogue finds nothing: say so next to the field. */
async function checkCategory(db: Kysely<Database>, query: SearchQuery): Promise<SearchFieldErrors> {
  if (query.category === undefined) return {};
  const known = (await listCategories(db)).some((category) => category.slug === query.category);
  return known ? {} : { category: "errors.category" };
}

function facetDistribution(response: SearchResponse, attribute: string): FacetCounts {
  return response.facetDistribution?.[attribute] ?? {};
}

/**
 * Searches public providers. Only verified, active providers are ever in the index, so nothing
 * here can reveal a pending or suspended one.
 */
export async function searchProviders(
  deps: SearchDeps,
  query: SearchQuery,
  options: { language?: string } = {},
): Promise<SearchResult & { fieldErrors: SearchFieldErrors }> {
  const [{ origin, errors: originErrors }, categoryErrors] = await Promise.all([
    resolveOrigin(deps.db, query),
    checkCategory(deps.db, query),
  ]);
  const errors = { ...originErrors, ...categoryErrors };
  const effectiveQuery = errors.quartiere ? { ...query, quartiere: undefined } : query;
  const plan = buildSearchPlan(effectiveQuery, origin);
  const indexUid = deps.search.providersIndex;
  // Counts depend on the words and filters only (not on page or order).
  const countsKey = JSON.stringify([indexUid, plan.main.q, plan.main.filter]);
  const resultsKey = JSON.stringify([indexUid, plan.main.q, plan.main.filter, plan.main.sort, plan.main.offset, plan.main.limit]);
  let facets = facetCountCache.get(countsKey);
  let resultPage = deps.resultCache?.get(resultsKey);
  if (!resultPage || !facets) {
    const ticket = deps.resultCache?.ticket() ?? 0;
    let results: MultiSearchResponse<Record<string, unknown>>["results"];
    try {
      ({ results } = (await deps.search.client.multiSearch({
        queries: [
          // The page of results (with the counts of the main facets if they are needed too), or
          // only the counts when the page is known.
          resultPage ? { indexUid, ...plan.main, limit: 0, offset: 0, sort: undefined, attributesToRetrieve: [] } : { indexUid, ...plan.main, facets: facets ? [] : plan.main.facets },
          ...(facets ? [] : plan.disjunctive.map((d) => ({ indexUid, ...d.params }))),
        ],
      })) as MultiSearchResponse<Record<string, unknown>>);
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const started = performance.now();
      const fallback = await searchProvidersInDatabase(deps.db, effectiveQuery, origin, options.language ?? "it");
      return { ...fallback, processingTimeMs: Math.round(performance.now() - started), fieldErrors: errors };
    }
    const first = results[0] as unknown as SearchResponse<ProviderDocument>;
    if (!resultPage) {
      resultPage = { hits: first.hits as Hits<ProviderDocument>, total: first.estimatedTotalHits ?? first.totalHits ?? 0, processingTimeMs: first.processingTimeMs };
      deps.resultCache?.store(resultsKey, resultPage, ticket);
    }
    if (!facets) {
      const counted = {} as SearchResult["facets"];
      for (const [name, attribute] of Object.entries(facetAttributes) as Array<[FacetName, string]>) {
        counted[name] = facetDistribution(first as SearchResponse, attribute);
      }
      plan.disjunctive.forEach((d, i) => {
        counted[d.facet] = facetDistribution(results[i + 1] as unknown as SearchResponse, facetAttributes[d.facet]);
      });
      facetCountCache.set(countsKey, counted);
      facets = counted;
    }
  }

  const total = resultPage.total;
  return {
    hits: resultPage.hits.map((doc) => toHit(doc, origin, effectiveQuery, options.language ?? "it")),
    total,
    page: effectiveQuery.page,
    totalPages: Math.ceil(total / PAGE_SIZE),
    sort: plan.sort,
    defaultSort: effectiveSort({ ...effectiveQuery, sort: undefined }, origin),
    origin,
    facets,
    processingTimeMs: resultPage.processingTimeMs,
    source: "meilisearch",
    fieldErrors: errors,
  };
}

/** Meilisearch down, unreachable, timing out or missing the index: the database answers instead. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "MeilisearchRequestError" || error.name === "MeilisearchRequestTimeOutError") return true;
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === "index_not_found";
}
