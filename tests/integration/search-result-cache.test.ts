import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { startSearchResultCache } from "../../app/domain/search/index-change-signal.server";
import { pendingSearchOutboxRows } from "../../app/domain/search/outbox.server";
import { createSearchClient } from "../../app/domain/search/search-client.server";
import type { ResultPage, SearchDeps } from "../../app/domain/search/search-providers.server";
import { startSearchSyncWorker, type SearchSyncWorker } from "../../app/domain/search/search-sync-worker.server";
import { changeProviderStatus } from "../../app/domain/verification/change-provider-status.server";
import { findFreePort, startEmbeddedMeilisearch, type RunningMeilisearch } from "../../server/services";
import { insertProvider } from "../support/provider-fixtures";
import { searchFor, waitUntil } from "../support/search-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

/**
 * The web process keeps pages of search results (issue 2's throughput) but must never show a
 * provider who is no longer public: these run against a real PostgreSQL and a Meilisearch of their
 * own that they stop, so "served from the cache" is observable (without it the page would fall
 * back to the database).
 */
let ctx: TestContext;
let meili: RunningMeilisearch;
let worker: SearchSyncWorker | undefined;
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  ctx = await createTestContext();
  const port = await findFreePort();
  meili = await startEmbeddedMeilisearch({ dataDir: path.join(inject("testDataDir"), `meili-result-cache-${port}`), port });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  while (stops.length > 0) await stops.pop()!();
});
afterAll(async () => {
  await meili?.stop();
  await ctx?.cleanup();
});

async function cachedDeps(databaseUrl: string) {
  const search = createSearchClient({ url: meili.url, indexPrefix: `cache_${Date.now()}_` });
  const { cache, listener } = startSearchResultCache<ResultPage>({ databaseUrl });
  stops.push(() => listener.stop());
  await waitUntil(async () => listener.connected, 5_000);
  return { deps: { db: ctx.db, search, resultCache: cache } satisfies SearchDeps, cache };
}

const names = async (deps: SearchDeps, query: string) => {
  const result = await searchFor(deps, query);
  return { source: result.source, names: result.hits.map((h) => h.displayName) };
};

describe("cached search results", () => {
  it("serves a repeated search from the cache, and hides a provider suspended while Meilisearch is down within 2 s", async () => {
    const { deps, cache } = await cachedDeps(ctx.databaseUrl);
    worker = startSearchSyncWorker({ db: ctx.db, search: deps.search, databaseUrl: ctx.databaseUrl });
    const id = await insertProvider(ctx.db, { displayName: "Ornella Memorizzata" });
    const query = `q=${encodeURIComponent("Ornella Memorizzata")}`;
    await waitUntil(async () => (await names(deps, query)).names.includes("Ornella Memorizzata"), 5_000);
    await waitUntil(async () => (await pendingSearchOutboxRows(ctx.db)) === 0, 5_000);
    await worker.stop();
    worker = undefined;
    expect(await names(deps, query)).toEqual({ source: "meilisearch", names: ["Ornella Memorizzata"] });

    // Meilisearch stops: the same search is still answered from the index's last answer…
    meili.process.kill("SIGKILL");
    await new Promise((resolve) => meili.process.once("exit", resolve));
    expect(await names(deps, query)).toEqual({ source: "meilisearch", names: ["Ornella Memorizzata"] });

    // …until a change is queued for the index: then the cache is forgotten at once, and the
    // database (which knows she is suspended) answers, although the index could not be updated.
    const suspended = Date.now();
    await changeProviderStatus(ctx.db, { providerId: id, action: "suspend", actor: "test-operator", reason: "Documento scaduto" });
    await waitUntil(async () => {
      const found = await names(deps, query);
      return found.source === "database" && !found.names.includes("Ornella Memorizzata");
    }, 2_000);
    expect(Date.now() - suspended).toBeLessThan(2_000);
    expect(cache.size).toBe(0);
  });

  it("keeps nothing while it cannot hear about changes", async () => {
    const unreachable = `postgres://nobody@127.0.0.1:${await findFreePort()}/nothing`;
    const { cache, listener } = startSearchResultCache<ResultPage>({ databaseUrl: unreachable });
    stops.push(() => listener.stop());
    cache.store("babysitter", { hits: [], total: 0, processingTimeMs: 1 }, cache.ticket());
    expect(cache.size).toBe(0);
    expect(listener.connected).toBe(false);
  });
});
