import type { ScheduleSlot, WeeklyWindow } from "./types";

const MINUTES_PER_DAY = 1440;

function byWeekdayThenStart(a: WeeklyWindow, b: WeeklyWindow): number {
  return a.weekday - b.weekday || a.startMinute - b.startMinute || a.endMinute - b.endMinute;
}

/**
 * One need's windows sorted by weekday and start, with overlapping or touching windows of the same
 * day merged (16–17 and 17–18 of one family is one 16–18 block). Windows outside a day are clamped;
 * empty ones and bad weekdays are dropped.
 */
export function normalizeWindows(windows: readonly WeeklyWindow[]): WeeklyWindow[] {
  const valid = windows
    .filter((w) => Number.isInteger(w.weekday) && w.weekday >= 1 && w.weekday <= 7)
    .map((w) => ({
      weekday: w.weekday,
      startMinute: Math.max(0, Math.round(w.startMinute)),
      endMinute: Math.min(MINUTES_PER_DAY, Math.round(w.endMinute)),
    }))
    .filter((w) => w.endMinute > w.startMinute)
    .sort(byWeekdayThenStart);
  const merged: WeeklyWindow[] = [];
  for (const w of valid) {
    const last = merged[merged.length - 1];
    if (last && last.weekday === w.weekday && w.startMinute <= last.endMinute) last.endMinute = Math.max(last.endMinute, w.endMinute);
    else merged.push(w);
  }
  return merged;
}

/**
 * The common time of two normalized window lists, keeping only pieces of at least `minMinutes`.
 * Windows that only touch share nothing. Dropping short pieces early is safe: intersecting with
 * further members can only shorten a piece, never lengthen it.
 */
export function intersectWindows(a: readonly WeeklyWindow[], b: readonly WeeklyWindow[], minMinutes: number): WeeklyWindow[] {
  const shared: WeeklyWindow[] = [];
  const least = Math.max(1, minMinutes);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.weekday !== y.weekday) {
      if (x.weekday < y.weekday) i++;
      else j++;
      continue;
    }
    const start = Math.max(x.startMinute, y.startMinute);
    const end = Math.min(x.endMinute, y.endMinute);
    if (end - start >= least) shared.push({ weekday: x.weekday, startMinute: start, endMinute: end });
    if (x.endMinute < y.endMinute) i++;
    else j++;
  }
  return shared;
}

/** Minutes two normalized lists share in pieces of at least `minMinutes` (same as intersecting, without allocating). */
export function sharedMinutes(a: readonly WeeklyWindow[], b: readonly WeeklyWindow[], minMinutes: number): number {
  const least = Math.max(1, minMinutes);
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.weekday !== y.weekday) {
      if (x.weekday < y.weekday) i++;
      else j++;
      continue;
    }
    const length = Math.min(x.endMinute, y.endMinute) - Math.max(x.startMinute, y.startMinute);
    if (length >= least) total += length;
    if (x.endMinute < y.endMinute) i++;
    else j++;
  }
  return total;
}

export function weeklyMinutes(windows: readonly WeeklyWindow[]): number {
  let total = 0;
  for (const w of windows) total += w.endMinute - w.startMinute;
  return total;
}

/** Bit d-1 set for each ISO weekday d present: a quick "could these ever overlap" test. */
export function weekdayMask(windows: readonly WeeklyWindow[]): number {
  let mask = 0;
  for (const w of windows) mask |= 1 << (w.weekday - 1);
  return mask;
}

/**
 * Windows grouped by identical hours, e.g. Mon–Fri 16:30–18:30 and Sat 9:00–12:00, ordered so the
 * slot on most weekdays comes first (then the longer, then the earlier).
 */
export function scheduleSlots(windows: readonly WeeklyWindow[]): ScheduleSlot[] {
  const slots = new Map<string, ScheduleSlot>();
  for (const w of windows) {
    const key = `${w.startMinute}-${w.endMinute}`;
    const slot = slots.get(key) ?? { weekdays: [], startMinute: w.startMinute, endMinute: w.endMinute };
    if (!slot.weekdays.includes(w.weekday)) slot.weekdays.push(w.weekday);
    slots.set(key, slot);
  }
  return [...slots.values()]
    .map((s) => ({ ...s, weekdays: s.weekdays.sort((a, b) => a - b) }))
    .sort(
      (a, b) =>
        b.weekdays.length - a.weekdays.length ||
        b.endMinute - b.startMinute - (a.endMinute - a.startMinute) ||
        a.startMinute - b.startMinute ||
        a.weekdays[0]! - b.weekdays[0]!,
    );
}
