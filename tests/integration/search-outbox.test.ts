import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createSearchClient } from "../../app/domain/search/search-client.server";
import { pendingSearchOutboxRows } from "../../app/domain/search/outbox.server";
import { reindexProviders } from "../../app/domain/search/reindex.server";
import { startSearchSyncWorker, type SearchSyncWorker } from "../../app/domain/search/search-sync-worker.server";
import { changeProviderStatus } from "../../app/domain/verification/change-provider-status.server";
import { findFreePort, startEmbeddedMeilisearch, type RunningMeilisearch } from "../../server/services";
import { insertProvider } from "../support/provider-fixtures";
import { drainOutbox, searchFor, waitUntil } from "../support/search-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let worker: SearchSyncWorker | undefined;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(async () => {
  await ctx?.cleanup();
});

/** Whether the index (not the database fallback) returns the provider; throws while it cannot answer. */
const isFound = async (deps: Parameters<typeof searchFor>[0], name: string) => {
  const result = await searchFor(deps, `q=${encodeURIComponent(name)}`);
  if (result.source !== "meilisearch") throw new Error("the index did not answer");
  return result.hits.some((h) => h.displayName === name);
};

describe("keeping the search index in step with the database", () => {
  it("hides a suspended provider from search within 2 s", async () => {
    worker = startSearchSyncWorker({ db: ctx.db, search: ctx.search, databaseUrl: ctx.databaseUrl });
    const id = await insertProvider(ctx.db, { displayName: "Ilaria Sospesa" });
    await waitUntil(() => isFound(ctx, "Ilaria Sospesa"), 5_000);

    await changeProviderStatus(ctx.db, { providerId: id, action: "suspend", actor: "test-operator", reason: "Documento scaduto" });
    const elapsed = await waitUntil(async () => !(await isFound(ctx, "Ilaria Sospesa")), 2_000);
    expect(elapsed).toBeLessThan(2_000);

    const transitions = await ctx.db.selectFrom("provider_status_transitions").selectAll().where("provider_id", "=", id).execute();
    expect(transitions).toMatchObject([{ from_status: "verified", to_status: "suspended", actor: "test-operator", reason: "Documento scaduto" }]);
  });

  describe("while Meilisearch is down", () => {
    let meili: RunningMeilisearch;
    let meiliDir: string;
    let port: number;

    beforeAll(async () => {
      port = await findFreePort();
      meiliDir = path.join(inject("testDataDir"), `meili-outage-${port}`);
      meili = await startEmbeddedMeilisearch({ dataDir: meiliDir, port });
    });
    afterAll(async () => {
      await meili?.stop();
    });

    it("keeps the change in the outbox and applies it within 2 s of Meilisearch coming back", async () => {
      const search = createSearchClient({ url: meili.url, indexPrefix: "outage_" });
      const deps = { db: ctx.db, search };
      worker = startSearchSyncWorker({ db: ctx.db, search, databaseUrl: ctx.databaseUrl });
      const id = await insertProvider(ctx.db, { displayName: "Teresa Interrotta" });
      await waitUntil(() => isFound(deps, "Teresa Interrotta"), 5_000);

      meili.process.kill("SIGKILL");
      await new Promise((resolve) => meili.process.once("exit", resolve));
      await changeProviderStatus(ctx.db, { providerId: id, action: "suspend", actor: "test-operator", reason: "Segnalazione" });

      // The worker keeps trying; the change waits in PostgreSQL with its failed attempts counted.
      await waitUntil(async () => {
        const row = await ctx.db.selectFrom("search_outbox").select("attempts").where("provider_id", "=", id).executeTakeFirst();
        return (row?.attempts ?? 0) >= 2;
      }, 5_000);
      expect(await pendingSearchOutboxRows(ctx.db)).toBeGreaterThan(0);

      meili = await startEmbeddedMeilisearch({ dataDir: meiliDir, port });
      const cameBack = Date.now();
      await waitUntil(async () => !(await isFound(deps, "Teresa Interrotta")), 2_000);
      expect(Date.now() - cameBack).toBeLessThan(2_000);
      await waitUntil(async () => (await pendingSearchOutboxRows(ctx.db)) === 0, 2_000);
    });
  });

  it("rebuilds the index from the database and swaps it in, keeping changes made meanwhile", async () => {
    await drainOutbox(ctx.db, ctx.search);
    // Drift the index away from the truth: a document that should not be there.
    await ctx.search.client
      .index(ctx.search.providersIndex)
      .addDocuments([{ id: "00000000-0000-0000-0000-000000000000", displayName: "Fantasma", categories: [] }])
      .waitTask();
    await insertProvider(ctx.db, { displayName: "Rita Ricostruita" });

    const reindex = reindexProviders(ctx.db, ctx.search, { batchSize: 2 });
    await insertProvider(ctx.db, { displayName: "Nadia Nelfrattempo" });
    const { indexed } = await reindex;
    await drainOutbox(ctx.db, ctx.search);

    const publicCount = await ctx.db
      .selectFrom("providers")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("status", "=", "verified")
      .where("active", "=", true)
      .executeTakeFirstOrThrow();
    expect(indexed).toBeGreaterThanOrEqual(Number(publicCount.n) - 1);
    expect(await isFound(ctx, "Fantasma")).toBe(false);
    expect(await isFound(ctx, "Rita Ricostruita")).toBe(true);
    expect(await isFound(ctx, "Nadia Nelfrattempo")).toBe(true);
    const stats = await ctx.search.client.index(ctx.search.providersIndex).getStats();
    expect(stats.numberOfDocuments).toBe(Number(publicCount.n));
    const leftovers = (await ctx.search.client.getIndexes({ limit: 1000 })).results.filter((i) => i.uid.includes("providers_build_"));
    expect(leftovers.filter((i) => i.uid.startsWith(ctx.search.indexPrefix))).toEqual([]);
  });
});
