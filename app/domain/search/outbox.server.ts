import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { SearchClient } from "./search-client.server";
import { loadProviderDocuments } from "./provider-documents.server";
import { deleteProviderDocuments, ensureProviderIndex, upsertProviderDocuments } from "./provider-index.server";
import { announceIndexChange } from "./index-change-signal.server";
import { SEARCH_SYNC_LOCK_KEY } from "./search-sync-lock";

export type DrainOutcome =
  | { status: "drained"; rows: number; upserted: number; deleted: number }
  | { status: "empty" }
  | { status: "busy" };

/**
 * Applies one batch of the search outbox to Meilisearch. The rows are deleted only in the same
 * transaction that saw Meilisearch confirm the change, so a failure (Meilisearch down, worker
 * killed) leaves them for the next attempt. Applying is idempotent: each document is rebuilt from
 * the current database state, so a retried or duplicated row has the same effect once.
 */
export async function drainSearchOutboxBatch(
  db: Kysely<Database>,
  search: SearchClient,
  options: { batchSize?: number } = {},
): Promise<DrainOutcome> {
  const batchSize = options.batchSize ?? 1000;
  let failedRowIds: string[] = [];
  let touchedIndex = false;
  try {
    return await db.transaction().execute(async (trx) => {
      const { rows: lockRows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEARCH_SYNC_LOCK_KEY}) as locked`.execute(trx);
      if (!lockRows[0]?.locked) return { status: "busy" } as const;

      const rows = await trx
        .selectFrom("search_outbox")
        .select(["id", "provider_id"])
        .orderBy("id")
        .limit(batchSize)
        .forUpdate()
        .execute();
      if (rows.length === 0) return { status: "empty" } as const;
      failedRowIds = rows.map((r) => r.id);

      const providerIds = [...new Set(rows.map((r) => r.provider_id))];
      const documents = await loadProviderDocuments(trx, providerIds);
      const publicIds = new Set(documents.map((d) => d.id));
      const hiddenIds = providerIds.filter((id) => !publicIds.has(id));

      touchedIndex = true;
      await deleteProviderDocuments(search, hiddenIds);
      await upsertProviderDocuments(search, documents);
      await trx.deleteFrom("search_outbox").where("id", "in", failedRowIds).execute();
      // Heard by the web processes when this commits: their cached results are now out of date.
      await announceIndexChange(trx);
      failedRowIds = [];
      return { status: "drained", rows: rows.length, upserted: documents.length, deleted: hiddenIds.length } as const;
    });
  } catch (error) {
    if (failedRowIds.length > 0) await recordFailure(db, failedRowIds, error);
    // Part of the batch may have reached the index before the failure.
    if (touchedIndex) await announceIndexChange(db).catch(() => {});
    throw error;
  }
}

async function recordFailure(db: Kysely<Database>, rowIds: string[], error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db
    .updateTable("search_outbox")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: message.slice(0, 1000) }))
    .where("id", "in", rowIds)
    .execute()
    .catch(() => {
      // The database itself may be what failed; the rows are still there and will be retried.
    });
}

export async function pendingSearchOutboxRows(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("search_outbox").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export { ensureProviderIndex };
