import { describe, expect, it } from "vitest";
import { daypartsOf, haversineMetres, priceBandFor, weekdayCode } from "../../app/domain/search/provider-document";

describe("shaping a provider's search document", () => {
  it("puts prices into bands at whole-euro boundaries", () => {
    expect([999, 1000, 1499, 1500, 1999, 2000].map(priceBandFor)).toEqual(["under-10", "10-14", "10-14", "15-19", "15-19", "20-plus"]);
  });

  it("names ISO weekdays and refuses others", () => {
    expect(weekdayCode(1)).toBe("mon");
    expect(weekdayCode(7)).toBe("sun");
    expect(() => weekdayCode(8)).toThrow(RangeError);
  });

  it("counts a part of the day only when a slot covers an hour of it", () => {
    expect(daypartsOf(16 * 60 + 30, 18 * 60 + 30)).toEqual(["afternoon"]);
    expect(daypartsOf(11 * 60, 14 * 60)).toEqual(["morning", "afternoon"]);
    expect(daypartsOf(17 * 60, 21 * 60)).toEqual(["afternoon", "evening"]);
    expect(daypartsOf(9 * 60, 9 * 60 + 30)).toEqual(["morning"]);
  });

  it("measures distances between Milan places in metres", () => {
    const duomo = { lat: 45.4642, lng: 9.19 };
    const centrale = { lat: 45.4861, lng: 9.2047 };
    expect(haversineMetres(duomo, centrale)).toBeGreaterThan(2600);
    expect(haversineMetres(duomo, centrale)).toBeLessThan(2800);
    expect(haversineMetres(duomo, duomo)).toBe(0);
  });
});
