import { describe, expect, it } from "vitest";
import { SearchResultCache } from "../../app/domain/search/search-result-cache";

const listeningCache = () => {
  const cache = new SearchResultCache<string>({ ttlMs: 60_000, maxEntries: 100 });
  cache.setListening(true);
  return cache;
};

describe("the search result cache", () => {
  it("serves a kept page until the index changes", () => {
    const cache = listeningCache();
    cache.store("babysitter|brera", "page 1", cache.ticket());
    expect(cache.get("babysitter|brera")).toBe("page 1");
    cache.invalidate();
    expect(cache.get("babysitter|brera")).toBeUndefined();
  });

  it("drops an answer to a search that started before a change", () => {
    const cache = listeningCache();
    const ticket = cache.ticket(); // the search asks Meilisearch…
    cache.invalidate(); // …a provider is suspended meanwhile…
    cache.store("babysitter|brera", "page with the suspended provider", ticket); // …and the old answer arrives
    expect(cache.get("babysitter|brera")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("keeps and serves nothing while changes cannot be heard", () => {
    const cache = listeningCache();
    cache.store("a", "A", cache.ticket());
    cache.setListening(false);
    expect(cache.get("a")).toBeUndefined();
    cache.store("b", "B", cache.ticket());
    expect(cache.size).toBe(0);
    // Back: what was kept before the outage is gone too (changes may have been missed).
    cache.setListening(true);
    expect(cache.get("a")).toBeUndefined();
  });

  it("starts deaf: nothing is kept before the first connection", () => {
    const cache = new SearchResultCache<string>({ ttlMs: 60_000, maxEntries: 100 });
    cache.store("a", "A", cache.ticket());
    expect(cache.get("a")).toBeUndefined();
  });
});
