import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "../../app/domain/search/search-query.server";

const parse = (qs: string) => parseSearchQuery(new URLSearchParams(qs));

describe("parsing the search form", () => {
  it("reads repeated keys as lists and numbers as numbers", () => {
    const { query, errors } = parse("q=babysitter&lang=it&lang=ar&quartiere=12&radius=2&maxPrice=15&day=mon&day=fri&page=3");
    expect(errors).toEqual({});
    expect(query).toMatchObject({ q: "babysitter", lang: ["it", "ar"], quartiere: 12, radius: 2, maxPrice: 15, day: ["mon", "fri"], page: 3 });
  });

  it("treats empty fields as not given", () => {
    const { query, errors } = parse("q=&category=&quartiere=&radius=&page=");
    expect(errors).toEqual({});
    expect(query).toMatchObject({ q: undefined, category: undefined, quartiere: undefined, page: 1, lang: [] });
  });

  it("drops each invalid field with a message key and keeps the valid ones", () => {
    const { query, errors } = parse("q=colf&radius=3&maxPrice=-4&lang=xx&page=9999&quartiere=abc");
    expect(errors).toEqual({
      radius: "errors.radius",
      maxPrice: "errors.maxPrice",
      lang: "errors.lang",
      page: "errors.page",
      quartiere: "errors.quartiere",
    });
    expect(query).toMatchObject({ q: "colf", radius: undefined, maxPrice: undefined, lang: [], page: 1, quartiere: undefined });
  });

  it("refuses a text longer than 200 characters", () => {
    const { errors } = parse(`q=${"a".repeat(201)}`);
    expect(errors.q).toBe("errors.qTooLong");
  });

  it("accepts a device location only inside the Milan area", () => {
    expect(parse("lat=45.46&lon=9.19").errors).toEqual({});
    expect(parse("lat=41.9&lon=12.5").errors).toEqual({ lat: "errors.location", lon: "errors.location" });
  });

  it("never throws on hostile input", () => {
    const hostile = ["'; drop table providers; --", "<script>alert(1)</script>", "\u202e\u0000", "9".repeat(400), "%%%"];
    for (const value of hostile) {
      for (const key of ["q", "category", "quartiere", "lang", "page", "sort", "radius", "lat"]) {
        expect(() => parse(`${key}=${encodeURIComponent(value)}`)).not.toThrow();
      }
    }
  });
});
