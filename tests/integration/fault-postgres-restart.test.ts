import crypto from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureProviderIndex } from "../../app/domain/search/provider-index.server";
import { reindexProviders } from "../../app/domain/search/reindex.server";
import { createSearchClient, type SearchClient } from "../../app/domain/search/search-client.server";
import { isDatabaseUnavailable } from "../../app/utils/database-unavailable.server";
import { createDb, type DB } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedCatalogue } from "../../db/seed/catalogue";
import { seedTerritory } from "../../db/seed/territory";
import { createApp, serverBuildPath } from "../../server/index";
import { migrateJobQueue } from "../../server/jobs";
import type { Logger } from "../../server/logger";
import { findFreePort, startEmbeddedPostgres, type RunningPostgres } from "../../server/services";
import { insertProvider } from "../support/provider-fixtures";

/**
 * Issue 7, fault injection: PostgreSQL stops while the web app is serving and comes back. This
 * file runs a PostgreSQL of its own (the shared one must not restart under the other test files)
 * and the real Express + Remix app (the built server, `npm run build`, which `npm test` runs
 * before vitest) in this process, with one connection pool for the whole file.
 */

const REQUEST_TIMEOUT_MS = 10_000;

let pgDataDir: string;
let pgPort: number;
let postgres: RunningPostgres | undefined;
let db: DB;
let search: SearchClient;
let server: Server;
let baseUrl: string;
let providerId: string;
let indexPrefix: string;
const logLines: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];

const logger: Logger = {
  debug: (message, data) => logLines.push({ level: "debug", message, data }),
  info: (message, data) => logLines.push({ level: "info", message, data }),
  warn: (message, data) => logLines.push({ level: "warn", message, data }),
  error: (message, data) => logLines.push({ level: "error", message, data }),
};

function startPostgres(): Promise<RunningPostgres> {
  return startEmbeddedPostgres({ dataDir: pgDataDir, port: pgPort, database: "vicinato" });
}

interface Answer {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

async function request(pathname: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}${pathname}`, { redirect: "manual", ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, headers: response.headers, body: await response.text(), ms: Date.now() - started };
}

/** A sign-in form's CSRF token and cookie, read from the page like a browser would. */
async function signInForm(): Promise<{ token: string; cookie: string }> {
  const page = await request("/login");
  expect(page.status).toBe(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const cookie = page.headers.getSetCookie().find((c) => c.startsWith("vicinato.csrf="))?.split(";")[0];
  if (!token || !cookie) throw new Error("no CSRF token on the sign-in page");
  return { token, cookie };
}

function postSignIn(form: { token: string; cookie: string }, language: string): Promise<Answer> {
  return request("/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: form.cookie, "accept-language": language, origin: baseUrl },
    body: new URLSearchParams({ _csrf: form.token, email: "nobody@example.org", password: "not the password", redirectTo: "/account" }).toString(),
  });
}

/** Polls until `check` passes or the deadline is reached (then fails with the last error). */
async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms: ${String(lastError)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  if (!existsSync(serverBuildPath)) {
    throw new Error(`${serverBuildPath} is missing: run \`npm run build\` first (\`npm test\` builds before vitest)`);
  }
  // The embedded PostgreSQL runs as the postgres user when we are root: it must traverse here.
  pgDataDir = path.join(await mkdtemp(path.join(inject("testDataDir"), "pg-restart-")), "postgres");
  await chmod(path.dirname(pgDataDir), 0o755);
  pgPort = await findFreePort();
  postgres = await startPostgres();

  db = createDb(postgres.url);
  await migrateToLatest(db);
  await migrateJobQueue(postgres.url);
  await seedTerritory(db);
  await seedCatalogue(db);
  providerId = await insertProvider(db, { displayName: "Giulia Restart", services: [{ slug: "babysitter", cents: 1400 }], quartiereId: 1 });

  indexPrefix = `pgrestart_${crypto.randomBytes(4).toString("hex")}_`;
  search = createSearchClient({ url: inject("meiliUrl"), apiKey: inject("meiliApiKey") || undefined, indexPrefix });
  await ensureProviderIndex(search);
  await reindexProviders(db, search);

  const app = await createApp({ db, search, logger, secret: crypto.randomBytes(32).toString("hex"), secureCookies: false, authRateLimitPer15Min: 0 });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.destroy();
  if (search) {
    const { results } = await search.client.getIndexes({ limit: 1000 });
    await Promise.all(results.filter((i) => i.uid.startsWith(indexPrefix)).map((i) => search.client.deleteIndex(i.uid).waitTask()));
  }
  await postgres?.stop();
  if (pgDataDir) await rm(path.dirname(pgDataDir), { recursive: true, force: true });
});

describe("telling a database outage from other failures", () => {
  it("classifies real errors: PostgreSQL unreachable yes; a bug in SQL or Meilisearch unreachable no", async () => {
    const closedPort = await findFreePort();
    const unreachable = createDb(`postgres://postgres:x@127.0.0.1:${closedPort}/none`);
    const refused = await sql`select 1`.execute(unreachable).then(() => null, (error: unknown) => error);
    await unreachable.destroy();
    expect(refused).toMatchObject({ code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);

    const badSql = await sql`select * from no_such_table`.execute(db).then(() => null, (error: unknown) => error);
    expect(badSql).toMatchObject({ code: "42P01" });
    expect(isDatabaseUnavailable(badSql)).toBe(false);

    // Meilisearch down: the same ECONNREFUSED, but inside the fetch error's cause. Search has its
    // own PostgreSQL fallback; this must not turn into "the database is unavailable".
    const meiliDown = createSearchClient({ url: `http://127.0.0.1:${closedPort}`, indexPrefix: "none_" });
    const searchError = await meiliDown.client.health().then(() => null, (error: unknown) => error);
    expect(searchError).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(searchError)).toBe(false);
  });
});

describe("PostgreSQL restarting under traffic", () => {
  it("answers 503 'try again' pages in the visitor's language while it is down, and serves again from the same pool once it is back", async () => {
    // 1. Normal service.
    const form = await signInForm();
    expect((await request(`/search?category=babysitter&quartiere=1`)).status).toBe(200);
    const profile = await request(`/providers/${providerId}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toContain("Giulia Restart");
    expect((await postSignIn(form, "en")).status).toBe(400); // wrong password: a field error, not a failure
    expect((await request("/readyz")).status).toBe(200);

    // 2. Traffic keeps flowing while PostgreSQL shuts down (fast shutdown: sessions are terminated).
    const during: Answer[] = [];
    let keepGoing = true;
    const traffic = (async () => {
      while (keepGoing) {
        const batch = await Promise.all([
          request(`/providers/${providerId}`, { headers: { "accept-language": "en" } }),
          postSignIn(form, "en"),
          request("/readyz"),
        ]);
        during.push(...batch);
      }
    })();
    await eventually("some requests before the stop", 5_000, async () => expect(during.length).toBeGreaterThanOrEqual(3));
    // A connection checked out of the pool, idle between two queries, when the server goes away:
    // node-postgres reports that on the client itself, which must not become an uncaught exception.
    let releaseHeld!: () => void;
    const heldOpen = new Promise<void>((resolve) => (releaseHeld = resolve));
    let heldReady!: () => void;
    const heldAcquired = new Promise<void>((resolve) => (heldReady = resolve));
    const held = db.connection().execute(async (conn) => {
      await sql`select 1`.execute(conn);
      heldReady();
      await heldOpen;
      return sql`select 1`.execute(conn).then(() => null, (error: unknown) => error);
    });
    await heldAcquired;
    await postgres!.stop();
    postgres = undefined;
    releaseHeld();
    const heldError = await held;
    expect(heldError).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(heldError)).toBe(true);
    const countAtStop = during.length;
    await eventually("requests during the outage", 10_000, async () => expect(during.length).toBeGreaterThanOrEqual(countAtStop + 9));
    keepGoing = false;
    await traffic;

    // Nothing in or after the stop failed with a 500, a reset connection or a hang (fetch would have thrown).
    const statuses = [...new Set(during.map((a) => a.status))].sort();
    for (const status of statuses) expect([200, 400, 503]).toContain(status);
    expect(during.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(3);
    for (const answer of during) expect(answer.ms).toBeLessThan(REQUEST_TIMEOUT_MS);

    // 3. While it is down: each kind of request answers at once with a clean, translated 503.
    const profileDown = await request(`/providers/${providerId}`, { headers: { "accept-language": "en" } });
    expect(profileDown.status).toBe(503);
    expect(profileDown.headers.get("retry-after")).toBe("5");
    expect(profileDown.headers.get("content-type")).toContain("text/html");
    expect(profileDown.body).toContain("Service briefly unavailable");
    expect(profileDown.body).toContain("try again in a moment");
    expect(profileDown.body).toContain(profileDown.headers.get("x-request-id")!);
    expect(profileDown.body).not.toMatch(/ECONNREFUSED|at .*\.(ts|js):\d+/); // no internals, no stack
    expect(profileDown.ms).toBeLessThan(5_000);

    // A client-side navigation (single fetch) gets the same 503, which the browser renders with the same page.
    const navigation = await request(`/providers/${providerId}.data`);
    expect(navigation.status).toBe(503);
    expect(navigation.body).toContain("database-unavailable");

    const signInDown = await postSignIn(form, "uk");
    expect(signInDown.status).toBe(503);
    expect(signInDown.headers.get("retry-after")).toBe("5");
    expect(signInDown.body).toContain("Сервіс тимчасово недоступний");
    expect(signInDown.body).toContain('lang="uk"');

    const italian = await request(`/providers/${providerId}`);
    expect(italian.status).toBe(503);
    expect(italian.body).toContain("Servizio momentaneamente non disponibile");

    const ready = await request("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.headers.get("retry-after")).toBe("5");
    expect(JSON.parse(ready.body)).toMatchObject({ database: "unavailable" });

    expect((await request("/healthz")).status).toBe(200); // the process is alive
    // Logged as a warning with the request id, never as an unhandled 500.
    const outageLines = logLines.filter((l) => l.message === "database unavailable");
    expect(outageLines.length).toBeGreaterThan(0);
    expect(outageLines.some((l) => l.data?.requestId === profileDown.headers.get("x-request-id"))).toBe(true);
    expect(logLines.filter((l) => l.level === "error")).toEqual([]);

    // 4. PostgreSQL comes back; the same app and pool serve again within a few seconds.
    postgres = await startPostgres();
    await eventually("the provider page to load again", 5_000, async () => {
      const again = await request(`/providers/${providerId}`);
      expect(again.status).toBe(200);
      expect(again.body).toContain("Giulia Restart");
    });
    expect((await postSignIn(form, "en")).status).toBe(400);
    expect((await request("/readyz")).status).toBe(200);
    expect((await request(`/search?category=babysitter&quartiere=1`)).status).toBe(200);
    expect(logLines.filter((l) => l.level === "error")).toEqual([]);
  }, 90_000);
});
