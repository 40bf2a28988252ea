import { addDays, romeWallTimeToInstant } from "../territory/hubs/rome-time";

/**
 * A dashboard period: calendar days in Milan, first and last included, and the instants that
 * bound it ([start, end), end being midnight after the last day). `measuredUntil` is the end, or
 * now if the period has not finished yet: what has not happened yet is not counted as saved.
 */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
  measuredUntil: Date;
}

function romeMidnight(date: string): Date {
  const result = romeWallTimeToInstant(date, 0);
  // Milan's clocks change at 02:00, so midnight always exists.
  if (!result.ok) throw new Error(`no midnight on ${date} in Milan`);
  return result.instant;
}

export function periodOf(from: string, to: string, now: Date = new Date()): Period {
  const start = romeMidnight(from);
  const end = romeMidnight(addDays(to, 1));
  const measuredUntil = new Date(Math.max(start.getTime(), Math.min(end.getTime(), now.getTime())));
  return { from, to, start, end, measuredUntil };
}
