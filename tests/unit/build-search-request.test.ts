import { describe, expect, it } from "vitest";
import { buildSearchPlan, effectiveSort } from "../../app/domain/search/build-search-request";
import { parseSearchQuery } from "../../app/domain/search/search-query.server";

const query = (qs: string) => parseSearchQuery(new URLSearchParams(qs)).query;
const duomo = { lat: 45.46371, lng: 9.18695, quartiereId: 1, quartiereName: "DUOMO" };

describe("turning a query into a Meilisearch request", () => {
  it("combines languages as alternatives and days as requirements", () => {
    const plan = buildSearchPlan(query("lang=it&lang=ar&day=mon&day=tue"), null);
    expect(plan.main.filter).toEqual(['languages IN ["it", "ar"]', 'availableDays = "mon"', 'availableDays = "tue"']);
  });

  it("filters by quartiere served unless a radius is chosen", () => {
    expect(buildSearchPlan(query("quartiere=1"), duomo).main.filter).toEqual(["zoneIds = 1"]);
    expect(buildSearchPlan(query("quartiere=1&radius=2"), duomo).main.filter).toEqual(["_geoRadius(45.46371, 9.18695, 2000)"]);
  });

  it("compares the maximum price with the chosen service's price", () => {
    expect(buildSearchPlan(query("maxPrice=12"), null).main.filter).toEqual(["hourlyPriceCents <= 1200"]);
    expect(buildSearchPlan(query("category=colf&maxPrice=12"), null).main.filter).toEqual(['categories = "colf"', "prices.colf <= 1200"]);
  });

  it("quotes user values so they cannot change the filter", () => {
    const plan = buildSearchPlan({ ...query(""), category: 'x" OR kind = "y' }, null);
    expect(plan.main.filter).toEqual(['categories = "x\\" OR kind = \\"y"']);
  });

  it("adds a facet-only query for each active alternative filter, without that filter", () => {
    const plan = buildSearchPlan(query("category=babysitter&lang=es&day=mon"), null);
    expect(plan.disjunctive.map((d) => d.facet)).toEqual(["category", "language"]);
    expect(plan.disjunctive[1]?.params.filter).toEqual(['categories = "babysitter"', 'availableDays = "mon"']);
    expect(plan.disjunctive[1]?.params.limit).toBe(0);
  });

  it("sorts by distance when there is a place and no words, by relevance otherwise", () => {
    expect(effectiveSort(query("quartiere=1"), duomo)).toBe("distance");
    expect(effectiveSort(query("q=tata&quartiere=1"), duomo)).toBe("relevance");
    expect(effectiveSort(query("sort=distance"), null)).toBe("relevance");
    expect(buildSearchPlan(query("quartiere=1"), duomo).main.sort).toEqual(["_geoPoint(45.46371, 9.18695):asc"]);
    expect(buildSearchPlan(query("sort=price&category=colf"), null).main.sort).toEqual(["prices.colf:asc"]);
  });
});
