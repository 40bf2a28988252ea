import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type express from "express";
import type { SearchResultCache } from "../app/domain/search/search-result-cache.js";

/**
 * Whole pages for visitors who are not signed in, kept by each web process so a search asked
 * again is answered without running Remix at all (issue 2's throughput; decision 0016).
 *
 * Only a page whose loader offers it is kept (context.sharedPage.offer: the search page, when
 * its results came from the index), only for requests that carry no cookie but the language and
 * CSRF ones, and only when the answer is a 200 that sets no cookie of its own. What differs per
 * request (the CSP nonce, the request id, the CSRF token) is cut out when the page is kept and
 * filled in afresh for each visitor. Pages are dropped with the search results they show: the same
 * index-change signal empties both caches (index-change-signal.server.ts).
 */
export interface CachedPage {
  /** Always a 200's. */
  headers: Array<[string, string]>;
  /** The page, with the per-request values replaced by this process's placeholders. */
  template: string;
  /** What the loader does for every visitor (counting the search as demand), done again on each hit. */
  replay?: (userAgent: string | null) => void;
}

type SharedPageOffer = NonNullable<AppLoadContext["sharedPage"]>;

/** Response headers a kept page takes along; the others are set per request by the middleware above. */
const KEPT_HEADERS = ["content-type", "content-language", "cache-control", "link"];

const placeholderSeed = crypto.randomBytes(9).toString("base64url");
const PLACEHOLDERS = {
  nonce: `\u0000nonce-${placeholderSeed}\u0000`,
  requestId: `\u0000request-${placeholderSeed}\u0000`,
  csrfToken: `\u0000csrf-${placeholderSeed}\u0000`,
} as const;
type PerRequestValues = { nonce: string; requestId: string; csrfToken?: string };

/** The page with this request's own values cut out (each is random, so it cannot occur by chance). */
function toTemplate(html: string, values: PerRequestValues): string {
  let template = html;
  for (const name of ["nonce", "requestId", "csrfToken"] as const) {
    const value = values[name];
    if (value) template = template.split(value).join(PLACEHOLDERS[name]);
  }
  return template;
}

/** The page for another request: its own nonce, request id and (minted only if the page has one) CSRF token. */
function fromTemplate(template: string, values: { nonce: string; requestId: string; csrfToken: () => string }): string {
  let html = template.split(PLACEHOLDERS.nonce).join(values.nonce).split(PLACEHOLDERS.requestId).join(values.requestId);
  if (html.includes(PLACEHOLDERS.csrfToken)) html = html.split(PLACEHOLDERS.csrfToken).join(values.csrfToken());
  return html;
}

export interface PageCacheOptions {
  cache: SearchResultCache<CachedPage>;
  /** Paths whose pages may be kept (their loaders still decide, by offering). */
  paths: ReadonlySet<string>;
  /** The only cookies a visitor may carry and still be served a kept page. */
  harmlessCookies: ReadonlySet<string>;
  /** Cookies that choose what the page says (the interface language): part of the key. */
  keyCookies: readonly string[];
  /** The CSRF token for this visitor (setting its cookie), as the root loader would mint it. */
  mintCsrfToken(req: express.Request, res: express.Response): string;
  /** Cookies a kept page's answer may set: the CSRF cookie, minted again on every hit. */
  csrfCookieName: string;
}

interface PageCacheState {
  offered: boolean;
  replay?: (userAgent: string | null) => void;
}

/** What the load context hands the loader: an offer, or nothing when this request cannot share its page. */
export function sharedPageFor(res: express.Response): SharedPageOffer | undefined {
  const state = res.locals.pageCache as PageCacheState | undefined;
  if (!state) return undefined;
  return {
    offer(replay) {
      state.offered = true;
      state.replay = replay;
    },
  };
}

export function pageCacheMiddleware(options: PageCacheOptions): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" || !options.paths.has(req.path)) return next();
    const cookies = Object.keys((req.cookies ?? {}) as Record<string, string>);
    if (!cookies.every((name) => options.harmlessCookies.has(name))) return next();

    const key = [req.originalUrl, ...options.keyCookies.map((name) => (req.cookies as Record<string, string>)[name] ?? ""), req.get("accept-language") ?? ""].join("\n");
    const kept = options.cache.get(key);
    if (kept) {
      const html = fromTemplate(kept.template, {
        nonce: res.locals.cspNonce as string,
        requestId: res.locals.requestId as string,
        csrfToken: () => options.mintCsrfToken(req, res),
      });
      res.status(200);
      for (const [name, value] of kept.headers) res.setHeader(name, value);
      res.setHeader("X-Page-Cache", "hit");
      res.end(html);
      kept.replay?.(req.get("user-agent") ?? null);
      return;
    }

    // A request id chosen by the client could be any word of the page: such a page is not kept.
    if (req.get("x-request-id")) return next();
    const ticket = options.cache.ticket();
    const state: PageCacheState = { offered: false };
    res.locals.pageCache = state;
    captureBody(res, (body) => {
      if (!state.offered || res.statusCode !== 200 || !setsOnlyCookie(res, options.csrfCookieName)) return;
      const headers = KEPT_HEADERS.flatMap((name): Array<[string, string]> => {
        const value = res.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      });
      const template = toTemplate(body.toString("utf8"), {
        nonce: res.locals.cspNonce as string,
        requestId: res.locals.requestId as string,
        csrfToken: res.locals.csrfToken as string | undefined,
      });
      options.cache.store(key, { headers, template, replay: state.replay }, ticket);
    });
    res.setHeader("X-Page-Cache", "miss");
    next();
  };
}

function setsOnlyCookie(res: express.Response, cookieName: string): boolean {
  const setCookie = res.getHeader("set-cookie");
  const cookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [String(setCookie)];
  return cookies.every((cookie) => cookie.startsWith(`${cookieName}=`));
}

/** Collects what is written to the response (before compression, which wraps below) and hands it over at the end. */
function captureBody(res: express.Response, onEnd: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => express.Response;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, rest[0]));
    return write(chunk, ...rest);
  }) as express.Response["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
    onEnd(Buffer.concat(chunks));
    return end(chunk, ...rest);
  }) as express.Response["end"];
}
