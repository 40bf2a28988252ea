import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine } from "../../app/domain/bookings/ics";

const now = new Date("2025-08-20T10:00:00Z");
const octets = (line: string) => new TextEncoder().encode(line).length;

function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, "").split("\r\n");
}

describe("iCalendar export", () => {
  const ics = buildCalendar(
    [
      {
        uid: "booking-0b9c1d1e-0000-4000-8000-000000000001@vicinato",
        pattern: { weekdays: [1, 3, 5], startMinute: 990, endMinute: 1110, firstDate: "2025-08-31", lastDate: "2025-12-19" },
        summary: "Babysitter con Maria, Rossi; «la nonna»",
        description: "ogni settimana\nMilano \\ Brera",
        location: "Via Brera 1, Milano",
        url: "http://localhost:3000/bookings/0b9c1d1e-0000-4000-8000-000000000001",
        status: "CONFIRMED",
        lastModified: new Date("2025-08-19T09:00:00Z"),
        sequence: 3,
      },
      {
        uid: "booking-0b9c1d1e-0000-4000-8000-000000000002@vicinato",
        pattern: { weekdays: [6], startMinute: 1260, endMinute: 1440, firstDate: "2025-11-01", lastDate: "2025-11-01" },
        summary: "Pet-sitter",
        status: "TENTATIVE",
        lastModified: new Date("2025-08-19T09:00:00Z"),
      },
    ],
    { name: "Vicinato – prenotazioni", now },
  );
  const lines = unfold(ics);

  it("ends every line with CRLF and keeps every line within 75 octets", () => {
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it("describes Europe/Rome with a VTIMEZONE and uses it for local start and end times", () => {
    expect(lines).toContain("BEGIN:VTIMEZONE");
    expect(lines).toContain("TZID:Europe/Rome");
    expect(lines).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    // 31 August 2025 is a Sunday: the first occurrence is Monday 1 September.
    expect(lines).toContain("DTSTART;TZID=Europe/Rome:20250901T163000");
    expect(lines).toContain("DTEND;TZID=Europe/Rome:20250901T183000");
  });

  it("repeats a weekly booking with an RRULE until its last session (in UTC), and a one-off has none", () => {
    // Friday 19 December 2025 16:30 in Milan = 15:30 UTC.
    expect(lines).toContain("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR;UNTIL=20251219T153000Z");
    const second = lines.slice(lines.lastIndexOf("BEGIN:VEVENT"));
    expect(second.some((l) => l.startsWith("RRULE"))).toBe(false);
    // Ending at 24:00 is midnight of the next day.
    expect(second).toContain("DTEND;TZID=Europe/Rome:20251102T000000");
    expect(second).toContain("STATUS:TENTATIVE");
  });

  it("keeps a stable UID per booking and a UTC DTSTAMP", () => {
    expect(lines).toContain("UID:booking-0b9c1d1e-0000-4000-8000-000000000001@vicinato");
    expect(lines.filter((l) => l === "DTSTAMP:20250820T100000Z")).toHaveLength(2);
    expect(lines).toContain("SEQUENCE:3");
  });

  it("escapes commas, semicolons, backslashes and line breaks in text", () => {
    expect(lines).toContain("SUMMARY:Babysitter con Maria\\, Rossi\\; «la nonna»");
    expect(lines).toContain("DESCRIPTION:ogni settimana\\nMilano \\\\ Brera");
    expect(escapeText("a,b;c\\d\r\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("folds long lines at 75 octets without splitting a multi-byte character", () => {
    const long = `SUMMARY:${"à".repeat(60)}`;
    const folded = foldLine(long);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    expect(folded).not.toContain("\uFFFD");
  });
});
