/**
 * The choices of the search form, without the schema that checks them (search-query.server.ts): the
 * browser's search page needs these lists, and importing them from the schema's module would ship
 * zod with every search page.
 */

export const languageCodes = ["it", "en", "es", "fr", "ar", "zh", "uk", "ro", "ru", "tl", "pt", "sq", "bn"] as const;
export type LanguageCode = (typeof languageCodes)[number];

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

export const dayparts = ["morning", "afternoon", "evening"] as const;
export type Daypart = (typeof dayparts)[number];

export const priceBands = ["under-10", "10-14", "15-19", "20-plus"] as const;
export type PriceBand = (typeof priceBands)[number];

export const radiusOptionsKm = [1, 2, 5, 10] as const;
export const sortOptions = ["relevance", "distance", "price", "rating"] as const;
export type SortOption = (typeof sortOptions)[number];

export const PAGE_SIZE = 20;
export const MAX_PAGE = 50;
