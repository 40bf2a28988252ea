import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageFromTotals, reviewScore, starsFor, summariseRatings } from "../../app/domain/reviews/rating";

describe("a provider's rating", () => {
  it("is null with no reviews", () => {
    expect(summariseRatings([])).toEqual({ average: null, count: 0 });
  });

  it("is the mean of the three aspects over every review, with one decimal", () => {
    expect(
      summariseRatings([
        { reliability: 5, care: 5, communication: 4 },
        { reliability: 4, care: 4, communication: 4 },
      ]),
    ).toEqual({ average: 4.3, count: 2 }); // 26 / 6 = 4.333…
    expect(summariseRatings([{ reliability: 1, care: 1, communication: 1 }])).toEqual({ average: 1, count: 1 });
  });

  it("rounds halves up, without binary-fraction surprises", () => {
    // 4.25 exactly: 51 aspect points over 4 reviews.
    expect(averageFromTotals(51, 4)).toBe(4.3);
    // 4.15 exactly: 249 points over 20 reviews.
    expect(averageFromTotals(249, 20)).toBe(4.2);
    expect(averageFromTotals(0, 0)).toBeNull();
  });

  it("always lies between 1 and 5 and matches the decimal mean to within half a tenth", () => {
    const review = fc.record({ reliability: fc.integer({ min: 1, max: 5 }), care: fc.integer({ min: 1, max: 5 }), communication: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(fc.array(review, { minLength: 1, maxLength: 60 }), (reviews) => {
        const { average, count } = summariseRatings(reviews);
        const exact = reviews.reduce((s, r) => s + r.reliability + r.care + r.communication, 0) / (3 * reviews.length);
        expect(count).toBe(reviews.length);
        expect(average).toBeGreaterThanOrEqual(1);
        expect(average).toBeLessThanOrEqual(5);
        expect(Math.abs(average! - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Math.round(average! * 10)).toBe(average! * 10);
      }),
    );
  });

  it("scores one review as the mean of its aspects", () => {
    expect(reviewScore({ reliability: 5, care: 4, communication: 4 })).toBe(4.3);
  });

  it("draws whole and half stars for a score", () => {
    expect(starsFor(4.3)).toEqual({ full: 4, half: true, empty: 0 });
    expect(starsFor(4.2)).toEqual({ full: 4, half: false, empty: 1 });
    expect(starsFor(1)).toEqual({ full: 1, half: false, empty: 4 });
    expect(starsFor(5)).toEqual({ full: 5, half: false, empty: 0 });
  });
});
