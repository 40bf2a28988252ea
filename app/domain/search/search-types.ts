import type { Daypart, PriceBand, SortOption, Weekday } from "./search-query.server";

/** What is stored in Meilisearch for one public (verified and active) provider. */
export interface ProviderDocument {
  id: string;
  kind: "individual" | "organisation";
  displayName: string;
  organisationName: string | null;
  /** Bio texts in every language the provider wrote, keyed by language code. */
  bio: Record<string, string>;
  bioText: string[];
  categories: string[];
  /** Category names in every locale plus synonyms, so "badante", "carer" and "caregiver" all match. */
  categoryTerms: string[];
  prices: Record<string, number>;
  languages: string[];
  quartiereId: number;
  quartiereName: string;
  municipioIds: number[];
  zoneIds: number[];
  zoneNames: string[];
  hourlyPriceCents: number;
  currency: string;
  priceBand: PriceBand;
  availableDays: Weekday[];
  dayparts: Daypart[];
  yearsExperience: number;
  minorsCheck: boolean;
  verifiedAt: string | null;
  ratingAvg: number | null;
  ratingCount: number;
  _geo: { lat: number; lng: number };
}

export interface ProviderHit {
  id: string;
  kind: ProviderDocument["kind"];
  displayName: string;
  organisationName: string | null;
  bioExcerpt: string;
  /** The language the excerpt is written in (the page's, else Italian, else any). */
  bioLanguage: string;
  categories: string[];
  languages: string[];
  quartiereId: number;
  quartiereName: string;
  hourlyPriceCents: number;
  currency: string;
  availableDays: Weekday[];
  yearsExperience: number;
  minorsCheck: boolean;
  ratingAvg: number | null;
  ratingCount: number;
  /** Metres from the search origin, when the search has one. */
  distanceM: number | null;
}

export type FacetCounts = Record<string, number>;

export interface SearchOrigin {
  lat: number;
  lng: number;
  /** The quartiere whose centroid is the origin, or null for a device location. */
  quartiereId: number | null;
  quartiereName: string | null;
}

export interface SearchResult {
  hits: ProviderHit[];
  total: number;
  page: number;
  totalPages: number;
  sort: SortOption;
  /** The order used when the person does not choose one (distance near a place, else relevance). */
  defaultSort: SortOption;
  origin: SearchOrigin | null;
  facets: {
    category: FacetCounts;
    language: FacetCounts;
    municipio: FacetCounts;
    priceBand: FacetCounts;
    day: FacetCounts;
    daypart: FacetCounts;
  };
  processingTimeMs: number;
  /** "meilisearch" normally; "database" when the index is unreachable and PostgreSQL answered instead. */
  source: "meilisearch" | "database";
}
