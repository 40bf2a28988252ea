import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cookieSecret, secureCookies } from "../app/utils/cookies.server.js";
import { stripeFormActionOrigins } from "../app/domain/payments/stripe-client.server.js";
import { startSearchResultCache } from "../app/domain/search/index-change-signal.server.js";
import type { ResultPage } from "../app/domain/search/search-providers.server.js";
import { createApp } from "./index.js";
import type { Logger } from "./logger.js";
import type { Runtime } from "./runtime.js";

/** Starts the HTTP server of one web process; resolves once it listens. */
export async function serveHttp(runtime: Runtime, logger: Logger): Promise<{ server: Server; url: string }> {
  const resultCache =
    runtime.env.SEARCH_RESULT_CACHE_SECONDS > 0
      ? startSearchResultCache<ResultPage>({ databaseUrl: runtime.services.databaseUrl, ttlMs: runtime.env.SEARCH_RESULT_CACHE_SECONDS * 1000 })
      : null;
  const app = await createApp({
    db: runtime.db,
    search: runtime.search,
    searchResultCache: resultCache?.cache,
    demand: runtime.demand,
    logger,
    secret: cookieSecret(),
    secureCookies: secureCookies(),
    authRateLimitPer15Min: runtime.env.RATE_LIMIT_AUTH_PER_15MIN,
    searchRateLimitPerMin: runtime.env.RATE_LIMIT_SEARCH_PER_MIN,
    formActionOrigins: stripeFormActionOrigins(runtime.env),
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(runtime.env.PORT, runtime.env.HOST, () => {
      const { port } = server.address() as AddressInfo;
      const host = ["0.0.0.0", "::"].includes(runtime.env.HOST) ? "localhost" : runtime.env.HOST;
      resolve({ server, url: `http://${host}:${port}` });
    });
    server.keepAliveTimeout = 65_000;
    server.once("close", () => void resultCache?.listener.stop());
    server.once("error", reject);
  });
}
