import { addDays, firstSession, kindOf, lastSession, romeInstant, TIME_ZONE, type WeeklyPattern } from "./schedule";

/**
 * An iCalendar file (RFC 5545) of bookings: one VEVENT per booking, its weekly pattern as an
 * RRULE, local times with TZID=Europe/Rome described by a VTIMEZONE, a UID that stays the same
 * for a booking (so re-importing updates instead of duplicating), text escaped, lines ending in
 * CRLF and folded at 75 octets without splitting a UTF-8 character.
 */

export interface CalendarEvent {
  /** Stable per booking, e.g. "booking-<uuid>@vicinato". */
  uid: string;
  pattern: WeeklyPattern;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  lastModified: Date;
  /** Bumped whenever the booking changes (e.g. the number of recorded transitions). */
  sequence?: number;
}

export interface CalendarOptions {
  name: string;
  /** DTSTAMP of every event: when the file was made. */
  now: Date;
  productId?: string;
}

const CRLF = "\r\n";
const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** The Europe/Rome rules since 1996 (EU summer time: last Sunday of March to last Sunday of October). */
const romeTimezone = [
  "BEGIN:VTIMEZONE",
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Splits a content line into lines of at most 75 octets (RFC 5545 §3.1): each continuation
 * starts with one space. Cuts fall between characters, never inside one.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space takes one octet
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 'YYYY-MM-DD' + minutes → local DATE-TIME "YYYYMMDDTHHMMSS" (1440 is 00:00 of the next day). */
function localDateTime(date: string, minute: number): string {
  const day = minute >= 1440 ? addDays(date, Math.floor(minute / 1440)) : date;
  const m = minute % 1440;
  return `${day.replace(/-/g, "")}T${pad(Math.floor(m / 60))}${pad(m % 60)}00`;
}

function utcDateTime(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function eventLines(event: CalendarEvent, now: Date): string[] {
  const first = firstSession(event.pattern);
  if (!first) return [];
  const lines = [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${utcDateTime(now)}`,
    `LAST-MODIFIED:${utcDateTime(event.lastModified)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `DTSTART;TZID=${TIME_ZONE}:${localDateTime(first.date, event.pattern.startMinute)}`,
    `DTEND;TZID=${TIME_ZONE}:${localDateTime(first.date, event.pattern.endMinute)}`,
  ];
  if (kindOf(event.pattern) === "recurring") {
    const last = lastSession(event.pattern) ?? first;
    // With a DTSTART in local time, UNTIL is given in UTC (RFC 5545 §3.3.10): the last session's start.
    const until = utcDateTime(romeInstant(last.date, event.pattern.startMinute));
    const days = [...new Set(event.pattern.weekdays)].sort((a, b) => a - b).map((d) => weekdayCodes[d - 1]);
    lines.push(`RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=${days.join(",")};UNTIL=${until}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${event.status}`, "TRANSP:OPAQUE", "END:VEVENT");
  return lines;
}

export function buildCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${options.productId ?? "-//Comune di Milano//Vicinato//IT"}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...romeTimezone,
    ...events.flatMap((event) => eventLines(event, options.now)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
