import { z } from "zod";
import { dayparts, languageCodes, MAX_PAGE, priceBands, radiusOptionsKm, sortOptions, weekdays } from "./search-options";

/**
 * The one schema for the search form and the search loader. Parsing never throws on what a
 * person can type: values that do not fit are reported as field errors (message keys of the
 * "search" namespace) and dropped, so the rest of the query still runs.
 */

export { dayparts, languageCodes, MAX_PAGE, PAGE_SIZE, priceBands, radiusOptionsKm, sortOptions, weekdays } from "./search-options";
export type { Daypart, LanguageCode, PriceBand, SortOption, Weekday } from "./search-options";

const asArray = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);
const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const searchQuerySchema = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(200, "errors.qTooLong").optional()),
  category: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9-]{1,40}$/, "errors.category").optional()),
  quartiere: z.preprocess(emptyToUndefined, z.coerce.number("errors.quartiere").int("errors.quartiere").min(1, "errors.quartiere").max(999, "errors.quartiere").optional()),
  municipio: z.preprocess(emptyToUndefined, z.coerce.number("errors.municipio").int("errors.municipio").min(1, "errors.municipio").max(9, "errors.municipio").optional()),
  lang: z.preprocess(asArray, z.array(z.enum(languageCodes, "errors.lang")).max(languageCodes.length)),
  day: z.preprocess(asArray, z.array(z.enum(weekdays, "errors.day")).max(7)),
  daypart: z.preprocess(emptyToUndefined, z.enum(dayparts, "errors.daypart").optional()),
  priceBand: z.preprocess(asArray, z.array(z.enum(priceBands, "errors.priceBand")).max(priceBands.length)),
  maxPrice: z.preprocess(emptyToUndefined, z.coerce.number("errors.maxPrice").int("errors.maxPrice").min(1, "errors.maxPrice").max(500, "errors.maxPrice").optional()),
  radius: z.preprocess(emptyToUndefined, z.coerce.number("errors.radius").refine((km) => (radiusOptionsKm as readonly number[]).includes(km), "errors.radius").optional()),
  lat: z.preprocess(emptyToUndefined, z.coerce.number("errors.location").min(45.3, "errors.location").max(45.65, "errors.location").optional()),
  /** Longitude of a device location ("lon", because "lng" switches the interface language). */
  lon: z.preprocess(emptyToUndefined, z.coerce.number("errors.location").min(9.0, "errors.location").max(9.35, "errors.location").optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(["individual", "organisation"], "errors.kind").optional()),
  minorsCheck: z.preprocess(emptyToUndefined, z.enum(["1"], "errors.minorsCheck").optional()),
  sort: z.preprocess(emptyToUndefined, z.enum(sortOptions, "errors.sort").optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number("errors.page").int("errors.page").min(1, "errors.page").max(MAX_PAGE, "errors.page").default(1)),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchQueryField = keyof SearchQuery;
export type SearchFieldErrors = Partial<Record<SearchQueryField, string>>;

const multiValued = new Set<SearchQueryField>(["lang", "day", "priceBand"]);

/** Reads URLSearchParams into the raw shape the schema expects (repeated keys become arrays). */
export function searchParamsToRaw(params: URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(searchQuerySchema.shape) as SearchQueryField[]) {
    raw[key] = multiValued.has(key) ? params.getAll(key) : params.get(key) ?? undefined;
  }
  return raw;
}

/**
 * Parses what the person asked for. Each invalid field is dropped and named in `errors`
 * (a message key), so the page can show the query, the errors and still some results.
 */
export function parseSearchQuery(params: URLSearchParams): { query: SearchQuery; errors: SearchFieldErrors } {
  const raw = searchParamsToRaw(params);
  const errors: SearchFieldErrors = {};
  for (let attempt = 0; attempt <= Object.keys(raw).length; attempt++) {
    const result = searchQuerySchema.safeParse(raw);
    if (result.success) return { query: result.data, errors };
    for (const issue of result.error.issues) {
      const field = issue.path[0] as SearchQueryField;
      errors[field] ??= issue.message;
      raw[field] = undefined;
    }
  }
  return { query: searchQuerySchema.parse({}), errors };
}

export function hasOrigin(query: SearchQuery): boolean {
  return (query.lat !== undefined && query.lon !== undefined) || query.quartiere !== undefined;
}
