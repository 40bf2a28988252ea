import { describe, expect, it } from "vitest";
import { FacetCountCache } from "../../app/domain/search/facet-count-cache";

describe("the facet count cache", () => {
  it("forgets counts after their time to live", () => {
    let now = 1_000;
    const cache = new FacetCountCache<number>({ ttlMs: 15_000, maxEntries: 10, now: () => now });
    cache.set("babysitter|brera", 42);
    now += 14_999;
    expect(cache.get("babysitter|brera")).toBe(42);
    now += 1;
    expect(cache.get("babysitter|brera")).toBeUndefined();
  });

  it("keeps the most recently used searches when full", () => {
    const cache = new FacetCountCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set("a", "A");
    cache.set("b", "B");
    expect(cache.get("a")).toBe("A"); // a is now the most recent
    cache.set("c", "C");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    expect(cache.get("c")).toBe("C");
    expect(cache.size).toBe(2);
  });
});
