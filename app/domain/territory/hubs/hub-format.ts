import { HUB_TIME_ZONE } from "./rome-time";
import { dateFormat, plainSpaces } from "../../../i18n/format";

/**
 * How the hubs' times read in each interface language, through Intl (so "9:00 AM" in English,
 * "9:00" in Italian, Arabic's own marks): times of day, weekday names and event date ranges,
 * always on Milan's clock. Shared by the pages and the e-mails.
 */
const format = dateFormat;


/** Minutes after midnight as a clock time in the locale (1440, the end of the day, as midnight). */
export function formatTimeOfDay(minutes: number, locale: string): string {
  const m = minutes % 1440;
  return plainSpaces(format(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(Date.UTC(2024, 0, 1, Math.floor(m / 60), m % 60)));
}

/** "9:00–13:00" in the locale. */
export function formatTimeRange(startMinute: number, endMinute: number, locale: string): string {
  return `${formatTimeOfDay(startMinute, locale)}–${formatTimeOfDay(endMinute, locale)}`;
}

/** ISO weekday (1 = Monday) as a name in the locale: "lunedì" / "lun". */
export function weekdayName(weekday: number, locale: string, style: "long" | "short" = "long"): string {
  // 1 January 2024 was a Monday.
  return plainSpaces(format(locale, { weekday: style, timeZone: "UTC" }).format(Date.UTC(2024, 0, weekday)));
}

/** An event's start and end: "giovedì 5 giugno 2025, 10:00–12:30" (one date when on one day). */
export function formatEventRange(startsAt: string, endsAt: string, locale: string): string {
  return plainSpaces(format(locale, { dateStyle: "full", timeStyle: "short", timeZone: HUB_TIME_ZONE }).formatRange(new Date(startsAt), new Date(endsAt)));
}

/** A shorter form for lists: "5 giu 2025, 10:00–12:30". */
export function formatEventRangeShort(startsAt: string, endsAt: string, locale: string): string {
  return plainSpaces(format(locale, { dateStyle: "medium", timeStyle: "short", timeZone: HUB_TIME_ZONE }).formatRange(new Date(startsAt), new Date(endsAt)));
}

/** A moment (a sign-up) as "4 mar 2025, 10:10". */
export function formatMoment(iso: string, locale: string): string {
  return plainSpaces(format(locale, { dateStyle: "medium", timeStyle: "short", timeZone: HUB_TIME_ZONE }).format(new Date(iso)));
}
