import { describe, expect, it } from "vitest";
import { demoEventDate, demoHubRows, demoHubs, demoOpeningHours } from "../../db/seed/hubs";
import { formatTimeOfDay, weekdayName } from "../../app/domain/territory/hubs/hub-format";
import { parseEventForm, parseHubDetails, parseOpeningHoursForm, signupNotice, type EventValues, type HoursValues } from "../../app/domain/territory/hubs/hub-schemas";
import { groupOpeningDays, openingHoursProblems, openingStatus, type OpeningWindow } from "../../app/domain/territory/hubs/opening-hours";
import { romeWallClock, romeWallTimeToInstant } from "../../app/domain/territory/hubs/rome-time";

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const at = (iso: string) => new Date(iso);

/** Mon–Fri 9–13 and 14–18, Saturday 9:30–12:30, Sunday closed. */
const desk: OpeningWindow[] = [
  ...[1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, startMinute: h(9), endMinute: h(13) },
    { weekday, startMinute: h(14), endMinute: h(18) },
  ]),
  { weekday: 6, startMinute: h(9, 30), endMinute: h(12, 30) },
];

describe("Milan's wall clock", () => {
  it("is UTC+1 in winter and UTC+2 in summer", () => {
    expect(romeWallClock(at("2025-01-15T09:00:00Z"))).toEqual({ date: "2025-01-15", weekday: 3, minute: h(10) });
    expect(romeWallClock(at("2025-07-01T08:00:00Z"))).toEqual({ date: "2025-07-01", weekday: 2, minute: h(10) });
  });

  it("jumps from 01:59 to 03:00 on the last Sunday of March", () => {
    expect(romeWallClock(at("2025-03-30T00:59:00Z"))).toEqual({ date: "2025-03-30", weekday: 7, minute: h(1, 59) });
    expect(romeWallClock(at("2025-03-30T01:00:00Z"))).toEqual({ date: "2025-03-30", weekday: 7, minute: h(3) });
  });

  it("shows 02:30 twice on the last Sunday of October", () => {
    expect(romeWallClock(at("2025-10-26T00:30:00Z")).minute).toBe(h(2, 30));
    expect(romeWallClock(at("2025-10-26T01:30:00Z")).minute).toBe(h(2, 30));
  });

  it("turns the date over at Milan's midnight, not UTC's", () => {
    expect(romeWallClock(at("2025-06-30T22:30:00Z"))).toEqual({ date: "2025-07-01", weekday: 2, minute: h(0, 30) });
  });
});

describe("a wall-clock time in Milan as an instant", () => {
  it("uses the offset of that day", () => {
    expect(romeWallTimeToInstant("2025-01-15", h(10))).toEqual({ ok: true, instant: at("2025-01-15T09:00:00Z") });
    expect(romeWallTimeToInstant("2025-07-01", h(10))).toEqual({ ok: true, instant: at("2025-07-01T08:00:00Z") });
  });

  it("refuses a time the clocks skip in March, and takes the first of a time shown twice in October", () => {
    expect(romeWallTimeToInstant("2025-03-30", h(2, 30))).toEqual({ ok: false, reason: "skipped" });
    expect(romeWallTimeToInstant("2025-03-30", h(3))).toEqual({ ok: true, instant: at("2025-03-30T01:00:00Z") });
    expect(romeWallTimeToInstant("2025-03-30", h(1, 59))).toEqual({ ok: true, instant: at("2025-03-30T00:59:00Z") });
    expect(romeWallTimeToInstant("2025-10-26", h(2, 30))).toEqual({ ok: true, instant: at("2025-10-26T00:30:00Z") });
    expect(romeWallTimeToInstant("2025-10-26", h(3))).toEqual({ ok: true, instant: at("2025-10-26T02:00:00Z") });
  });

  it("refuses dates that do not exist", () => {
    expect(romeWallTimeToInstant("2025-02-29", h(10))).toEqual({ ok: false, reason: "invalid" });
    expect(romeWallTimeToInstant("2024-02-29", h(10)).ok).toBe(true);
    expect(romeWallTimeToInstant("2025-13-01", h(10))).toEqual({ ok: false, reason: "invalid" });
    expect(romeWallTimeToInstant("2025-01-01", 1440)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("open now", () => {
  it("is open inside a window and says when it closes", () => {
    // Wednesday 4 June 2025, 10:00 in Milan (CEST).
    expect(openingStatus(desk, at("2025-06-04T08:00:00Z"))).toEqual({ open: true, closesAt: h(13) });
  });

  it("is closed over lunch and opens again later today", () => {
    expect(openingStatus(desk, at("2025-06-04T11:30:00Z"))).toEqual({ open: false, next: { daysAhead: 0, weekday: 3, minute: h(14) } });
  });

  it("treats the end of a window as closed", () => {
    // 18:00 sharp on Wednesday: closed, open again Thursday at 9.
    expect(openingStatus(desk, at("2025-06-04T16:00:00Z"))).toEqual({ open: false, next: { daysAhead: 1, weekday: 4, minute: h(9) } });
    expect(openingStatus(desk, at("2025-06-04T15:59:00Z"))).toEqual({ open: true, closesAt: h(18) });
  });

  it("looks across the closed Sunday to Monday morning", () => {
    // Saturday 7 June 2025, 12:30: the Saturday window has just ended.
    expect(openingStatus(desk, at("2025-06-07T10:30:00Z"))).toEqual({ open: false, next: { daysAhead: 2, weekday: 1, minute: h(9) } });
  });

  it("counts touching windows as one stretch", () => {
    const continuous = [
      { weekday: 2, startMinute: h(9), endMinute: h(13) },
      { weekday: 2, startMinute: h(13), endMinute: h(18) },
    ];
    expect(openingStatus(continuous, at("2025-06-03T08:00:00Z"))).toEqual({ open: true, closesAt: h(18) });
  });

  it("stays open until midnight for a window ending at 24:00", () => {
    const evening = [{ weekday: 5, startMinute: h(20), endMinute: 1440 }];
    expect(openingStatus(evening, at("2025-06-06T21:59:00Z"))).toEqual({ open: true, closesAt: 1440 });
    // Saturday 00:00 in Milan: closed, next Friday.
    expect(openingStatus(evening, at("2025-06-06T22:00:00Z"))).toEqual({ open: false, next: { daysAhead: 6, weekday: 5, minute: h(20) } });
  });

  it("says nothing about opening when no hours are published", () => {
    expect(openingStatus([], at("2025-06-04T08:00:00Z"))).toEqual({ open: false, next: null });
  });

  it("reads Milan's summer time on the Sunday the clocks go forward", () => {
    const sundayMorning = [{ weekday: 7, startMinute: h(9), endMinute: h(12) }];
    // 30 March 2025, 07:30 UTC is 09:30 in Milan (CEST): open. A fixed UTC+1 would say 08:30, closed.
    expect(openingStatus(sundayMorning, at("2025-03-30T07:30:00Z"))).toEqual({ open: true, closesAt: h(12) });
    // The Sunday before, 07:30 UTC is 08:30 (CET): closed, opens at 9.
    expect(openingStatus(sundayMorning, at("2025-03-23T07:30:00Z"))).toEqual({ open: false, next: { daysAhead: 0, weekday: 7, minute: h(9) } });
    // 30 March, 10:30 UTC is 12:30 CEST: closed; a fixed UTC+1 would still say open.
    expect(openingStatus(sundayMorning, at("2025-03-30T10:30:00Z")).open).toBe(false);
  });

  it("reads Milan's winter time on the Sunday the clocks go back, through the hour shown twice", () => {
    const night = [{ weekday: 7, startMinute: h(2), endMinute: h(3) }];
    expect(openingStatus(night, at("2025-10-26T00:30:00Z"))).toEqual({ open: true, closesAt: h(3) }); // 02:30 CEST
    expect(openingStatus(night, at("2025-10-26T01:30:00Z"))).toEqual({ open: true, closesAt: h(3) }); // 02:30 CET
    expect(openingStatus(night, at("2025-10-26T02:00:00Z")).open).toBe(false); // 03:00 CET
    const sundayMorning = [{ weekday: 7, startMinute: h(9), endMinute: h(12) }];
    // 26 October 2025, 10:30 UTC is 11:30 CET: open. A fixed UTC+2 would say 12:30, closed.
    expect(openingStatus(sundayMorning, at("2025-10-26T10:30:00Z"))).toEqual({ open: true, closesAt: h(12) });
  });
});

describe("opening hours rules", () => {
  it("accepts touching windows, a window to midnight and no hours at all", () => {
    expect(openingHoursProblems(desk)).toEqual([]);
    expect(openingHoursProblems([{ weekday: 5, startMinute: h(20), endMinute: 1440 }])).toEqual([]);
    expect(openingHoursProblems([])).toEqual([]);
  });

  it("wants the end after the start", () => {
    expect(openingHoursProblems([{ weekday: 1, startMinute: h(13), endMinute: h(9) }])).toEqual([{ index: 0, code: "order" }]);
    expect(openingHoursProblems([{ weekday: 1, startMinute: h(9), endMinute: h(9) }])).toEqual([{ index: 0, code: "order" }]);
  });

  it("wants a weekday from 1 (Monday) to 7 (Sunday)", () => {
    expect(openingHoursProblems([{ weekday: 0, startMinute: h(9), endMinute: h(12) }])).toEqual([{ index: 0, code: "weekday" }]);
    expect(openingHoursProblems([{ weekday: 8, startMinute: h(9), endMinute: h(12) }])).toEqual([{ index: 0, code: "weekday" }]);
    expect(openingHoursProblems([{ weekday: 1.5, startMinute: h(9), endMinute: h(12) }])).toEqual([{ index: 0, code: "weekday" }]);
  });

  it("wants minutes within the day", () => {
    expect(openingHoursProblems([{ weekday: 1, startMinute: -30, endMinute: h(12) }])).toEqual([{ index: 0, code: "range" }]);
    expect(openingHoursProblems([{ weekday: 1, startMinute: h(9), endMinute: 1450 }])).toEqual([{ index: 0, code: "range" }]);
    expect(openingHoursProblems([{ weekday: 1, startMinute: 1440, endMinute: 1440 }])).toEqual([{ index: 0, code: "range" }]);
  });

  it("refuses overlapping windows on the same day, but not on different days", () => {
    const hours = [
      { weekday: 2, startMinute: h(9), endMinute: h(13) },
      { weekday: 3, startMinute: h(12), endMinute: h(15) },
      { weekday: 2, startMinute: h(12, 30), endMinute: h(15) },
    ];
    expect(openingHoursProblems(hours)).toEqual([{ index: 2, code: "overlap" }]);
  });

  it("refuses more than three windows a day", () => {
    const four = [0, 1, 2, 3].map((i) => ({ weekday: 1, startMinute: h(8 + 2 * i), endMinute: h(9 + 2 * i) }));
    expect(openingHoursProblems(four)).toEqual([{ index: 3, code: "tooMany" }]);
  });

  it("groups consecutive days with the same hours", () => {
    expect(groupOpeningDays(desk)).toEqual([
      { fromWeekday: 1, toWeekday: 5, windows: [{ startMinute: h(9), endMinute: h(13) }, { startMinute: h(14), endMinute: h(18) }] },
      { fromWeekday: 6, toWeekday: 6, windows: [{ startMinute: h(9, 30), endMinute: h(12, 30) }] },
    ]);
    const gaps = [1, 3, 4].map((weekday) => ({ weekday, startMinute: h(9), endMinute: h(12) }));
    expect(groupOpeningDays(gaps).map((g) => [g.fromWeekday, g.toWeekday])).toEqual([
      [1, 1],
      [3, 4],
    ]);
  });
});

describe("the opening hours form", () => {
  const form = (rows: Record<string, string>): HoursValues => rows;

  it("turns rows into sorted windows and ignores empty rows", () => {
    const parsed = parseOpeningHoursForm(
      form({ "hours.1.1.start": "14:00", "hours.1.1.end": "18:00", "hours.1.0.start": "09:00", "hours.1.0.end": "13:00", "hours.7.0.start": "", "hours.7.0.end": "" }),
    );
    expect(parsed).toEqual({
      data: [
        { weekday: 1, startMinute: h(9), endMinute: h(13) },
        { weekday: 1, startMinute: h(14), endMinute: h(18) },
      ],
      errors: null,
    });
    expect(parseOpeningHoursForm(form({}))).toEqual({ data: [], errors: null });
  });

  it("puts each problem on its row", () => {
    const parsed = parseOpeningHoursForm(
      form({
        "hours.1.0.start": "09:00",
        "hours.1.0.end": "",
        "hours.2.0.start": "9.00",
        "hours.2.0.end": "12:00",
        "hours.3.0.start": "13:00",
        "hours.3.0.end": "09:00",
        "hours.4.0.start": "09:00",
        "hours.4.0.end": "13:00",
        "hours.4.1.start": "12:00",
        "hours.4.1.end": "15:00",
        "hours.5.0.start": "20:00",
        "hours.5.0.end": "24:00",
      }),
    );
    expect(parsed.errors).toEqual({
      "hours.1.0": "errors.hoursIncomplete",
      "hours.2.0": "errors.hoursTime",
      "hours.3.0": "errors.hoursOrder",
      "hours.4.1": "errors.hoursOverlap",
    });
  });
});

describe("the event form", () => {
  const values = (overrides: Partial<EventValues> = {}): EventValues => ({
    title: "Educazione finanziaria",
    description: "Un incontro pratico.",
    date: "2025-06-05",
    startTime: "18:00",
    endTime: "19:30",
    capacity: "20",
    ...overrides,
  });

  it("reads the times on Milan's clock", () => {
    expect(parseEventForm(values())).toEqual({
      data: {
        title: "Educazione finanziaria",
        description: "Un incontro pratico.",
        startsAt: at("2025-06-05T16:00:00Z"),
        endsAt: at("2025-06-05T17:30:00Z"),
        capacity: 20,
      },
      errors: null,
    });
  });

  it("refuses an end before the start, a skipped time, a bad date and bad places", () => {
    expect(parseEventForm(values({ endTime: "17:00" })).errors).toEqual({ endTime: "errors.endBeforeStart" });
    expect(parseEventForm(values({ date: "2025-03-30", startTime: "02:15", endTime: "04:00" })).errors).toEqual({ startTime: "errors.timeSkipped" });
    expect(parseEventForm(values({ date: "2025-02-30" })).errors).toEqual({ date: "errors.dateInvalid" });
    expect(parseEventForm(values({ capacity: "0" })).errors).toEqual({ capacity: "errors.capacityInvalid" });
    expect(parseEventForm(values({ capacity: "2.5" })).errors).toEqual({ capacity: "errors.capacityInvalid" });
    expect(parseEventForm(values({ title: "  a " })).errors).toEqual({ title: "errors.titleShort" });
    expect(parseEventForm(values({ title: "Incontro\u0000" })).errors).toEqual({ title: "errors.textInvalid" });
  });
});

describe("the hub details form", () => {
  it("takes coordinates with a decimal comma, or none", () => {
    const base = { name: "Spazio Vicinato Test", address: "Via Padova 1, Milano", lat: "45,4905", lng: "9.2186", quartieri: [] };
    expect(parseHubDetails(base, { withCoverage: false }).data).toEqual({ name: base.name, address: base.address, lat: 45.4905, lng: 9.2186 });
    expect(parseHubDetails({ ...base, lat: "", lng: "" }, { withCoverage: false }).data).toMatchObject({ lat: null, lng: null });
    expect(parseHubDetails({ ...base, lat: "41.9" }, { withCoverage: false }).errors).toEqual({ lat: "errors.latOutside" });
  });

  it("wants at least one quartiere when the coverage is chosen", () => {
    const base = { name: "Spazio Vicinato Test", address: "Via Padova 1, Milano", lat: "", lng: "" };
    expect(parseHubDetails({ ...base, quartieri: [] }, { withCoverage: true }).errors).toEqual({ quartieri: "errors.quartieriRequired" });
    expect(parseHubDetails({ ...base, quartieri: ["20", "19", "20"] }, { withCoverage: true }).data?.quartieri).toEqual([19, 20]);
  });
});

describe("times as people read them", () => {
  it("formats times of day and weekdays per locale", () => {
    expect(formatTimeOfDay(h(9), "it")).toBe("9:00");
    expect(formatTimeOfDay(h(14, 30), "en")).toMatch(/^2:30\sPM$/);
    expect(weekdayName(1, "it")).toBe("lunedì");
    expect(weekdayName(7, "en")).toBe("Sunday");
    expect(weekdayName(1, "es", "short")).toBe("lun");
  });
});

describe("the demo hubs", () => {
  it("have valid opening hours and real quartiere ids", () => {
    for (const hub of demoHubs) {
      expect(openingHoursProblems(demoOpeningHours(hub)), hub.name).toEqual([]);
      for (const q of hub.quartieri) expect(q >= 1 && q <= 88, `${hub.name}: quartiere ${q}`).toBe(true);
    }
  });

  it("are the same rows for the same day, with every event ahead", () => {
    const now = at("2025-06-04T10:00:00Z");
    const a = demoHubRows(now);
    const b = demoHubRows(at("2025-06-04T20:00:00Z"));
    expect(a).toEqual(b);
    expect(a.hubs.length).toBeGreaterThanOrEqual(6);
    for (const event of a.events) {
      expect(event.starts_at.getTime()).toBeGreaterThan(now.getTime());
      expect(event.ends_at.getTime()).toBeGreaterThan(event.starts_at.getTime());
    }
  });

  it("fall on the weekday asked for, never on the seeding day", () => {
    expect(demoEventDate("2025-06-04", 3, 0)).toBe("2025-06-11"); // Wednesday → next Wednesday
    expect(demoEventDate("2025-06-04", 4, 0)).toBe("2025-06-05");
    expect(demoEventDate("2025-06-04", 2, 1)).toBe("2025-06-17");
  });
});

describe("the notice after signing up", () => {
  it("only says what is true of the event now", () => {
    expect(signupNotice("signed_up", { signedUp: true })).toBe("signed_up");
    expect(signupNotice("signed_up", { signedUp: false })).toBeNull();
    expect(signupNotice("cancelled", { signedUp: false })).toBe("cancelled");
    expect(signupNotice("cancelled", { signedUp: true })).toBeNull();
    expect(signupNotice("nonsense", { signedUp: true })).toBeNull();
    expect(signupNotice("signed_up", undefined)).toBeNull();
  });
});
