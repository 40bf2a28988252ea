import type { Daypart, PriceBand, Weekday } from "./search-query.server";
import { weekdays } from "./search-options";

/** Pure helpers that shape a provider's search document. */

export function priceBandFor(cents: number): PriceBand {
  if (cents < 1000) return "under-10";
  if (cents < 1500) return "10-14";
  if (cents < 2000) return "15-19";
  return "20-plus";
}

export function weekdayCode(isoWeekday: number): Weekday {
  const code = weekdays[isoWeekday - 1];
  if (!code) throw new RangeError(`ISO weekday out of range: ${isoWeekday}`);
  return code;
}

const daypartMinutes: Record<Daypart, [number, number]> = {
  morning: [6 * 60, 12 * 60],
  afternoon: [12 * 60, 18 * 60],
  evening: [18 * 60, 24 * 60],
};

/** The parts of the day a slot touches for at least one hour (or all of it, if shorter). */
export function daypartsOf(startMinute: number, endMinute: number): Daypart[] {
  const found: Daypart[] = [];
  for (const [part, [from, to]] of Object.entries(daypartMinutes) as Array<[Daypart, [number, number]]>) {
    const overlap = Math.min(endMinute, to) - Math.max(startMinute, from);
    if (overlap >= Math.min(60, endMinute - startMinute) && overlap > 0) found.push(part);
  }
  return found;
}

export function uniqueSorted<T>(values: T[], order?: readonly T[]): T[] {
  const unique = [...new Set(values)];
  return order ? unique.sort((a, b) => order.indexOf(a) - order.indexOf(b)) : unique.sort();
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres. */
export function haversineMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
