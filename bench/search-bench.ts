import { spawn, type ChildProcess } from "node:child_process";
import { buildSearchPlan } from "../app/domain/search/build-search-request.js";
import { parseSearchQuery } from "../app/domain/search/search-query.server.js";
import { reindexProviders } from "../app/domain/search/reindex.server.js";
import { findFreePort } from "../server/services.js";
import type { Runtime } from "../server/runtime.js";
import { seedDemoData } from "../db/seed/demo.js";
import { runLoad, type LoadRequest } from "./load.js";
import { formatTable, type LoadFigures } from "./stats.js";

const categories = ["babysitter", "badante", "colf", "doposcuola", "pet-sitter"];
const languageFilters = ["", "&lang=en", "&lang=ar&lang=es", "&lang=uk"];

/** A deterministic mix of geo-filtered searches across Milan's quartieri. */
function searchQueries(quartiereIds: number[], count: number): string[] {
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const quartiere = quartiereIds[(i * 37) % quartiereIds.length];
    const category = categories[i % categories.length];
    const text = i % 4 === 3 ? "&q=esperienza" : "";
    queries.push(`category=${category}&quartiere=${quartiere}&radius=${[1, 2, 5][i % 3]}${languageFilters[i % languageFilters.length]}${text}`);
  }
  return queries;
}

/** Which of the web process's caches are on (both, as deployed; fewer shows what each one saves). */
interface Caches {
  pages: boolean;
  results: boolean;
}

async function startWebProcess(runtime: Runtime, port: number, webProcesses: number, caches: Caches): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: runtime.services.databaseUrl,
      MEILI_URL: runtime.services.meiliUrl,
      MEILI_INDEX_PREFIX: runtime.env.MEILI_INDEX_PREFIX,
      RUN_WORKER: "false",
      SEED_PROVIDERS: "0",
      WEB_CONCURRENCY: String(webProcesses),
      LOG_LEVEL: "warn",
      // All load comes from one address: the per-address search limit would measure itself.
      RATE_LIMIT_SEARCH_PER_MIN: "0",
      SEARCH_RESULT_CACHE_SECONDS: caches.results ? "60" : "0",
      SEARCH_PAGE_CACHE_SECONDS: caches.pages ? "60" : "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the web process exited during start");
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error("the web process did not become healthy within 60 s");
}

export async function benchSearch(runtime: Runtime, options: { providers: number; durationS: number; connections: number; webProcesses: number[] }) {
  const existing = await runtime.db
    .selectFrom("providers")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) !== options.providers) {
    console.log(`seeding ${options.providers} providers…`);
    const started = Date.now();
    await seedDemoData(runtime, { providers: options.providers, seed: 2026 });
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    console.log(`reusing ${options.providers} seeded providers; rebuilding the index…`);
    await reindexProviders(runtime.db, runtime.search);
  }

  const quartieri = await runtime.db.selectFrom("quartieri").select(["id", "lat", "lng", "name"]).orderBy("id").execute();
  const queries = searchQueries(quartieri.map((q) => q.id), 400);
  const pageRequests: LoadRequest[] = queries.map((q) => ({ method: "GET", path: `/search?${q}` }));
  const rawRequests: LoadRequest[] = queries.map((q) => {
    const { query } = parseSearchQuery(new URLSearchParams(q));
    const centroid = quartieri.find((row) => row.id === query.quartiere)!;
    const plan = buildSearchPlan(query, { lat: centroid.lat, lng: centroid.lng, quartiereId: centroid.id, quartiereName: centroid.name });
    const indexUid = runtime.search.providersIndex;
    return {
      method: "POST",
      path: "/multi-search",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ queries: [{ indexUid, ...plan.main }, ...plan.disjunctive.map((d) => ({ indexUid, ...d.params }))] }),
    };
  });

  const rows: LoadFigures[] = [];
  // Each configuration as deployed (whole pages and results kept), then the most processes with
  // only the results kept (every page rendered), then with nothing kept: what a search costs when
  // its results must come from Meilisearch (a cold cache, or an index that keeps changing).
  // Facet counts are still kept for 15 s in all.
  const most = Math.max(...options.webProcesses);
  const configurations: Array<{ processes: number; caches: Caches; label: string }> = [
    ...options.webProcesses.map((processes) => ({ processes, caches: { pages: true, results: true }, label: "" })),
    { processes: most, caches: { pages: false, results: true }, label: ", pages rendered" },
    { processes: most, caches: { pages: false, results: false }, label: ", nothing kept" },
  ];
  const deployedRows: LoadFigures[] = [];
  for (const { processes, caches, label: suffix } of configurations) {
    const port = await findFreePort();
    const web = await startWebProcess(runtime, port, processes, caches);
    try {
      const sample = await fetch(`http://127.0.0.1:${port}${pageRequests[0]!.path}`);
      const sampleHtml = await sample.text();
      if (!sample.ok || !sampleHtml.includes("</html>")) throw new Error(`search page answered ${sample.status}`);
      console.log(`warming up ${processes} web process(es)…`);
      await runLoad({ label: "warm-up", url: `http://127.0.0.1:${port}`, requests: pageRequests, connections: options.connections, durationS: 3 });
      // The configuration measured is the one named: kept pages are answered as such, or never.
      // (fetch sends "Accept-Language: *" unless told otherwise; the load sends none, which an empty one equals.)
      const pageCache =
        (await fetch(`http://127.0.0.1:${port}${pageRequests[0]!.path}`, { headers: { "accept-language": "" } }).then((r) => r.headers.get("x-page-cache"))) ?? "off";
      if (pageCache !== (caches.pages ? "hit" : "off")) throw new Error(`page cache answered "${pageCache}" with pages ${caches.pages ? "kept" : "not kept"}`);
      const label = `search page, ${processes} web process${processes > 1 ? "es" : ""}${suffix}`;
      const row = await runLoad({ label, url: `http://127.0.0.1:${port}`, requests: pageRequests, connections: options.connections, durationS: options.durationS });
      rows.push(row);
      if (caches.pages && caches.results) deployedRows.push(row);
    } finally {
      web.kill("SIGTERM");
      await new Promise((resolve) => web.once("exit", resolve));
    }
  }
  const raw = await runLoad({ label: "raw Meilisearch (same multi-search)", url: runtime.services.meiliUrl, requests: rawRequests, connections: options.connections, durationS: options.durationS });
  rows.push(raw);

  console.log(`\nSearch with a geo filter on ${options.providers} providers, ${options.connections} concurrent connections, ${options.durationS} s each:\n`);
  console.log(formatTable(rows));
  const best = deployedRows.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const rendered = rows.find((row) => row.label.endsWith("pages rendered"))!;
  const uncached = rows.find((row) => row.label.endsWith("nothing kept"))!;
  console.log(`\nbest page configuration: ${best.label}`);
  console.log(`overhead of our server: p95 ×${(best.p95 / raw.p95).toFixed(1)}, throughput ×${(best.perSecond / raw.perSecond).toFixed(2)} of raw Meilisearch`);
  console.log(`target p95 < 50 ms:     ${best.p95 < 50 ? "met" : "NOT met"} (${best.p95.toFixed(1)} ms)`);
  console.log(`target ≥ 250 pages/s:   ${best.perSecond >= 250 ? "met" : "NOT met"} (${best.perSecond.toFixed(0)} pages/s)`);
  console.log(
    `(${queries.length} different searches asked over and over by visitors not signed in: a page asked before is sent again ` +
      `with fresh per-request values, without rendering. Every page rendered: p95 ${rendered.p95.toFixed(1)} ms, ${rendered.perSecond.toFixed(0)} pages/s; ` +
      `every page rendered and searched in Meilisearch: p95 ${uncached.p95.toFixed(1)} ms, ${uncached.perSecond.toFixed(0)} pages/s.)`,
  );
  return rows;
}
