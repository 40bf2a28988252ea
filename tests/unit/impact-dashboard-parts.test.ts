import { describe, expect, it } from "vitest";
import { choroplethClasses, colourFor, ZERO_COLOUR } from "../../app/domain/impact/choropleth";
import { dashboardSearch, defaultPeriod, parseDashboardQuery } from "../../app/domain/impact/dashboard-query";
import { coverageGaps } from "../../app/domain/impact/indicators/coverage";
import { MAP_HEIGHT, MAP_WIDTH, milanMapGeometry } from "../../app/domain/impact/map-geometry.server";
import { periodOf } from "../../app/domain/impact/period";

const NOW = new Date("2025-11-24T10:00:00Z");

describe("the dashboard's query string", () => {
  it("defaults to the whole area, the last 12 months and unmet searches", () => {
    expect(parseDashboardQuery(new URLSearchParams(), NOW)).toEqual({
      query: { scope: { kind: "all" }, from: "2024-11-25", to: "2025-11-24", measure: "unmetSearches" },
      errors: {},
    });
    expect(defaultPeriod(new Date("2024-02-29T12:00:00Z"))).toEqual({ from: "2023-03-01", to: "2024-02-29" });
  });

  it("reads a quartiere, a municipio, a period and a measure, and writes them back", () => {
    const { query, errors } = parseDashboardQuery(new URLSearchParams("scope=q12&from=2025-01-01&to=2025-03-31&measure=bookings"), NOW);
    expect(errors).toEqual({});
    expect(query).toEqual({ scope: { kind: "quartiere", id: 12 }, from: "2025-01-01", to: "2025-03-31", measure: "bookings" });
    expect(dashboardSearch(query, { measure: "openNeeds" })).toBe("scope=q12&from=2025-01-01&to=2025-03-31&measure=openNeeds");
    expect(parseDashboardQuery(new URLSearchParams("scope=m3"), NOW).query.scope).toEqual({ kind: "municipio", id: 3 });
  });

  it("names each field that does not fit and falls back to its default", () => {
    const { query, errors } = parseDashboardQuery(new URLSearchParams("scope=m10&from=2025-02-30&to=yesterday&measure=DROP TABLE"), NOW);
    expect(errors).toEqual({ scope: "errors.scope", from: "errors.from", to: "errors.to", measure: "errors.measure" });
    expect(query).toEqual({ scope: { kind: "all" }, from: "2024-11-25", to: "2025-11-24", measure: "unmetSearches" });
    expect(parseDashboardQuery(new URLSearchParams("from=2025-03-01&to=2025-01-01"), NOW).errors).toEqual({ to: "errors.order" });
    expect(parseDashboardQuery(new URLSearchParams("from=2015-01-01&to=2025-01-01"), NOW).errors).toEqual({ from: "errors.tooLong" });
  });
});

describe("the period's bounds", () => {
  it("runs from midnight in Milan on the first day to midnight after the last, summer time included", () => {
    const winter = periodOf("2025-01-01", "2025-03-25", NOW);
    expect(winter.start.toISOString()).toBe("2024-12-31T23:00:00.000Z");
    expect(winter.end.toISOString()).toBe("2025-03-25T23:00:00.000Z");
    const summer = periodOf("2025-06-01", "2025-06-30", NOW);
    expect(summer.start.toISOString()).toBe("2025-05-31T22:00:00.000Z");
    // A period not finished yet is measured up to now.
    expect(periodOf("2025-11-01", "2025-11-30", NOW).measuredUntil).toEqual(NOW);
  });
});

describe("coverage gaps", () => {
  it("is demand in the area with no verified provider for that quartiere and category, largest first", () => {
    const gaps = coverageGaps({
      openNeeds: [
        { quartiereId: 1, categoryId: 10, n: 2 },
        { quartiereId: 1, categoryId: 11, n: 1 },
        { quartiereId: 5, categoryId: 10, n: 9 }, // outside the area
      ],
      unmetSearches: [
        { quartiereId: 1, categoryId: 11, n: 3 },
        { quartiereId: 2, categoryId: 12, n: 1 },
        { quartiereId: 1, categoryId: null, n: 7 }, // no category: not a gap of any
        { quartiereId: null, categoryId: 12, n: 4 }, // no quartiere
      ],
      servedPairs: [{ quartiereId: 1, categoryId: 10 }],
      quartiereIds: [1, 2],
    });
    expect(gaps).toEqual([
      { quartiereId: 1, categoryId: 11, openNeeds: 1, unmetSearches: 3 },
      { quartiereId: 2, categoryId: 12, openNeeds: 0, unmetSearches: 1 },
    ]);
  });
});

describe("the choropleth", () => {
  it("has a class for zero and up to four round steps up to the largest value", () => {
    expect(choroplethClasses(0)).toEqual([{ min: 0, max: 0, colour: ZERO_COLOUR }]);
    expect(choroplethClasses(3).map((c) => [c.min, c.max])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
    expect(choroplethClasses(37).map((c) => [c.min, c.max])).toEqual([[0, 0], [1, 10], [11, 20], [21, 30], [31, 40]]);
    const classes = choroplethClasses(6);
    expect(colourFor(0, classes)).toBe(ZERO_COLOUR);
    expect(colourFor(6, classes)).toBe(classes.at(-1)!.colour);
    expect(new Set([1, 3, 5].map((v) => colourFor(v, classes))).size).toBe(3);
  });

  it("projects Milan's 88 quartieri once into compact SVG paths inside the map's box", () => {
    const geometry = milanMapGeometry();
    expect(milanMapGeometry()).toBe(geometry); // cached
    expect(geometry.shapes.map((s) => s.id)).toEqual(Array.from({ length: 88 }, (_, i) => i + 1));
    const size = geometry.shapes.reduce((sum, s) => sum + s.d.length, 0);
    expect(size).toBeLessThan(40_000);
    for (const shape of geometry.shapes) {
      expect(shape.d).toMatch(/^M\d+ \d+[lmz0-9 -]*z$/);
      expect(shape.cx).toBeGreaterThan(0);
      expect(shape.cx).toBeLessThan(MAP_WIDTH);
      expect(shape.cy).toBeGreaterThan(0);
      expect(shape.cy).toBeLessThan(MAP_HEIGHT);
    }
    // North is up and west is left: Niguarda (NIL 14, north) above Gratosoglio (NIL 41, south);
    // Ronchetto (48, south-west) left of Bicocca (15, north-east).
    const shape = (id: number) => geometry.shapes.find((s) => s.id === id)!;
    expect(shape(14).cy).toBeLessThan(shape(41).cy);
    expect(shape(48).cx).toBeLessThan(shape(15).cx);
  });
});
