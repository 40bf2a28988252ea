import type { DB } from "../../db/client";
import { drainSearchOutboxBatch } from "../../app/domain/search/outbox.server";
import type { SearchClient } from "../../app/domain/search/search-client.server";
import { parseSearchQuery } from "../../app/domain/search/search-query.server";
import { searchProviders, type SearchDeps } from "../../app/domain/search/search-providers.server";

/** Applies the whole outbox now (what the worker does in the background). */
export async function drainOutbox(db: DB, search: SearchClient): Promise<void> {
  for (;;) {
    const outcome = await drainSearchOutboxBatch(db, search);
    if (outcome.status === "empty") return;
  }
}

/** Runs a search the way the search page does, from a query string. */
export function searchFor(deps: SearchDeps, queryString: string) {
  const { query, errors } = parseSearchQuery(new URLSearchParams(queryString));
  if (Object.keys(errors).length > 0) throw new Error(`invalid test query: ${JSON.stringify(errors)}`);
  return searchProviders(deps, query);
}

/**
 * Polls until the condition holds (a condition that throws counts as "not yet", e.g. a server
 * still starting); returns the milliseconds it took, or throws after timeoutMs.
 */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 25): Promise<number> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      if (await condition()) return Date.now() - started;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `; last error: ${String(lastError)}` : ""}`);
}
