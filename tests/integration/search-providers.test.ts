import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context";
import { insertProvider } from "../support/provider-fixtures";
import { drainOutbox, searchFor } from "../support/search-helpers";
import { createSearchClient } from "../../app/domain/search/search-client.server";
import { findFreePort } from "../../server/services";
import { changeProviderStatus } from "../../app/domain/verification/change-provider-status.server";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA, 69 SARPI.
let ctx: TestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  ids.giulia = await insertProvider(ctx.db, {
    displayName: "Giulia Rossi",
    services: [{ slug: "babysitter", cents: 1200 }, { slug: "doposcuola", cents: 1600 }],
    languages: ["it", "en"],
    quartiereId: 1,
    zones: [2],
    minorsCheck: true,
    slots: [[1, "16:00", "19:00"], [2, "16:00", "19:00"], [3, "16:00", "19:00"]],
  });
  ids.olena = await insertProvider(ctx.db, {
    displayName: "Olena Shevchenko",
    services: [{ slug: "badante", cents: 1000 }],
    languages: ["uk", "it"],
    quartiereId: 69,
    slots: [[1, "08:00", "12:00"]],
  });
  ids.carmen = await insertProvider(ctx.db, {
    displayName: "Carmen Quispe",
    services: [{ slug: "babysitter", cents: 900 }],
    languages: ["es", "it"],
    quartiereId: 2,
    slots: [[1, "16:00", "19:00"]],
  });
  ids.pending = await insertProvider(ctx.db, { displayName: "Marta Inattesa", status: "pending" });
  ids.inactive = await insertProvider(ctx.db, { displayName: "Marta Inattiva", active: false });
  await drainOutbox(ctx.db, ctx.search);
});

afterAll(async () => {
  await ctx?.cleanup();
});

const names = (result: { hits: Array<{ displayName: string }> }) => result.hits.map((h) => h.displayName).sort();

describe("searching providers", () => {
  it("finds a babysitter even when the word is misspelled", async () => {
    const result = await searchFor(ctx, "q=babysiter");
    expect(names(result)).toEqual(["Carmen Quispe", "Giulia Rossi"]);
  });

  it("matches the words families use in other languages", async () => {
    expect(names(await searchFor(ctx, "q=tata"))).toEqual(["Carmen Quispe", "Giulia Rossi"]);
    expect(names(await searchFor(ctx, "q=carer"))).toEqual(["Olena Shevchenko"]);
    expect(names(await searchFor(ctx, "q=доглядальниця"))).toEqual(["Olena Shevchenko"]);
  });

  it("never shows providers who are pending or inactive", async () => {
    const result = await searchFor(ctx, "q=Marta");
    expect(result.total).toBe(0);
    const everyone = await searchFor(ctx, "");
    expect(everyone.total).toBe(3);
    expect(everyone.hits.map((h) => h.id)).not.toContain(ids.pending);
  });

  it("treats several languages as alternatives and counts each language ignoring its own filter", async () => {
    const result = await searchFor(ctx, "category=babysitter&lang=en&lang=es");
    expect(names(result)).toEqual(["Carmen Quispe", "Giulia Rossi"]);
    const spanishOnly = await searchFor(ctx, "category=babysitter&lang=es");
    expect(names(spanishOnly)).toEqual(["Carmen Quispe"]);
    // The language facet still offers English with its count while Spanish is selected.
    expect(spanishOnly.facets.language).toMatchObject({ en: 1, es: 1, it: 2 });
    // Category counts are computed without the category filter itself.
    expect(spanishOnly.facets.category).toEqual({ babysitter: 1 });
    // Without the language filter, the category counts cover everyone.
    expect((await searchFor(ctx, "category=babysitter")).facets.category).toEqual({ babysitter: 2, doposcuola: 1, badante: 1 });
  });

  it("requires every chosen day to be available", async () => {
    expect(names(await searchFor(ctx, "day=mon&day=wed"))).toEqual(["Giulia Rossi"]);
    expect(names(await searchFor(ctx, "day=mon"))).toEqual(["Carmen Quispe", "Giulia Rossi", "Olena Shevchenko"]);
    expect(names(await searchFor(ctx, "daypart=morning"))).toEqual(["Olena Shevchenko"]);
  });

  it("limits price by the chosen service's own price", async () => {
    // Giulia: babysitter 12 €/h, doposcuola 16 €/h.
    expect(names(await searchFor(ctx, "category=doposcuola&maxPrice=15"))).toEqual([]);
    expect(names(await searchFor(ctx, "category=doposcuola&maxPrice=16"))).toEqual(["Giulia Rossi"]);
    const priced = await searchFor(ctx, "category=doposcuola");
    expect(priced.hits[0]?.hourlyPriceCents).toBe(1600);
  });

  it("shows providers serving the chosen quartiere, nearest first, with distances", async () => {
    const result = await searchFor(ctx, "quartiere=2");
    expect(names(result)).toEqual(["Carmen Quispe", "Giulia Rossi"]);
    expect(result.sort).toBe("distance");
    expect(result.defaultSort).toBe("distance");
    expect((await searchFor(ctx, "quartiere=2&q=babysitter")).defaultSort).toBe("relevance");
    expect(result.hits[0]?.displayName).toBe("Carmen Quispe");
    expect(result.hits[0]?.distanceM).toBeLessThan(result.hits[1]!.distanceM!);
    expect(result.origin?.quartiereName).toBe("Brera");
  });

  it("filters by a radius around the quartiere centroid", async () => {
    const within1km = await searchFor(ctx, "quartiere=1&radius=1");
    expect(names(within1km)).toEqual(["Giulia Rossi"]);
    for (const hit of within1km.hits) expect(hit.distanceM).toBeLessThanOrEqual(1000);
    const within5km = await searchFor(ctx, "quartiere=1&radius=5");
    expect(within5km.total).toBe(3);
  });

  it("reports an unknown quartiere instead of silently returning nothing", async () => {
    const result = await searchFor(ctx, "quartiere=999&category=babysitter");
    expect(result.fieldErrors.quartiere).toBe("errors.quartiere");
    expect(names(result)).toEqual(["Carmen Quispe", "Giulia Rossi"]);
  });

  it("reports a service that is not in the catalogue", async () => {
    const result = await searchFor(ctx, "category=idraulico");
    expect(result.fieldErrors.category).toBe("errors.category");
    expect(result.total).toBe(0);
    expect((await searchFor(ctx, "category=colf")).fieldErrors).toEqual({});
  });

  it("filters by the check for work with minors and by provider kind", async () => {
    expect(names(await searchFor(ctx, "minorsCheck=1"))).toEqual(["Giulia Rossi"]);
    expect(await searchFor(ctx, "kind=organisation")).toMatchObject({ total: 0 });
  });

  it("sorts by price and pages results", async () => {
    const cheapest = await searchFor(ctx, "sort=price");
    expect(cheapest.hits.map((h) => h.hourlyPriceCents)).toEqual([900, 1000, 1200]);
    const beyond = await searchFor(ctx, "page=2");
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(3);
    expect(beyond.totalPages).toBe(1);
  });
});

describe("when Meilisearch cannot be reached", () => {
  it("answers the same filters from PostgreSQL and says so", async () => {
    const deadSearch = createSearchClient({ url: `http://127.0.0.1:${await findFreePort()}`, indexPrefix: "unreachable_" });
    const fallback = { db: ctx.db, search: deadSearch };
    const queries = [
      "q=babysitter",
      "q=Shevchenko",
      "category=babysitter&lang=es",
      "day=mon&day=wed",
      "daypart=morning",
      "category=doposcuola&maxPrice=16",
      "quartiere=2",
      "quartiere=1&radius=1",
      "minorsCheck=1",
      "q=Marta",
    ];
    for (const query of queries) {
      const fromDatabase = await searchFor(fallback, query);
      const fromIndex = await searchFor(ctx, query);
      expect(fromDatabase.source, query).toBe("database");
      expect(names(fromDatabase), query).toEqual(names(fromIndex));
      expect(fromDatabase.total, query).toBe(fromIndex.total);
    }
    const nearest = await searchFor(fallback, "quartiere=2");
    expect(nearest.hits.map((h) => h.displayName)).toEqual(["Carmen Quispe", "Giulia Rossi"]);
    expect(nearest.hits[0]?.distanceM).toBeLessThan(nearest.hits[1]!.distanceM!);
  });
});

describe("facet counts kept for a few seconds", () => {
  it("never keep a suspended provider in the results or the total", async () => {
    const id = await insertProvider(ctx.db, { displayName: "Zelia Contata", services: [{ slug: "colf", cents: 1100 }], quartiereId: 69 });
    await drainOutbox(ctx.db, ctx.search);
    const before = await searchFor(ctx, "category=colf&quartiere=69");
    expect(names(before)).toContain("Zelia Contata");

    await changeProviderStatus(ctx.db, { providerId: id, action: "suspend", actor: "test", reason: "Verifica" });
    await drainOutbox(ctx.db, ctx.search);
    const after = await searchFor(ctx, "category=colf&quartiere=69");
    expect(names(after)).not.toContain("Zelia Contata");
    expect(after.total).toBe(before.total - 1);
  });
});
