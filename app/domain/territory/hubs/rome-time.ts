/**
 * Wall-clock time in Milan (Europe/Rome) and back, with the platform's Intl time-zone data (no
 * fixed offsets: CET is UTC+1, CEST UTC+2, and the switch falls on the last Sunday of March and of
 * October at 01:00 UTC). Pure and safe in the browser; the hubs' opening hours and event times use it.
 */
export const HUB_TIME_ZONE = "Europe/Rome";

export interface WallClock {
  /** The calendar day in Milan, "YYYY-MM-DD". */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after midnight, 0…1439. */
  minute: number;
}

let partsFormat: Intl.DateTimeFormat | undefined;
function romeParts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  partsFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: HUB_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** ISO weekday of a calendar date "YYYY-MM-DD". */
export function isoWeekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** What a clock on a wall in Milan shows at this instant. */
export function romeWallClock(instant: Date): WallClock {
  const p = romeParts(instant);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return { date, weekday: isoWeekdayOf(date), minute: p.hour * 60 + p.minute };
}

/** "YYYY-MM-DD" plus a number of days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar day "YYYY-MM-DD" (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** "HH:MM" (00:00…23:59, or 24:00 when `allowMidnightEnd`) → minutes after midnight; null otherwise. */
export function parseTimeOfDay(value: string, options: { allowMidnightEnd?: boolean } = {}): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return null;
  if (hours === 24 && minutes === 0 && options.allowMidnightEnd) return 1440;
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

/** Minutes after midnight → "HH:MM" (1440 → "24:00"), the value of an <input type="time">. */
export function timeOfDayValue(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export type WallTimeResult = { ok: true; instant: Date } | { ok: false; reason: "invalid" | "skipped" };

/**
 * The instant at which Milan's clocks show `date` at `minute` past midnight.
 * - A time the clocks skip (the last Sunday of March, 02:00–02:59) does not exist: "skipped".
 * - A time they show twice (the last Sunday of October, 02:00–02:59) is taken at its first
 *   occurrence, still in summer time (what people mean by "half past two" that night, and what
 *   Temporal calls the "compatible" choice).
 */
export function romeWallTimeToInstant(date: string, minute: number): WallTimeResult {
  if (!isCalendarDate(date) || !Number.isInteger(minute) || minute < 0 || minute > 1439) return { ok: false, reason: "invalid" };
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  // Milan is UTC+1 or UTC+2: try both offsets and keep the ones whose wall clock matches.
  const matches = [120, 60]
    .map((offsetMinutes) => new Date(asUtc - offsetMinutes * 60_000))
    .filter((candidate) => {
      const wall = romeWallClock(candidate);
      return wall.date === date && wall.minute === minute;
    });
  if (matches.length === 0) return { ok: false, reason: "skipped" };
  return { ok: true, instant: matches[0]! };
}

/** An instant as the value of a date input and a time input, in Milan. */
export function romeDateAndTime(instant: Date): { date: string; time: string } {
  const wall = romeWallClock(instant);
  return { date: wall.date, time: timeOfDayValue(wall.minute) };
}
