import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../db/seed/demo";
import { searchFor } from "../support/search-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

const countPublic = async () =>
  Number(
    (
      await ctx.db
        .selectFrom("providers")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("status", "=", "verified")
        .where("active", "=", true)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("demo data", () => {
  it("loads providers into PostgreSQL and exactly the public ones into the index", async () => {
    const result = await seedDemoData(ctx, { providers: 300, seed: 7 });
    expect(result.providers).toBe(300);
    const publicCount = await countPublic();
    expect(publicCount).toBeGreaterThan(240);
    expect(publicCount).toBeLessThan(300);
    expect(result.indexed).toBe(publicCount);
    const stats = await ctx.search.client.index(ctx.search.providersIndex).getStats();
    expect(stats.numberOfDocuments).toBe(publicCount);
    // The bulk load leaves no outbox backlog behind: the reindex already covers it.
    expect(await ctx.db.selectFrom("search_outbox").select("id").execute()).toEqual([]);
  });

  it("gives searchable providers that really serve the quartiere asked for", async () => {
    const result = await searchFor(ctx, "category=babysitter&quartiere=1");
    expect(result.total).toBeGreaterThan(0);
    const served = await ctx.db
      .selectFrom("provider_zones")
      .select("provider_id")
      .where("quartiere_id", "=", 1)
      .where("provider_id", "in", result.hits.map((h) => h.id))
      .execute();
    expect(served).toHaveLength(result.hits.length);
    for (const hit of result.hits) expect(hit.categories).toContain("babysitter");
  });

  it("replaces the providers with the same ones for the same seed", async () => {
    const before = (await ctx.db.selectFrom("providers").select("id").orderBy("id").execute()).map((r) => r.id);
    await seedDemoData(ctx, { providers: 300, seed: 7 });
    const after = (await ctx.db.selectFrom("providers").select("id").orderBy("id").execute()).map((r) => r.id);
    expect(after).toEqual(before);
  });
});
