import type { AggregationNeed, HourlyPriceTable, WeeklyWindow } from "../../app/domain/sharing/aggregation/types";

/** Shared builders for the aggregation tests (not a test file itself). */

/** Individual hourly prices in cents, as the caller would take them from verified providers. */
export const prices: HourlyPriceTable = {
  babysitter: 1200,
  doposcuola: 1700,
  badante: 1050,
  colf: 1150,
  "pet-sitter": 1100,
  "assistenza-disabili": 1600,
  "servizio-condominiale": 1300,
};

const ORIGIN = { lat: 45.4642, lng: 9.19 };
const METRES_PER_DEGREE = (Math.PI * 6_371_008.8) / 180;

/** A point this many metres east and north of a fixed spot in central Milan. */
export function at(east: number, north = 0): { lat: number; lng: number } {
  return {
    lat: ORIGIN.lat + north / METRES_PER_DEGREE,
    lng: ORIGIN.lng + east / (METRES_PER_DEGREE * Math.cos((ORIGIN.lat * Math.PI) / 180)),
  };
}

export const hm = (hours: number, minutes = 0) => hours * 60 + minutes;

export function on(weekdays: number[], startMinute: number, endMinute: number): WeeklyWindow[] {
  return weekdays.map((weekday) => ({ weekday, startMinute, endMinute }));
}

export const schoolDays = [1, 2, 3, 4, 5];

/** A babysitting need for one 7-year-old, Mon–Fri 16:30–18:30, at the origin, walking up to 800 m. */
export function need(id: string, overrides: Partial<AggregationNeed> = {}): AggregationNeed {
  return {
    id,
    familyId: `family-${id}`,
    categorySlug: "babysitter",
    quartiereId: 1,
    condominiumId: null,
    ...at(0),
    maxWalkMeters: 800,
    windows: on(schoolDays, hm(16, 30), hm(18, 30)),
    children: [{ ageYears: 7 }],
    persons: 1,
    budgetCentsPerHour: null,
    openToSharing: true,
    ...overrides,
  };
}
