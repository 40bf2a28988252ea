import type { ServerBuild } from "@remix-run/node";

/**
 * "PostgreSQL is unreachable right now" (restart, failover, network cut) as opposed to a bug.
 * Such a failure is temporary and says nothing about the request, so people get a 503 page
 * "briefly unavailable, try again in a moment" with Retry-After instead of the 500 page.
 * See docs/decisions/0007-database-outage.md.
 */

/** Seconds a client should wait before trying again (the Retry-After header). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The body of the thrown 503 response; route error boundaries recognise the status. */
export const DATABASE_UNAVAILABLE = "database-unavailable";

/** Socket errors of a connection attempt that failed (pg rejects pool.connect() with them as they are). */
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNABORTED",
]);

/**
 * SQLSTATEs of a server that is going away or not accepting work yet: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * shutting down, in recovery) and 53300 too_many_connections.
 */
const unavailableSqlStates = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What node-postgres and pg-pool say when a connection breaks or cannot be had in time. */
const unavailableMessages = [
  /^Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i,
  /not queryable/i, // "Client has encountered a connection error and is not queryable"
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
];

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * True when the error means the database could not be reached or dropped the connection. Network
 * codes are only trusted on the error itself (or the members of an AggregateError from a
 * multi-address connect), never deeper in a `cause` chain: a fetch to Meilisearch fails with the
 * same ECONNREFUSED wrapped in a cause, and Meilisearch being down is not a database outage.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = codeOf(error);
  if (code && networkCodes.has(code)) return true;
  if (error instanceof AggregateError && error.errors.some((e) => typeof e === "object" && e && networkCodes.has(codeOf(e) ?? ""))) return true;
  // SQLSTATEs and node-postgres' own messages are unambiguous wherever they sit in the chain.
  for (let current: unknown = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const sqlState = codeOf(current);
    if (sqlState && unavailableSqlStates.test(sqlState)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && unavailableMessages.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The 503 a loader or action throws instead of the database error (a route error response). */
export function databaseUnavailableResponse(): Response {
  return new Response(DATABASE_UNAVAILABLE, {
    status: 503,
    statusText: "Service Unavailable",
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

type DataFunction = (args: never) => unknown;

/**
 * The same server build with every route loader and action guarded: a database outage error
 * becomes the 503 response above (rendered by the route's error boundary in the visitor's
 * language, or returned as is by resource routes), reported once through `onOutage`. Any other
 * error passes through untouched to Remix's usual 500 handling.
 */
export function withDatabaseOutageResponses(
  build: ServerBuild,
  onOutage: (error: unknown, request: Request, context: unknown) => void,
): ServerBuild {
  const guard = <F extends DataFunction>(fn: F): F => {
    const guarded = async (args: { request: Request; context: unknown }) => {
      try {
        return await (fn as unknown as (a: typeof args) => unknown)(args);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        onOutage(error, args.request, args.context);
        throw databaseUnavailableResponse();
      }
    };
    return guarded as unknown as F;
  };
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    // Route modules are ES module namespaces (read-only): guard copies, not the originals.
    const module = { ...route.module };
    if (module.loader) module.loader = guard(module.loader);
    if (module.action) module.action = guard(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
