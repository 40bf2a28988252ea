import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { createDemandRecorder } from "../../app/domain/impact/demand-recorder.server";
import { createTestContext, type TestContext } from "../support/test-context";

/**
 * Unmet searches are recorded without slowing the search page: in memory first, then one
 * multi-row INSERT per batch, and with nothing that could identify the person searching.
 */

let ctx: TestContext;
const rows = () => ctx.db.selectFrom("search_demand_events").selectAll().orderBy("id").execute();
const babysitter = { categorySlug: "babysitter", quartiereId: 1, language: "it", resultCount: 0 };

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});
beforeEach(async () => {
  await ctx.db.deleteFrom("search_demand_events").execute();
});

describe("the unmet-demand recorder", () => {
  it("keeps events in memory and writes them in one batch when maxBatch are waiting", async () => {
    const recorder = createDemandRecorder(ctx.db, { flushIntervalMs: 60_000, maxBatch: 3 });
    try {
      expect(recorder.recordSearch(babysitter)).toBe(true);
      expect(recorder.recordSearch({ ...babysitter, resultCount: 2 })).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await rows()).toEqual([]); // nothing written per request
      expect(recorder.stats.pending).toBe(2);

      recorder.recordSearch({ ...babysitter, quartiereId: 2, language: "ar" });
      await expect.poll(async () => (await rows()).length).toBe(3);
      expect(recorder.stats).toMatchObject({ pending: 0, written: 3, flushes: 1 });
    } finally {
      await recorder.stop();
    }
  });

  it("writes what is waiting every flush interval and when it stops", async () => {
    const recorder = createDemandRecorder(ctx.db, { flushIntervalMs: 40, maxBatch: 200 });
    recorder.recordSearch(babysitter);
    await expect.poll(async () => (await rows()).length).toBe(1);
    recorder.recordSearch(babysitter);
    await recorder.stop();
    expect(await rows()).toHaveLength(2);
    // Stopped: nothing more is accepted.
    expect(recorder.recordSearch(babysitter)).toBe(false);
  });

  it("writes hundreds of searches in a handful of statements", async () => {
    const recorder = createDemandRecorder(ctx.db, { flushIntervalMs: 60_000, maxBatch: 200 });
    for (let i = 0; i < 450; i++) recorder.recordSearch({ ...babysitter, quartiereId: (i % 88) + 1 });
    await recorder.stop();
    expect(await rows()).toHaveLength(450);
    expect(recorder.stats.flushes).toBeLessThanOrEqual(3);
  });

  it("records only searches with fewer than 3 results", async () => {
    const recorder = createDemandRecorder(ctx.db, { flushIntervalMs: 60_000 });
    expect(recorder.recordSearch({ ...babysitter, resultCount: 3 })).toBe(false);
    expect(recorder.recordSearch({ ...babysitter, resultCount: 40 })).toBe(false);
    expect(recorder.recordSearch({ ...babysitter, resultCount: 2 })).toBe(true);
    await recorder.stop();
    expect((await rows()).map((r) => r.result_count)).toEqual([2]);
  });

  it("stores category, quartiere, language and count only — no user, address or free text", async () => {
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'search_demand_events' order by column_name`.execute(ctx.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(["category_id", "created_at", "id", "language", "quartiere_id", "result_count"]);

    const recorder = createDemandRecorder(ctx.db, { flushIntervalMs: 60_000 });
    // Whatever a caller passes besides the four fields has nowhere to go.
    recorder.recordSearch({ ...babysitter, ...({ userId: "someone", ip: "203.0.113.9", q: "babysitter per Mario Rossi" } as object) });
    // Values that do not fit are not stored as given: an unknown category or quartiere becomes none.
    recorder.recordSearch({ categorySlug: "Mario Rossi <script>", quartiereId: 4242, language: "xx-<b>", resultCount: 0 });
    recorder.recordSearch({ categorySlug: "no-such-category", quartiereId: 999, language: "uk", resultCount: 1 });
    await recorder.stop();
    const [first, second, third] = await rows();
    const babysitterId = (await ctx.db.selectFrom("service_categories").select("id").where("slug", "=", "babysitter").executeTakeFirstOrThrow()).id;
    expect(first).toMatchObject({ category_id: babysitterId, quartiere_id: 1, language: "it", result_count: 0 });
    expect(Object.keys(first!).sort()).toEqual(["category_id", "created_at", "id", "language", "quartiere_id", "result_count"]);
    expect(second).toMatchObject({ category_id: null, quartiere_id: null, language: "und", result_count: 0 });
    expect(third).toMatchObject({ category_id: null, quartiere_id: null, language: "uk", result_count: 1 });
  });

  it("keeps events for the next flush while PostgreSQL is away, up to its bound", async () => {
    // A database nobody listens on: every write is refused at once.
    const unreachable = createDb("postgres://postgres:x@127.0.0.1:9/nowhere", { max: 1 });
    const failing = createDemandRecorder(unreachable, { flushIntervalMs: 60_000, maxBuffered: 5, logger: { warn() {} } });
    for (let i = 0; i < 4; i++) failing.recordSearch(babysitter);
    expect(await failing.flush()).toBe(0);
    expect(failing.stats.pending).toBe(4);
    for (let i = 0; i < 4; i++) failing.recordSearch(babysitter);
    expect(failing.stats).toMatchObject({ pending: 5, dropped: 3 });
    await failing.stop();
    await unreachable.destroy();
  });
});
