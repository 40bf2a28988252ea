import { describe, expect, it } from "vitest";
import {
  availabilityConflicts,
  bookingConflicts,
  countSessions,
  firstSession,
  lastSession,
  nextSessions,
  priceBreakdown,
  priceCents,
  romeInstant,
  romeLocal,
  scheduleProblems,
  sessionsStartedBefore,
  type WeeklyPattern,
} from "../../app/domain/bookings/schedule";

// 2025-08-01 is a Friday; 2025-09-01 a Monday.
const NOW = new Date("2025-08-01T08:00:00Z"); // 10:00 in Milan (summer time)
const weekdaysAfternoon: WeeklyPattern = { weekdays: [1, 2, 3, 4, 5], startMinute: 990, endMinute: 1110, firstDate: "2025-09-01", lastDate: "2025-09-30" };
const codes = (pattern: WeeklyPattern, now = NOW) => scheduleProblems(pattern, now).map((p) => `${p.field}:${p.code}`);

describe("weekly pattern validation", () => {
  it("accepts Mon–Fri 16:30–18:30 for September", () => {
    expect(codes(weekdaysAfternoon)).toEqual([]);
  });

  it("refuses a pattern with no weekdays, times backwards, or shorter than 30 minutes", () => {
    expect(codes({ ...weekdaysAfternoon, weekdays: [] })).toContain("weekdays:weekdays_required");
    expect(codes({ ...weekdaysAfternoon, weekdays: [8] })).toContain("weekdays:weekday_invalid");
    expect(codes({ ...weekdaysAfternoon, startMinute: 1110, endMinute: 990 })).toContain("endTime:time_order");
    expect(codes({ ...weekdaysAfternoon, startMinute: 990, endMinute: 1005 })).toContain("endTime:time_invalid");
    expect(codes({ ...weekdaysAfternoon, startMinute: 61, endMinute: 120 })).toContain("startTime:time_invalid");
  });

  it("refuses dates in the past, a last day before the first, more than a year, or more than a year ahead", () => {
    expect(codes({ ...weekdaysAfternoon, firstDate: "2025-07-31" })).toContain("firstDate:in_the_past");
    expect(codes({ ...weekdaysAfternoon, lastDate: "2025-08-31" })).toContain("lastDate:date_order");
    expect(codes({ ...weekdaysAfternoon, lastDate: "2026-09-02" })).toContain("lastDate:too_long");
    expect(codes({ ...weekdaysAfternoon, lastDate: "2026-09-01" })).toEqual([]);
    expect(codes({ ...weekdaysAfternoon, firstDate: "2026-08-03", lastDate: "2026-08-10" })).toContain("firstDate:too_far");
    expect(codes({ ...weekdaysAfternoon, firstDate: "2025-02-30" })).toContain("firstDate:date_invalid");
  });

  it("refuses a one-off today whose start time has already passed, and a range without any chosen weekday", () => {
    const today = { weekdays: [5], startMinute: 540, endMinute: 660, firstDate: "2025-08-01", lastDate: "2025-08-01" }; // 9:00, it is 10:00
    expect(codes(today)).toContain("startTime:in_the_past");
    expect(codes({ ...today, startMinute: 660, endMinute: 720 })).toEqual([]);
    expect(codes({ ...weekdaysAfternoon, weekdays: [6], firstDate: "2025-09-01", lastDate: "2025-09-05" })).toContain("weekdays:no_sessions");
  });
});

describe("sessions and price", () => {
  it("counts the weekdays in the range: September 2025 has 22 working days", () => {
    expect(countSessions(weekdaysAfternoon)).toBe(22);
    expect(firstSession(weekdaysAfternoon)?.date).toBe("2025-09-01");
    expect(lastSession(weekdaysAfternoon)?.date).toBe("2025-09-30");
  });

  it("counts a one-off as one session", () => {
    expect(countSessions({ weekdays: [3], startMinute: 600, endMinute: 690, firstDate: "2025-09-03", lastDate: "2025-09-03" })).toBe(1);
  });

  it("prices sessions × minutes × hourly price and rounds once, at the end", () => {
    // 22 × 2 h × €12.50 = €550.00
    expect(priceBreakdown(weekdaysAfternoon, 1250)).toEqual({ sessions: 22, minutesPerSession: 120, hourlyPriceCents: 1250, totalCents: 55_000 });
    // 7 × 90 min × €11.11/h = 7 × 1666.5 = 11 665.5 → 11 666 (rounding each session first would give 7 × 1667 = 11 669)
    expect(priceCents(7, 90, 1111)).toBe(11_666);
    // 1 × 30 min × €0.01/h = 0.5 cents → rounds half up to 1
    expect(priceCents(1, 30, 1)).toBe(1);
    expect(() => priceCents(1, 30, 12.5)).toThrow(RangeError);
  });

  it("lists the next sessions not yet over, in Milan's time", () => {
    // Wednesday 3 September 2025, 17:30 in Milan: today's 16:30–18:30 session is still going.
    const now = new Date("2025-09-03T15:30:00Z");
    expect(nextSessions(weekdaysAfternoon, now, 3).map((s) => s.date)).toEqual(["2025-09-03", "2025-09-04", "2025-09-05"]);
    // At 18:30 it is over.
    expect(nextSessions(weekdaysAfternoon, new Date("2025-09-03T16:30:00Z"), 1)[0]?.date).toBe("2025-09-04");
    expect(sessionsStartedBefore(weekdaysAfternoon, now)).toBe(3);
  });

  it("reads Milan's wall clock across the summer-time changes", () => {
    expect(romeInstant("2025-07-01", 990).toISOString()).toBe("2025-07-01T14:30:00.000Z");
    expect(romeInstant("2025-12-01", 990).toISOString()).toBe("2025-12-01T15:30:00.000Z");
    // 02:30 on 26 October 2025 happens twice: the first one (summer time) is taken.
    expect(romeInstant("2025-10-26", 150).toISOString()).toBe("2025-10-26T00:30:00.000Z");
    expect(romeLocal(new Date("2025-12-31T23:30:00Z"))).toEqual({ date: "2026-01-01", minute: 30 });
  });
});

describe("conflicts with the provider's hours and bookings", () => {
  const slots = [
    { weekday: 1, startMinute: 960, endMinute: 1140 },
    { weekday: 2, startMinute: 540, endMinute: 780 },
    { weekday: 3, startMinute: 900, endMinute: 1020 },
    { weekday: 3, startMinute: 1020, endMinute: 1140 },
  ];
  const request: WeeklyPattern = { weekdays: [1, 2, 3, 4], startMinute: 990, endMinute: 1110, firstDate: "2025-09-01", lastDate: "2025-12-19" };

  it("names each weekday whose time is outside the hours, with the hours of that day", () => {
    expect(availabilityConflicts(request, slots)).toEqual([
      { kind: "outside_availability", weekday: 2, startMinute: 990, endMinute: 1110, available: [{ start: 540, end: 780 }] },
      { kind: "outside_availability", weekday: 4, startMinute: 990, endMinute: 1110, available: [] },
    ]);
  });

  it("joins touching ranges of hours (15:00–17:00 and 17:00–19:00 cover 16:30–18:30)", () => {
    expect(availabilityConflicts({ ...request, weekdays: [3] }, slots)).toEqual([]);
  });

  it("ignores a weekday that does not occur in a short range", () => {
    const oneOff = { weekdays: [1], startMinute: 990, endMinute: 1110, firstDate: "2025-09-01", lastDate: "2025-09-01" };
    expect(availabilityConflicts(oneOff, slots)).toEqual([]);
  });

  it("finds clashes with held bookings on shared days only, and not when times just touch", () => {
    const held: WeeklyPattern[] = [
      { weekdays: [2], startMinute: 1080, endMinute: 1200, firstDate: "2025-09-09", lastDate: "2025-09-23" }, // 3 Tuesdays, 18:00–20:00
      { weekdays: [1], startMinute: 1110, endMinute: 1200, firstDate: "2025-09-01", lastDate: "2025-12-31" }, // touches at 18:30
      { weekdays: [5], startMinute: 990, endMinute: 1110, firstDate: "2025-09-01", lastDate: "2025-12-31" }, // a day not asked for
    ];
    expect(bookingConflicts(request, held)).toEqual([
      { kind: "overlaps_booking", weekday: 2, startMinute: 990, endMinute: 1110, busy: [{ start: 1080, end: 1200 }], firstClash: "2025-09-09", clashCount: 3 },
    ]);
  });
});
