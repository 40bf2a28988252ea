import type { WeeklyWindowJson } from "../../../db/schema";
import { formatMinutes } from "~/i18n/format";

const weekdayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** ISO weekday (1 = Monday) → the key of common:weekdays. */
export function weekdayKey(weekday: number): string {
  return weekdayKeys[(weekday - 1 + 7) % 7];
}

/** Weekly windows in order, as [weekday key, "16:00", "18:00"] for the page to phrase. */
export function windowParts(windows: WeeklyWindowJson[]): Array<{ day: string; from: string; to: string }> {
  return [...windows]
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute)
    .map((w) => ({ day: weekdayKey(w.weekday), from: formatMinutes(w.startMinute), to: formatMinutes(w.endMinute) }));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
/** "12 mar 2025, 18:05" in Milan's time zone, the same on the server and in the browser. */
export function formatDateTime(iso: string, locale: string): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}
