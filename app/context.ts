import type { DB } from "../db/client";
import type { SearchClient } from "./domain/search/search-client.server";
import type { SearchResultCache } from "./domain/search/search-result-cache";
import type { ResultPage } from "./domain/search/search-providers.server";
import type { DemandRecorder } from "./domain/impact/demand-recorder.server";

/** What server/index.ts hands every loader and action (see getLoadContext there). */
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    db: DB;
    search: SearchClient;
    /** This process's search results, forgotten whenever the index changes (absent: always ask). */
    searchResultCache?: SearchResultCache<ResultPage>;
    /** Buffers searches that found too little, written in batches (app/domain/impact/demand-recorder.server.ts). */
    demand: DemandRecorder;
    requestId: string;
    cspNonce: string;
    /** The CSRF token to put in forms (hidden field "_csrf"). */
    csrfToken: string;
    /** Checks a token sent with a form against this request's CSRF cookie. */
    isValidCsrfToken(token: string): boolean;
    /** The client's address (behind one trusted proxy). */
    clientIp: string;
    /**
     * Present when this page could be kept and shown to other visitors not signed in
     * (server/page-cache.ts). A loader offers its page when it shows nothing personal and
     * nothing degraded; `replay` is what it does for every visitor (run again on each reuse).
     */
    sharedPage?: { offer(replay?: (userAgent: string | null) => void): void };
  }
}

export {};
