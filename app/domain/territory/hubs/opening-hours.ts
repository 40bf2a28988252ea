import { z } from "zod";
import { romeWallClock } from "./rome-time";

/**
 * A hub's weekly opening hours: structured windows, never free text. Each window is an ISO
 * weekday (1 = Monday … 7 = Sunday) and a range of minutes after midnight in Milan's local time,
 * end after start; windows on the same day may touch (9–13 and 13–18) but not overlap.
 * Pure: the forms, the domain and the pages share it.
 */
export interface OpeningWindow {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Rows per day in the operator's form. */
export const MAX_WINDOWS_PER_DAY = 3;

export type OpeningHoursProblemCode = "weekday" | "range" | "order" | "overlap" | "tooMany";
export interface OpeningHoursProblem {
  /** Index of the offending window in the list given. */
  index: number;
  code: OpeningHoursProblemCode;
}

/** Everything wrong with a list of windows (an empty list is fine: no published hours). */
export function openingHoursProblems(hours: readonly OpeningWindow[]): OpeningHoursProblem[] {
  const problems: OpeningHoursProblem[] = [];
  const valid: Array<OpeningWindow & { index: number }> = [];
  hours.forEach((w, index) => {
    if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) return void problems.push({ index, code: "weekday" });
    const inRange = (m: number) => Number.isInteger(m) && m >= 0 && m <= 1440;
    if (!inRange(w.startMinute) || !inRange(w.endMinute) || w.startMinute === 1440) return void problems.push({ index, code: "range" });
    if (w.endMinute <= w.startMinute) return void problems.push({ index, code: "order" });
    valid.push({ ...w, index });
  });
  for (const weekday of WEEKDAYS) {
    const day = valid.filter((w) => w.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute || a.index - b.index);
    for (let i = 1; i < day.length; i++) {
      if (day[i]!.startMinute < day[i - 1]!.endMinute) {
        problems.push({ index: Math.max(day[i]!.index, day[i - 1]!.index), code: "overlap" });
      }
    }
    if (day.length > MAX_WINDOWS_PER_DAY) problems.push({ index: day[MAX_WINDOWS_PER_DAY]!.index, code: "tooMany" });
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** Monday first, then by start. */
export function sortOpeningHours(hours: readonly OpeningWindow[]): OpeningWindow[] {
  return [...hours]
    .map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute }))
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}

/** The shape stored in hubs.opening_hours (jsonb), checked on the way in and out. */
export const openingHoursSchema = z
  .array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() }))
  .max(7 * MAX_WINDOWS_PER_DAY)
  .superRefine((hours, ctx) => {
    for (const problem of openingHoursProblems(hours)) {
      ctx.addIssue({ code: "custom", path: [problem.index], message: problem.code });
    }
  })
  .transform(sortOpeningHours);

/** The windows of one weekday, by start. */
export function windowsOn(hours: readonly OpeningWindow[], weekday: number): OpeningWindow[] {
  return hours.filter((w) => w.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute);
}

export type OpeningStatus =
  | { open: true; /** Minutes after midnight when it closes (touching windows count as one). */ closesAt: number }
  | {
      open: false;
      /** When it opens next: 0 = later today, 1 = tomorrow…; null without any opening hours. */
      next: { daysAhead: number; weekday: number; minute: number } | null;
    };

/**
 * Open or closed at this instant, read on Milan's wall clock (so correct on either side of a
 * daylight-saving change), with when it closes or opens next.
 */
export function openingStatus(hours: readonly OpeningWindow[], now: Date): OpeningStatus {
  const { weekday, minute } = romeWallClock(now);
  const today = windowsOn(hours, weekday);
  const current = today.find((w) => w.startMinute <= minute && minute < w.endMinute);
  if (current) {
    let closesAt = current.endMinute;
    for (const w of today) if (w.startMinute === closesAt) closesAt = w.endMinute;
    return { open: true, closesAt };
  }
  for (let daysAhead = 0; daysAhead <= 7; daysAhead++) {
    const day = ((weekday - 1 + daysAhead) % 7) + 1;
    const next = windowsOn(hours, day).find((w) => daysAhead > 0 || w.startMinute > minute);
    if (next) return { open: false, next: { daysAhead, weekday: day, minute: next.startMinute } };
  }
  return { open: false, next: null };
}

export interface OpeningDayGroup {
  /** First and last ISO weekday of a run of consecutive days with the same hours. */
  fromWeekday: number;
  toWeekday: number;
  windows: Array<{ startMinute: number; endMinute: number }>;
}

/**
 * The week in short: consecutive days with identical hours become one line ("Mon–Fri 9–13,
 * 14–18; Sat 9:30–12:30"); closed days are left out.
 */
export function groupOpeningDays(hours: readonly OpeningWindow[]): OpeningDayGroup[] {
  const key = (weekday: number) => windowsOn(hours, weekday).map((w) => `${w.startMinute}-${w.endMinute}`).join(",");
  const groups: OpeningDayGroup[] = [];
  for (const weekday of WEEKDAYS) {
    const k = key(weekday);
    if (k === "") continue;
    const last = groups.at(-1);
    if (last && last.toWeekday === weekday - 1 && key(last.fromWeekday) === k) last.toWeekday = weekday;
    else groups.push({ fromWeekday: weekday, toWeekday: weekday, windows: windowsOn(hours, weekday).map(({ startMinute, endMinute }) => ({ startMinute, endMinute })) });
  }
  return groups;
}
