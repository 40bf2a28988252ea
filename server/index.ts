import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import compression from "compression";
import cookieParser from "cookie-parser";
import { doubleCsrf } from "csrf-csrf";
import express from "express";
import helmet from "helmet";
import type { DB } from "../db/client.js";
import type { SearchClient } from "../app/domain/search/search-client.server.js";
import type { SearchResultCache } from "../app/domain/search/search-result-cache.js";
import type { ResultPage } from "../app/domain/search/search-providers.server.js";
import { LANGUAGE_COOKIE_NAME } from "../app/i18n/languages.js";
import { createDemandRecorder, type DemandRecorder } from "../app/domain/impact/demand-recorder.server.js";
import type { Logger } from "./logger.js";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, withDatabaseOutageResponses } from "../app/utils/database-unavailable.server.js";
import { pageCacheMiddleware, sharedPageFor, type CachedPage } from "./page-cache.js";
import { authRateLimit, messageRateLimit, searchRateLimit } from "./rate-limit.js";
import { slowRequestLog } from "./slow-requests.js";
import { dropUnreadRequestBodies } from "./unread-request-bodies.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const serverBuildPath = path.join(root, "build", "index.js");

export interface AppDeps {
  db: DB;
  search: SearchClient;
  /** This process's search results, forgotten whenever the index changes (none: always ask). */
  searchResultCache?: SearchResultCache<ResultPage>;
  /** Whole search pages for visitors not signed in, forgotten with the results (none: always render). */
  pageCache?: SearchResultCache<CachedPage>;
  logger: Logger;
  /** Unmet-search recorder (the runtime's, flushed when it closes); one of its own otherwise. */
  demand?: DemandRecorder;
  /** Signs the CSRF cookie (the same secret as the session cookie). */
  secret: string;
  secureCookies: boolean;
  /** POSTs to /login, /signup, /forgot-password, /reset-password per address per 15 minutes (0: off). */
  authRateLimitPer15Min?: number;
  /** GETs of the search page per address per minute (0: off). */
  searchRateLimitPerMin?: number;
  /** POSTs of messages (/bookings/:id/messages) per address per 15 minutes (0: off). */
  messageRateLimitPer15Min?: number;
  /** A request unanswered this long is logged as a warning, while it runs and when it ends (0: off; default 2000). */
  slowRequestMs?: number;
  build?: ServerBuild;
  /** Other origins a form may be redirected to (Stripe Checkout and Connect onboarding). */
  formActionOrigins?: string[];
}

const SESSION_COOKIE = "vicinato_session";
const formTokenKey = Symbol("csrf form token");
type RequestWithFormToken = express.Request & { [formTokenKey]?: string };

/**
 * The HTTP front: security headers (CSP with a nonce per request), request ids, static files,
 * health endpoints and the Remix handler, which receives db and search in its load context.
 */
export async function createApp(deps: AppDeps): Promise<express.Express> {
  const loadedBuild = deps.build ?? ((await import(pathToFileURL(serverBuildPath).href)) as ServerBuild);
  // A database outage in any loader or action becomes a 503 "try again in a moment" page with
  // Retry-After, logged here once as a warning (docs/decisions/0007-database-outage.md).
  const build = withDatabaseOutageResponses(loadedBuild, (error, request, context) => {
    deps.logger.warn("database unavailable", {
      requestId: (context as { requestId?: string } | undefined)?.requestId,
      method: request.method,
      path: new URL(request.url).pathname,
      error: describeError(error),
    });
  });
  const demand = deps.demand ?? createDemandRecorder(deps.db, { logger: deps.logger });
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", 1);

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    res.locals.requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.set("X-Request-Id", res.locals.requestId);
    next();
  });
  app.use(slowRequestLog(deps.logger, deps.slowRequestMs ?? 2000));
  app.use(dropUnreadRequestBodies());

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          formAction: ["'self'", ...(deps.formActionOrigins ?? [])],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      hsts: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    }),
  );
  app.use(compression());
  app.use(cookieParser());
  app.use(authRateLimit(deps.authRateLimitPer15Min ?? 20));
  app.use(searchRateLimit(deps.searchRateLimitPerMin ?? 0));
  app.use(messageRateLimit(deps.messageRateLimitPer15Min ?? 120));

  // Double-submit CSRF protection bound to the session cookie. Remix reads the request body
  // itself, so actions validate the form's token through the load context (app/utils/csrf.server.ts).
  const csrfCookieName = deps.secureCookies ? "__Host-vicinato.csrf" : "vicinato.csrf";
  const csrf = doubleCsrf({
    getSecret: () => deps.secret,
    getSessionIdentifier: (req) => (req.cookies?.[SESSION_COOKIE] as string | undefined) ?? "anonymous",
    cookieName: csrfCookieName,
    cookieOptions: { sameSite: "lax", secure: deps.secureCookies, httpOnly: true, path: "/" },
    getCsrfTokenFromRequest: (req) => (req as RequestWithFormToken)[formTokenKey] ?? req.headers["x-csrf-token"],
  });

  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Only paths that name a file can be static; pages skip the file-system lookup.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const [database, search] = await Promise.all([
      sql`select 1`.execute(deps.db).then(() => "ok", () => "unavailable"),
      deps.search.client.health().then(() => "ok", () => "unavailable"),
    ]);
    // Search has a database fallback, so only the database decides readiness.
    if (database !== "ok") res.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    res.status(database === "ok" ? 200 : 503).json({ database, search });
  });

  const mintCsrfToken = (req: express.Request, res: express.Response): string => {
    res.locals.csrfToken ??= csrf.generateCsrfToken(req, res);
    return res.locals.csrfToken as string;
  };
  if (deps.pageCache) {
    app.use(
      pageCacheMiddleware({
        cache: deps.pageCache,
        paths: new Set(["/search"]),
        harmlessCookies: new Set([csrfCookieName, LANGUAGE_COOKIE_NAME]),
        keyCookies: [LANGUAGE_COOKIE_NAME],
        mintCsrfToken,
        csrfCookieName,
      }),
    );
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => {
        return {
          db: deps.db,
          search: deps.search,
          searchResultCache: deps.searchResultCache,
          demand,
          requestId: res.locals.requestId as string,
          cspNonce: res.locals.cspNonce as string,
          // Minted only when a loader reads it (the root loader). Requests that render no form
          // (route manifest, resource routes, action calls) must not replace the CSRF cookie:
          // two such requests in flight after a sign-in or sign-out would each mint a different
          // token, and the page could end up holding one that no longer matches the cookie.
          get csrfToken() {
            return mintCsrfToken(req, res);
          },
          isValidCsrfToken: (token: string) => {
            (req as RequestWithFormToken)[formTokenKey] = token;
            return csrf.validateRequest(req);
          },
          clientIp: req.ip ?? "unknown",
          sharedPage: sharedPageFor(res),
        };
      },
    }),
  );

  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isDatabaseUnavailable(error)) {
      deps.logger.warn("database unavailable", { requestId: res.locals.requestId, path: req.path, error: describeError(error) });
      if (!res.headersSent) {
        res.status(503).set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS)).type("text/plain").send(`Service briefly unavailable, try again in a moment. Request id: ${res.locals.requestId}`);
      }
      return;
    }
    deps.logger.error("unhandled request error", {
      requestId: res.locals.requestId,
      path: req.path,
      error: error instanceof Error ? error.stack : String(error),
    });
    if (!res.headersSent) res.status(500).type("text/plain").send(`Internal error. Request id: ${res.locals.requestId}`);
  });
  return app;
}

/** One line for the log: the code (ECONNREFUSED, 57P01…) and the message, no stack. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${code}: ${error.message}` : error.message;
}
