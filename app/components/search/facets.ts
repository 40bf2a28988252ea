import { useTranslation } from "react-i18next";
import type { SearchResult } from "~/domain/search/search-types";

export type FacetGroup = keyof SearchResult["facets"];
/** How many results an option would give, or undefined when unknown. */
export type FacetCount = (group: FacetGroup, key: string) => number | undefined;

/** Counts come from Meilisearch; the database fallback has none, and a "(0)" would mislead. */
export function facetCounter(result: Pick<SearchResult, "source" | "facets">): FacetCount {
  return (group, key) => (result.source === "database" ? undefined : (result.facets[group]?.[key] ?? 0));
}

/** An option's label with its count beside it, when the count is known: "Babysitter (12)". */
export function useFacetLabel(): (label: string, count: number | undefined) => string {
  const { t } = useTranslation("search");
  return (label, count) => (count === undefined ? label : t("form.facetOption", { label, count }));
}
