import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cookieSecret, secureCookies } from "../app/utils/cookies.server.js";
import { stripeFormActionOrigins } from "../app/domain/payments/stripe-client.server.js";
import { forgetOnIndexChange } from "../app/domain/search/index-change-signal.server.js";
import { SearchResultCache } from "../app/domain/search/search-result-cache.js";
import type { ResultPage } from "../app/domain/search/search-providers.server.js";
import { createApp } from "./index.js";
import type { CachedPage } from "./page-cache.js";
import type { Logger } from "./logger.js";
import type { Runtime } from "./runtime.js";

/** Starts the HTTP server of one web process; resolves once it listens. */
export async function serveHttp(runtime: Runtime, logger: Logger): Promise<{ server: Server; url: string }> {
  // Both caches are forgotten together, on the same signal, whenever the index changes.
  const seconds = { results: runtime.env.SEARCH_RESULT_CACHE_SECONDS, pages: runtime.env.SEARCH_PAGE_CACHE_SECONDS };
  const resultCache = seconds.results > 0 ? new SearchResultCache<ResultPage>({ ttlMs: seconds.results * 1000, maxEntries: 1_000 }) : undefined;
  // A kept page is about 72 KB of text, ~140 KB in memory (V8 keeps it as two-byte characters as
  // soon as one is outside Latin-1): 500 of them are at most ~70 MB per web process.
  const pageCache = seconds.pages > 0 ? new SearchResultCache<CachedPage>({ ttlMs: seconds.pages * 1000, maxEntries: 500 }) : undefined;
  const caches = [resultCache, pageCache].filter((cache) => cache !== undefined);
  const listener = caches.length > 0 ? forgetOnIndexChange(runtime.services.databaseUrl, caches) : undefined;
  const app = await createApp({
    db: runtime.db,
    search: runtime.search,
    searchResultCache: resultCache,
    pageCache,
    demand: runtime.demand,
    logger,
    secret: cookieSecret(),
    secureCookies: secureCookies(),
    authRateLimitPer15Min: runtime.env.RATE_LIMIT_AUTH_PER_15MIN,
    searchRateLimitPerMin: runtime.env.RATE_LIMIT_SEARCH_PER_MIN,
    slowRequestMs: runtime.env.SLOW_REQUEST_MS,
    formActionOrigins: stripeFormActionOrigins(runtime.env),
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(runtime.env.PORT, runtime.env.HOST, () => {
      const { port } = server.address() as AddressInfo;
      const host = ["0.0.0.0", "::"].includes(runtime.env.HOST) ? "localhost" : runtime.env.HOST;
      resolve({ server, url: `http://${host}:${port}` });
    });
    server.keepAliveTimeout = 65_000;
    server.once("close", () => void listener?.stop());
    server.once("error", reject);
  });
}
