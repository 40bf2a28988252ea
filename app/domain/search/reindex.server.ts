import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { SearchClient } from "./search-client.server";
import { loadProviderDocuments } from "./provider-documents.server";
import { ensureProviderIndex, swapInProviderIndex, upsertProviderDocuments } from "./provider-index.server";
import { announceIndexChange } from "./index-change-signal.server";
import { SEARCH_SYNC_LOCK_KEY } from "./search-sync-lock";

/**
 * Rebuilds the provider index from PostgreSQL into a new index and swaps it in atomically, so
 * searches never see a half-built index. It holds the search-sync lock throughout: the outbox
 * worker pauses, changes made meanwhile wait in the outbox and are applied to the new index
 * right after the swap.
 */
export async function reindexProviders(
  db: Kysely<Database>,
  search: SearchClient,
  options: { batchSize?: number; onProgress?: (indexed: number) => void } = {},
): Promise<{ indexed: number }> {
  const batchSize = options.batchSize ?? 2000;
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${SEARCH_SYNC_LOCK_KEY})`.execute(conn);
    try {
      const buildUid = `${search.indexPrefix}providers_build_${Date.now()}`;
      await ensureProviderIndex(search, buildUid);
      let indexed = 0;
      let after: string | null = null;
      for (;;) {
        let page = conn
          .selectFrom("providers")
          .select("id")
          .where("status", "=", "verified")
          .where("active", "=", true)
          .orderBy("id")
          .limit(batchSize);
        if (after) page = page.where("id", ">", after);
        const ids = (await page.execute()).map((row) => row.id);
        if (ids.length === 0) break;
        const documents = await loadProviderDocuments(conn, ids);
        await upsertProviderDocuments(search, documents, buildUid);
        indexed += documents.length;
        after = ids[ids.length - 1]!;
        options.onProgress?.(indexed);
      }
      await swapInProviderIndex(search, buildUid);
      await announceIndexChange(conn);
      return { indexed };
    } finally {
      await sql`select pg_advisory_unlock(${SEARCH_SYNC_LOCK_KEY})`.execute(conn);
    }
  });
}
