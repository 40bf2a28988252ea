
/**
 * Small pure helpers for search URLs: links that drop one filter, change the page or the
 * radius, always keeping everything else the person chose (empty values are left out).
 */

/** Query keys that narrow the results (sort and page do not). */
export const filterKeys = [
  "q",
  "category",
  "quartiere",
  "radius",
  "municipio",
  "lang",
  "day",
  "daypart",
  "priceBand",
  "maxPrice",
  "kind",
  "minorsCheck",
] as const;
export type FilterKey = (typeof filterKeys)[number];

/** The search parameters without empty values and without the interface-language switch (?lng=). */
export function cleanSearchParams(params: URLSearchParams): URLSearchParams {
  const clean = new URLSearchParams();
  for (const [key, value] of params) {
    if (value === "") continue;
    if (key === "lng") continue;
    clean.append(key, value);
  }
  return clean;
}

export function searchHref(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}

/** The same search without one filter value (or the whole key), back on page 1. */
export function hrefWithout(params: URLSearchParams, key: FilterKey, value?: string): string {
  const next = cleanSearchParams(params);
  if (value === undefined) next.delete(key);
  else {
    const kept = next.getAll(key).filter((v) => v !== value);
    next.delete(key);
    for (const v of kept) next.append(key, v);
  }
  // A distance only means something from a quartiere.
  if (key === "quartiere") next.delete("radius");
  next.delete("page");
  return searchHref(next);
}

export function hrefWith(params: URLSearchParams, key: string, value: string): string {
  const next = cleanSearchParams(params);
  next.set(key, value);
  if (key !== "page") next.delete("page");
  return searchHref(next);
}

export function hrefForPage(params: URLSearchParams, page: number): string {
  const next = cleanSearchParams(params);
  if (page <= 1) next.delete("page");
  else next.set("page", String(page));
  return searchHref(next);
}

/** Every active filter value, in form order, as [key, value] pairs. */
export function activeFilterEntries(params: URLSearchParams): Array<[FilterKey, string]> {
  const clean = cleanSearchParams(params);
  const entries: Array<[FilterKey, string]> = [];
  for (const key of filterKeys) {
    for (const value of clean.getAll(key)) entries.push([key, value]);
  }
  return entries;
}

/** A provider's profile, carrying the results query so its "back to results" returns here. */
export function profileHref(params: URLSearchParams, providerId: string): string {
  const back = cleanSearchParams(params).toString();
  return back ? `/providers/${providerId}?back=${encodeURIComponent(back)}` : `/providers/${providerId}`;
}
