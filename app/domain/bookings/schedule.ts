/**
 * A booking's time as plain data, and everything computed from it without a database: is the
 * pattern valid, how many sessions it has, what it costs, when the next sessions are, and whether
 * it fits the provider's weekly hours and existing bookings.
 *
 * A pattern is one weekly rule: ISO weekdays (1 = Monday … 7 = Sunday) × [startMinute, endMinute)
 * in Milan's local time (Europe/Rome), on every matching day from firstDate to lastDate inclusive
 * ('YYYY-MM-DD'). A one-off is a range of one day whose weekday is the only one. Calendar days are
 * handled as UTC dates (no time zone can shift them); only "now" and instants for e-mails,
 * cancellation deadlines and calendars go through Europe/Rome.
 */

export const TIME_ZONE = "Europe/Rome";

export interface WeeklyPattern {
  weekdays: number[];
  startMinute: number;
  endMinute: number;
  firstDate: string;
  lastDate: string;
}

/** One occurrence of a pattern: a calendar day and its local times. */
export interface Session {
  date: string;
  startMinute: number;
  endMinute: number;
}

/** A booking may last at most this many days from its first to its last day (one year). */
export const MAX_SPAN_DAYS = 365;
/** …and may start at most this far ahead of today. */
export const MAX_ADVANCE_DAYS = 365;
/** The shortest session that can be booked. */
export const MIN_SESSION_MINUTES = 30;
/** Times are chosen on this grid (the same half-hour grid as providers' weekly hours). */
export const TIME_STEP_MINUTES = 30;

// ─── Calendar days ──────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;

/** Whether the text is a real calendar day written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** 'YYYY-MM-DD' plus a number of days. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

// ─── Milan's local time ─────────────────────────────────────────────────────────────────────

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function romeParts(instant: Date): { date: string; minute: number; second: number; wallMs: number } {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const hour = Number(parts.hour);
  const minute = hour * 60 + Number(parts.minute);
  const second = Number(parts.second);
  return { date, minute, second, wallMs: Date.parse(`${date}T00:00:00Z`) + minute * 60_000 + second * 1000 };
}

/** The calendar day and minute of the day in Milan at an instant. */
export function romeLocal(instant: Date): { date: string; minute: number } {
  const { date, minute } = romeParts(instant);
  return { date, minute };
}

/**
 * The instant at which Milan's clocks show `minute` minutes after midnight of `date` (1440 is the
 * next midnight). In the hour skipped in spring the time is read as if the clock had not jumped;
 * in the hour repeated in autumn, the first of the two is taken.
 */
export function romeInstant(date: string, minute: number): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  // Milan's offset a day before and a day after: the instant is one of the two readings.
  const before = wall - offsetAt(wall - DAY_MS);
  const after = wall - offsetAt(wall + DAY_MS);
  const shows = (utc: number) => romeParts(new Date(utc)).wallMs === wall;
  const valid = [before, after].filter(shows);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(before); // a time the spring change skips: read with the winter offset
}

function offsetAt(utcMs: number): number {
  const instant = new Date(Math.floor(utcMs / 1000) * 1000);
  return romeParts(instant).wallMs - instant.getTime();
}

// ─── Validating a pattern ───────────────────────────────────────────────────────────────────

export type ScheduleField = "weekdays" | "startTime" | "endTime" | "firstDate" | "lastDate";
export type ScheduleProblemCode =
  | "weekdays_required"
  | "weekday_invalid"
  | "time_invalid"
  | "time_order"
  | "too_short"
  | "date_invalid"
  | "date_order"
  | "in_the_past"
  | "too_long"
  | "too_far"
  | "no_sessions";

export interface ScheduleProblem {
  field: ScheduleField;
  code: ScheduleProblemCode;
}

/** A weekday list as stored: unique ISO weekdays, ascending. */
export function normaliseWeekdays(weekdays: readonly number[]): number[] {
  return [...new Set(weekdays)].sort((a, b) => a - b);
}

/**
 * Everything wrong with a pattern, field by field (empty when it can be booked): weekdays from 1
 * to 7; times on the half-hour grid, start before end, at least 30 minutes; real dates, the last
 * not before the first, at most a year apart and starting within a year; the first session not
 * already begun in Milan; at least one session in the range.
 */
export function scheduleProblems(pattern: WeeklyPattern, now: Date): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const add = (field: ScheduleField, code: ScheduleProblemCode) => problems.push({ field, code });

  if (pattern.weekdays.length === 0) add("weekdays", "weekdays_required");
  else if (pattern.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) add("weekdays", "weekday_invalid");

  const onGrid = (m: number) => Number.isInteger(m) && m >= 0 && m <= 1440 && m % TIME_STEP_MINUTES === 0;
  const timesValid = onGrid(pattern.startMinute) && pattern.startMinute < 1440 && onGrid(pattern.endMinute) && pattern.endMinute > 0;
  if (!onGrid(pattern.startMinute) || pattern.startMinute >= 1440) add("startTime", "time_invalid");
  if (!onGrid(pattern.endMinute) || pattern.endMinute === 0) add("endTime", "time_invalid");
  if (timesValid) {
    if (pattern.endMinute <= pattern.startMinute) add("endTime", "time_order");
    else if (pattern.endMinute - pattern.startMinute < MIN_SESSION_MINUTES) add("endTime", "too_short");
  }

  const firstValid = isIsoDate(pattern.firstDate);
  const lastValid = isIsoDate(pattern.lastDate);
  if (!firstValid) add("firstDate", "date_invalid");
  if (!lastValid) add("lastDate", "date_invalid");
  if (!firstValid || !lastValid) return problems;

  const today = romeLocal(now).date;
  if (pattern.lastDate < pattern.firstDate) add("lastDate", "date_order");
  else if (daysBetween(pattern.firstDate, pattern.lastDate) > MAX_SPAN_DAYS) add("lastDate", "too_long");
  if (pattern.firstDate < today) add("firstDate", "in_the_past");
  else if (daysBetween(today, pattern.firstDate) > MAX_ADVANCE_DAYS) add("firstDate", "too_far");

  if (problems.length > 0) return problems;
  const first = firstSession(pattern);
  if (!first) add("weekdays", "no_sessions");
  else if (romeInstant(first.date, first.startMinute).getTime() <= now.getTime()) add("startTime", "in_the_past");
  return problems;
}

// ─── Sessions and price ─────────────────────────────────────────────────────────────────────

/** Days in the range are walked one by one: a guard against a range nobody validated. */
const MAX_WALK_DAYS = 3700;

/** Every session of the pattern from `from` to `to` (inclusive, clipped to the pattern's range). */
export function sessionsBetween(pattern: WeeklyPattern, from: string = pattern.firstDate, to: string = pattern.lastDate): Session[] {
  const start = from > pattern.firstDate ? from : pattern.firstDate;
  const end = to < pattern.lastDate ? to : pattern.lastDate;
  const span = daysBetween(start, end);
  if (span < 0) return [];
  if (span > MAX_WALK_DAYS) throw new RangeError(`a schedule of ${span} days`);
  const days = new Set(pattern.weekdays);
  const sessions: Session[] = [];
  for (let i = 0; i <= span; i++) {
    const date = addDays(start, i);
    if (days.has(isoWeekday(date))) sessions.push({ date, startMinute: pattern.startMinute, endMinute: pattern.endMinute });
  }
  return sessions;
}

export function countSessions(pattern: WeeklyPattern): number {
  return sessionsBetween(pattern).length;
}

export function firstSession(pattern: WeeklyPattern): Session | null {
  // A matching weekday comes within 7 days, if the range has one at all.
  return sessionsBetween(pattern, pattern.firstDate, addDays(pattern.firstDate, 6))[0] ?? null;
}

export function lastSession(pattern: WeeklyPattern): Session | null {
  return sessionsBetween(pattern, addDays(pattern.lastDate, -6), pattern.lastDate).at(-1) ?? null;
}

export const sessionMinutes = (pattern: Pick<WeeklyPattern, "startMinute" | "endMinute">) => pattern.endMinute - pattern.startMinute;

/**
 * The price of `sessions` sessions of `minutes` minutes at an hourly price, in integer cents.
 * sessions × minutes × cents is an exact integer; it is divided by 60 and rounded (half up) once,
 * at the very end, so a long booking never collects per-session rounding errors.
 */
export function priceCents(sessions: number, minutes: number, hourlyPriceCents: number): number {
  if (![sessions, minutes, hourlyPriceCents].every((n) => Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`invalid price input ${sessions} × ${minutes} min × ${hourlyPriceCents} c/h`);
  }
  const centMinutes = sessions * minutes * hourlyPriceCents;
  return Math.floor((centMinutes + 30) / 60);
}

export interface PriceBreakdown {
  sessions: number;
  minutesPerSession: number;
  hourlyPriceCents: number;
  totalCents: number;
}

export function priceBreakdown(pattern: WeeklyPattern, hourlyPriceCents: number): PriceBreakdown {
  const sessions = countSessions(pattern);
  const minutes = sessionMinutes(pattern);
  return { sessions, minutesPerSession: minutes, hourlyPriceCents, totalCents: priceCents(sessions, minutes, hourlyPriceCents) };
}

/** The sessions not yet over at `now` (in Milan), the soonest first, at most `limit`. */
export function nextSessions(pattern: WeeklyPattern, now: Date, limit = 5): Session[] {
  const local = romeLocal(now);
  const out: Session[] = [];
  let from = local.date > pattern.firstDate ? local.date : pattern.firstDate;
  // Walk forward a few weeks at a time until enough sessions are found or the range ends.
  while (out.length < limit && from <= pattern.lastDate) {
    const to = addDays(from, 62);
    for (const session of sessionsBetween(pattern, from, to)) {
      if (session.date === local.date && session.endMinute <= local.minute) continue;
      out.push(session);
      if (out.length === limit) break;
    }
    from = addDays(to, 1);
  }
  return out;
}

/** Sessions that have begun before `now` (delivered or under way). */
export function sessionsStartedBefore(pattern: WeeklyPattern, now: Date): number {
  const local = romeLocal(now);
  if (local.date < pattern.firstDate) return 0;
  const done = sessionsBetween(pattern, pattern.firstDate, addDays(local.date, -1)).length;
  const today = local.date <= pattern.lastDate && pattern.weekdays.includes(isoWeekday(local.date)) && pattern.startMinute <= local.minute ? 1 : 0;
  return done + today;
}

/** A one-off when the range is one day. */
export function kindOf(pattern: Pick<WeeklyPattern, "firstDate" | "lastDate">): "one_off" | "recurring" {
  return pattern.firstDate === pattern.lastDate ? "one_off" : "recurring";
}

// ─── Conflicts ──────────────────────────────────────────────────────────────────────────────

export interface TimeRange {
  start: number;
  end: number;
}

export interface WeeklySlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export type ScheduleConflict =
  | {
      kind: "outside_availability";
      weekday: number;
      startMinute: number;
      endMinute: number;
      /** The provider's hours that day (empty: not available that day at all). */
      available: TimeRange[];
    }
  | {
      kind: "overlaps_booking";
      weekday: number;
      startMinute: number;
      endMinute: number;
      /** When the provider is already booked that weekday (times only, never who). */
      busy: TimeRange[];
      /** The first day of the clash and how many days clash. */
      firstClash: string;
      clashCount: number;
    };

/** A provider's hours of one weekday with touching or overlapping ranges joined (9–12 + 12–15 = 9–15). */
export function hoursOfDay(slots: readonly WeeklySlot[], weekday: number): TimeRange[] {
  const ranges = slots
    .filter((s) => s.weekday === weekday)
    .map((s) => ({ start: s.startMinute, end: s.endMinute }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TimeRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * Requested weekdays whose time is not inside the provider's weekly hours of that day (each
 * session must fit within one range of hours; touching ranges count as one).
 */
export function availabilityConflicts(pattern: WeeklyPattern, slots: readonly WeeklySlot[]): ScheduleConflict[] {
  const days = new Set(sessionsBetween(pattern, pattern.firstDate, addDays(pattern.firstDate, 6)).map((s) => isoWeekday(s.date)));
  const conflicts: ScheduleConflict[] = [];
  for (const weekday of normaliseWeekdays(pattern.weekdays)) {
    if (!days.has(weekday)) continue; // not a day that occurs in the range
    const available = hoursOfDay(slots, weekday);
    const fits = available.some((r) => r.start <= pattern.startMinute && pattern.endMinute <= r.end);
    if (!fits) conflicts.push({ kind: "outside_availability", weekday, startMinute: pattern.startMinute, endMinute: pattern.endMinute, available });
  }
  return conflicts;
}

/**
 * Requested weekdays that clash with bookings already holding the provider's time: a day in both
 * ranges, on a weekday of both, with overlapping minutes (touching ends do not clash).
 */
export function bookingConflicts(pattern: WeeklyPattern, held: readonly WeeklyPattern[]): ScheduleConflict[] {
  const byWeekday = new Map<number, { busy: TimeRange[]; dates: Set<string> }>();
  for (const other of held) {
    if (other.startMinute >= pattern.endMinute || other.endMinute <= pattern.startMinute) continue;
    const from = other.firstDate > pattern.firstDate ? other.firstDate : pattern.firstDate;
    const to = other.lastDate < pattern.lastDate ? other.lastDate : pattern.lastDate;
    if (from > to) continue;
    const shared = { ...pattern, weekdays: pattern.weekdays.filter((d) => other.weekdays.includes(d)) };
    for (const session of sessionsBetween(shared, from, to)) {
      const weekday = isoWeekday(session.date);
      const entry = byWeekday.get(weekday) ?? { busy: [], dates: new Set<string>() };
      if (!entry.busy.some((b) => b.start === other.startMinute && b.end === other.endMinute)) {
        entry.busy.push({ start: other.startMinute, end: other.endMinute });
      }
      entry.dates.add(session.date);
      byWeekday.set(weekday, entry);
    }
  }
  return [...byWeekday.entries()]
    .sort(([a], [b]) => a - b)
    .map(([weekday, { busy, dates }]) => {
      const sorted = [...dates].sort();
      return {
        kind: "overlaps_booking" as const,
        weekday,
        startMinute: pattern.startMinute,
        endMinute: pattern.endMinute,
        busy: busy.sort((a, b) => a.start - b.start),
        firstClash: sorted[0]!,
        clashCount: sorted.length,
      };
    });
}

/** Whether the first session of the pattern has begun at `now` (too late to agree on it). */
export function hasBegun(pattern: WeeklyPattern, now: Date): boolean {
  const first = firstSession(pattern);
  return !first || romeInstant(first.date, first.startMinute).getTime() <= now.getTime();
}

/** The pattern of a bookings row (or a counter-offer row). */
export function patternOf(row: { weekdays: number[]; start_minute: number; end_minute: number; first_date: string; last_date: string }): WeeklyPattern {
  return { weekdays: row.weekdays, startMinute: row.start_minute, endMinute: row.end_minute, firstDate: row.first_date, lastDate: row.last_date };
}
