import type { DB } from "../db/client";
import type { SearchClient } from "./domain/search/search-client.server";

/** What server/index.ts hands every loader and action (see getLoadContext there). */
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    db: DB;
    search: SearchClient;
    requestId: string;
    cspNonce: string;
  }
}

export {};
