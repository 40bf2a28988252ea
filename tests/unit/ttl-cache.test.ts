import { describe, expect, it } from "vitest";
import { TtlCache } from "../../app/domain/search/ttl-cache";

describe("the in-process TTL cache", () => {
  it("forgets entries after their time to live", () => {
    let now = 1_000;
    const cache = new TtlCache<number>({ ttlMs: 15_000, maxEntries: 10, now: () => now });
    cache.set("babysitter|brera", 42);
    now += 14_999;
    expect(cache.get("babysitter|brera")).toBe(42);
    now += 1;
    expect(cache.get("babysitter|brera")).toBeUndefined();
  });

  it("keeps the most recently used searches when full", () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set("a", "A");
    cache.set("b", "B");
    expect(cache.get("a")).toBe("A"); // a is now the most recent
    cache.set("c", "C");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    expect(cache.get("c")).toBe("C");
    expect(cache.size).toBe(2);
  });

  it("forgets everything when cleared", () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    cache.set("a", "A");
    cache.set("b", "B");
    cache.clear();
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
