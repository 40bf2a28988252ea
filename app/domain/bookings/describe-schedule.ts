import type { TFunction } from "i18next";
import { formatList, formatMinutes } from "../../i18n/format";
import { kindOf, type ScheduleConflict, type TimeRange, type WeeklyPattern } from "./schedule";

/**
 * A booking's time and its conflicts in words, in one language: shared by the pages and the
 * e-mails (which pass a translator of the recipient's language). `t` must resolve keys of the
 * "booking" and "common" namespaces (they are written with their namespace).
 */

const weekdayCodes = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const weekdayCode = (isoWeekday: number) => weekdayCodes[isoWeekday - 1] ?? "mon";

export function weekdayName(t: TFunction, isoWeekday: number): string {
  return t(`common:weekdays.${weekdayCode(isoWeekday)}`);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string, withWeekday: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withWeekday}`;
  let format = dayFormats.get(key);
  if (!format) {
    // A calendar day is read at UTC midnight and shown in UTC: no time zone can move it.
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "UTC",
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withWeekday ? { weekday: "long" } : {}),
    });
    dayFormats.set(key, format);
  }
  return format;
}

/** 'YYYY-MM-DD' → "1 settembre 2025" (with the weekday: "lunedì 1 settembre 2025"). */
export function formatDay(date: string, locale: string, options: { weekday?: boolean } = {}): string {
  return dayFormat(locale, options.weekday ?? false).format(new Date(`${date}T00:00:00Z`));
}

export function formatRange(range: TimeRange | { startMinute: number; endMinute: number }): string {
  const [start, end] = "start" in range ? [range.start, range.end] : [range.startMinute, range.endMinute];
  return `${formatMinutes(start)}–${formatMinutes(end)}`;
}

/** [1,2,3,4,5] → "lunedì–venerdì"; [1,3] → "lunedì e mercoledì": runs of three or more days become a range. */
export function describeWeekdays(t: TFunction, weekdays: readonly number[], locale: string): string {
  const days = [...new Set(weekdays)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    if (j - i >= 2) {
      parts.push(t("booking:schedule.dayRange", { from: weekdayName(t, days[i]!), to: weekdayName(t, days[j]!) }));
      i = j + 1;
    } else {
      parts.push(weekdayName(t, days[i]!));
      i++;
    }
  }
  return formatList(parts, locale);
}

/** "lunedì 1 settembre 2025, 16:30–18:30" or "ogni settimana (lunedì–venerdì), 16:30–18:30, dal 1 settembre 2025 al 30 giugno 2026". */
export function describeSchedule(t: TFunction, pattern: WeeklyPattern, locale: string): string {
  const times = formatRange(pattern);
  if (kindOf(pattern) === "one_off") {
    return t("booking:schedule.oneOff", { date: formatDay(pattern.firstDate, locale, { weekday: true }), times });
  }
  return t("booking:schedule.recurring", {
    days: describeWeekdays(t, pattern.weekdays, locale),
    times,
    from: formatDay(pattern.firstDate, locale),
    to: formatDay(pattern.lastDate, locale),
  });
}

/** "martedì 16:30–18:30 è fuori dagli orari di chi offre il servizio (disponibile 9:00–13:00)." */
export function describeConflict(t: TFunction, conflict: ScheduleConflict, locale: string): string {
  const day = weekdayName(t, conflict.weekday);
  const times = formatRange(conflict);
  if (conflict.kind === "outside_availability") {
    if (conflict.available.length === 0) return t("booking:conflicts.dayUnavailable", { day, times });
    return t("booking:conflicts.outsideHours", { day, times, available: formatList(conflict.available.map(formatRange), locale) });
  }
  return t("booking:conflicts.alreadyBooked", {
    day,
    times,
    busy: formatList(conflict.busy.map(formatRange), locale),
    date: formatDay(conflict.firstClash, locale),
    count: conflict.clashCount,
  });
}
