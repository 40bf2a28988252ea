import crypto from "node:crypto";
import { existsSync } from "node:fs";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemandRecorder, type DemandRecorder } from "../../app/domain/impact/demand-recorder.server";
import { forgetOnIndexChange } from "../../app/domain/search/index-change-signal.server";
import { createSearchClient } from "../../app/domain/search/search-client.server";
import { SearchResultCache } from "../../app/domain/search/search-result-cache";
import { changeProviderStatus } from "../../app/domain/verification/change-provider-status.server";
import type { PgListener } from "../../app/utils/pg-listener.server";
import { createApp, serverBuildPath } from "../../server/index";
import type { Logger } from "../../server/logger";
import type { CachedPage } from "../../server/page-cache";
import { findFreePort } from "../../server/services";
import { insertProvider } from "../support/provider-fixtures";
import { drainOutbox, waitUntil } from "../support/search-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

/**
 * Whole search pages kept for visitors not signed in (server/page-cache.ts), through the real
 * Express + Remix app (the built server: `npm test` builds first), PostgreSQL and Meilisearch.
 */
let ctx: TestContext;
let demand: DemandRecorder;
let listener: PgListener;
let pageCache: SearchResultCache<CachedPage>;
const servers: Server[] = [];
let baseUrl: string;
let providerId: string;
const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const NAME = "Ottavia Conservata";
const searchPath = `/search?q=${encodeURIComponent(NAME)}`;

async function listen(app: Awaited<ReturnType<typeof createApp>>): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  if (!existsSync(serverBuildPath)) throw new Error(`${serverBuildPath} is missing: run \`npm run build\` first`);
  ctx = await createTestContext();
  demand = createDemandRecorder(ctx.db, { flushIntervalMs: 60_000 });
  pageCache = new SearchResultCache<CachedPage>({ ttlMs: 60_000, maxEntries: 50 });
  listener = forgetOnIndexChange(ctx.databaseUrl, [pageCache]);
  await waitUntil(async () => listener.connected, 5_000);
  providerId = await insertProvider(ctx.db, { displayName: NAME, services: [{ slug: "babysitter", cents: 1300 }], quartiereId: 1 });
  await drainOutbox(ctx.db, ctx.search);
  const secret = crypto.randomBytes(32).toString("hex");
  baseUrl = await listen(await createApp({ db: ctx.db, search: ctx.search, pageCache, demand, logger, secret, secureCookies: false, authRateLimitPer15Min: 0 }));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await listener?.stop();
  await demand?.stop();
  await ctx?.cleanup();
});

interface Page {
  status: number;
  cache: string | null;
  html: string;
  nonce: string;
  requestId: string;
  csrfCookie: string | undefined;
}

/** A browser's user agent: the demand counter ignores crawlers (and Node's own "node"). */
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

async function get(path: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { "user-agent": BROWSER, ...headers } });
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "";
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    html: await response.text(),
    nonce,
    requestId: response.headers.get("x-request-id") ?? "",
    csrfCookie: response.headers.getSetCookie().find((cookie) => cookie.startsWith("vicinato.csrf="))?.split(";")[0],
  };
}

/** The CSRF token the page holds (in the root loader's data). */
/** The provider's card links to the profile (the name alone is also in the search box). */
const showsProvider = (html: string) => html.includes(`/providers/${providerId}`);

const csrfTokenOf = (html: string) => /\\"csrfToken\\",\\"([0-9a-f]+\.[0-9a-f]+)\\"/.exec(html)?.[1];

describe("search pages kept for visitors not signed in", () => {
  it("serves the kept page again with the visitor's own nonce, request id and CSRF token, and nothing else changed", async () => {
    const first = await get(searchPath);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    expect(showsProvider(first.html)).toBe(true);

    const again = await get(searchPath);
    expect(again.cache).toBe("hit");
    expect(again.nonce).not.toBe(first.nonce);
    expect(again.requestId).not.toBe(first.requestId);
    // Every script carries this response's nonce (the one its CSP allows), none the first one's.
    const nonces = [...again.html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]);
    expect(nonces.length).toBeGreaterThan(2);
    expect(new Set(nonces)).toEqual(new Set([again.nonce]));
    expect(again.html).toContain(again.requestId);
    expect(again.html).not.toContain(first.requestId);
    expect(again.csrfCookie).toBeDefined();
    const token = csrfTokenOf(again.html)!;
    expect(token).toBeDefined();
    expect(token).not.toBe(csrfTokenOf(first.html));
    // Apart from those three values the page is the one rendered for the first visitor.
    const neutral = (page: Page) =>
      page.html.split(page.nonce).join("N").split(page.requestId).join("R").split(csrfTokenOf(page.html)!).join("C");
    expect(neutral(again)).toBe(neutral(first));

    // The token works with the cookie that came with it: a sign-in form posted with them is
    // checked as a sign-in (a wrong password), not refused as a forged request.
    const login = await fetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { cookie: again.csrfCookie!, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: token, email: "nessuno@example.org", password: "sbagliata-123" }),
      redirect: "manual",
    });
    expect(login.status).not.toBe(403);
    const forged = await fetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { cookie: again.csrfCookie!, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrfTokenOf(first.html)!, email: "nessuno@example.org", password: "sbagliata-123" }),
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
  });

  it("counts every visitor's search as demand, a kept page included, but not a crawler's", async () => {
    const path = `${searchPath}&category=babysitter`;
    await demand.flush();
    const before = await countDemand();
    expect((await get(path)).cache).toBe("miss");
    expect((await get(path)).cache).toBe("hit");
    expect((await get(path)).cache).toBe("hit");
    expect((await get(path, { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" })).cache).toBe("hit");
    await demand.flush();
    expect((await countDemand()) - before).toBe(3);
  });

  it("keeps a page per language, and never for a visitor with any other cookie or a language switch", async () => {
    const path = `${searchPath}&radius=5`;
    expect((await get(path, { "accept-language": "en" })).cache).toBe("miss");
    const english = await get(path, { "accept-language": "en" });
    expect(english.cache).toBe("hit");
    expect(english.html).toContain('lang="en"');
    const italian = await get(path, { "accept-language": "it" });
    expect(italian.cache).toBe("miss");
    expect(italian.html).toContain('lang="it"');
    expect((await get(path, { cookie: "lng=en" })).cache).toBe("miss");
    expect((await get(path, { cookie: "lng=en" })).cache).toBe("hit");

    // A session cookie (valid or not) means the page may be personal: neither served nor kept.
    const signedIn = { cookie: "vicinato_session=anything" };
    expect((await get(path, signedIn)).cache).toBeNull();
    expect((await get(path, signedIn)).cache).toBeNull();
    // ?lng= sets the language cookie: that answer is not kept.
    expect((await get(`${path}&lng=es`)).cache).toBe("miss");
    expect((await get(`${path}&lng=es`)).cache).toBe("miss");
    // A request id sent by the client is not cut out of a page meant for others.
    expect((await get(`${path}&page=1`, { "x-request-id": "babysitter" })).cache).toBeNull();
    expect((await get(`${path}&page=1`)).cache).toBe("miss");
  });

  it("keeps nothing of the first visitor's other headers in the page the next one gets", async () => {
    const path = `${searchPath}&radius=2`;
    // (fetch will not send another Host: node:http does.)
    const first = await new Promise<{ cache: string | undefined; html: string }>((resolve, reject) => {
      const request = http.get(
        `${baseUrl}${path}`,
        { headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", referer: "https://evil.example/", "user-agent": BROWSER, "accept-language": "*" } },
        (response) => {
          let html = "";
          response.setEncoding("utf8").on("data", (chunk: string) => (html += chunk));
          response.on("end", () => resolve({ cache: response.headers["x-page-cache"] as string | undefined, html }));
        },
      );
      request.on("error", reject);
    });
    expect(first.cache).toBe("miss");
    expect(showsProvider(first.html)).toBe(true);
    const next = await get(path);
    expect(next.cache).toBe("hit");
    expect(showsProvider(next.html)).toBe(true);
    expect(next.html).not.toContain("evil.example");
  });

  it("does not keep a page answered by the database while Meilisearch is unreachable", async () => {
    const unreachable = createSearchClient({ url: `http://127.0.0.1:${await findFreePort()}`, indexPrefix: "none_" });
    const ownCache = new SearchResultCache<CachedPage>({ ttlMs: 60_000, maxEntries: 50 });
    ownCache.setListening(true);
    const secret = crypto.randomBytes(32).toString("hex");
    const fallbackUrl = await listen(await createApp({ db: ctx.db, search: unreachable, pageCache: ownCache, demand, logger, secret, secureCookies: false }));
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${fallbackUrl}${searchPath}`);
      expect(response.headers.get("x-page-cache")).toBe("miss");
      const html = await response.text();
      expect(showsProvider(html)).toBe(true);
      expect(html).toContain("La ricerca avanzata non è disponibile in questo momento");
    }
    expect(ownCache.size).toBe(0);
  });

  it("forgets the kept pages when the index changes: a suspended provider is gone within 2 s", async () => {
    expect(showsProvider((await get(searchPath)).html)).toBe(true);
    const kept = await get(searchPath);
    expect(kept.cache).toBe("hit");
    expect(showsProvider(kept.html)).toBe(true);
    const suspended = Date.now();
    await changeProviderStatus(ctx.db, { providerId, action: "suspend", actor: "test-operator", reason: "Documento scaduto" });
    await drainOutbox(ctx.db, ctx.search);
    await waitUntil(async () => !showsProvider((await get(searchPath)).html), 2_000);
    expect(Date.now() - suspended).toBeLessThan(2_000);
  });
});

async function countDemand(): Promise<number> {
  const row = await ctx.db
    .selectFrom("search_demand_events")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
