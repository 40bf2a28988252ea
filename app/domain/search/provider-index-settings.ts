import type { Settings } from "meilisearch";

/** How the provider index is searched, filtered and sorted. Applied on every index we create. */
export const providerIndexSettings: Settings = {
  searchableAttributes: ["displayName", "organisationName", "categoryTerms", "quartiereName", "zoneNames", "bioText"],
  filterableAttributes: [
    "categories",
    "languages",
    "quartiereId",
    "zoneIds",
    "municipioIds",
    "priceBand",
    "hourlyPriceCents",
    "prices",
    "availableDays",
    "dayparts",
    "kind",
    "minorsCheck",
    "_geo",
  ],
  sortableAttributes: ["hourlyPriceCents", "prices", "_geo", "ratingAvg", "yearsExperience"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  pagination: { maxTotalHits: 50_000 },
  faceting: { maxValuesPerFacet: 100 },
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
};
