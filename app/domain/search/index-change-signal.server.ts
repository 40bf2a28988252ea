import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { listenToChannels, type PgListener } from "../../utils/pg-listener.server";
import { SearchResultCache } from "./search-result-cache";

/**
 * Two signals keep cached search results honest. "search_outbox" is sent by the database with
 * every change queued for the index (a trigger on the outbox): from then on a cached page may show
 * a provider who is no longer public, even while Meilisearch is down and the change cannot be
 * applied. "search_index_changed" is sent by whoever writes to the index (the outbox drain, the
 * full reindex) once the change is in: pages cached in between are out of date too. Every web
 * process forgets its cached results on either. A NOTIFY inside a transaction is delivered when
 * it commits.
 */
export const SEARCH_OUTBOX_CHANNEL = "search_outbox";
export const SEARCH_INDEX_CHANGED_CHANNEL = "search_index_changed";

export async function announceIndexChange(db: Kysely<Database>): Promise<void> {
  await sql`select pg_notify(${SEARCH_INDEX_CHANGED_CHANNEL}, '')`.execute(db);
}

/** A result cache for one web process, emptied on every queued and every applied change. */
export function startSearchResultCache<T>(options: { databaseUrl: string; ttlMs?: number; maxEntries?: number }): {
  cache: SearchResultCache<T>;
  listener: PgListener;
} {
  const cache = new SearchResultCache<T>({ ttlMs: options.ttlMs ?? 60_000, maxEntries: options.maxEntries ?? 1_000 });
  return { cache, listener: forgetOnIndexChange(options.databaseUrl, [cache]) };
}

/** One LISTEN connection that empties all the given caches on every change (and keeps them off while it is down). */
export function forgetOnIndexChange(databaseUrl: string, caches: Array<Pick<SearchResultCache<unknown>, "invalidate" | "setListening">>): PgListener {
  return listenToChannels({
    connectionString: databaseUrl,
    channels: [SEARCH_OUTBOX_CHANNEL, SEARCH_INDEX_CHANGED_CHANNEL],
    onNotification: () => caches.forEach((cache) => cache.invalidate()),
    onConnected: () => caches.forEach((cache) => cache.setListening(true)),
    onDisconnected: () => caches.forEach((cache) => cache.setListening(false)),
  });
}
