import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { reindexProviders } from "../app/domain/search/reindex.server.js";
import { getEnv } from "../app/utils/env.server.js";
import { seedDemoData } from "../db/seed/demo.js";
import { createRuntime, type Runtime } from "../server/runtime.js";
import { findFreePort } from "../server/services.js";
import { percentile } from "./stats.js";

/**
 * Soak test (issue #7): mixed traffic against one web process for minutes, watching for errors,
 * latency drift and memory growth. `npx tsx bench/soak.ts --minutes 10` starts PostgreSQL and
 * Meilisearch on free ports with their own data (.data/soak, 2,000 demo providers), starts the site
 * as `npm start` does (server/start.ts, production build, worker included) and runs `runSoak`.
 * Needs `npm run build` first. Exits 1 on any unexpected status, connection error or timeout.
 *
 * The mix, per connection, repeats: search ×4 (varied categories, quartieri, radii, languages,
 * words), provider profile ×3, sign-in page ×2, sign-in with a wrong password ×1 (a new address
 * each time, so the per-address lockout never triggers; the per-IP limits on sign-in and search are
 * off for the soak, since all its traffic comes from one address).
 * Booking request forms are left out: bookings are being built and would make the figures move
 * for reasons that are not leaks.
 */

export type RequestKind = "search" | "profile" | "signInPage" | "wrongPassword";

/** The status each kind must answer; anything else is an error response. */
const expectedStatus: Record<RequestKind, number> = { search: 200, profile: 200, signInPage: 200, wrongPassword: 400 };
const mix: RequestKind[] = ["search", "profile", "search", "signInPage", "profile", "search", "wrongPassword", "profile", "search", "signInPage"];

export interface MemorySample {
  /** ms since the soak started */
  atMs: number;
  rssMb: number;
  heapUsedMb?: number;
  /** V8 heap reserved (heapUsed plus free space V8 keeps); RSS minus this is native memory and code. */
  heapTotalMb?: number;
  /** Memory of Buffers and other C++ objects tied to JS objects. */
  externalMb?: number;
}

export interface SoakOptions {
  baseUrl: string;
  durationSeconds: number;
  connections: number;
  /** Upper bound on requests (default: 2,000 per second of duration); the run stops at whichever comes first. */
  maxRequests?: number;
  /** Profiles to visit (default: read from a search page). */
  providerIds?: string[];
  /** Quartieri to search around (default: 1–88). */
  quartiereIds?: number[];
  /** Reads the server's memory; sampled at the start, every `sampleEverySeconds` and at the end. */
  sampleMemory?: () => Promise<Omit<MemorySample, "atMs">>;
  sampleEverySeconds?: number;
  /** Seconds of the same traffic before measuring (JIT, caches, pools). Default 0. */
  warmUpSeconds?: number;
  /** Per-request timeout in seconds (default 10). */
  timeoutSeconds?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  durationS: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers by kind and status. */
  byKind: Record<RequestKind, { requests: number; statuses: Record<string, number> }>;
  /** Answers with a status their kind must not give (e.g. any 5xx). */
  unexpectedResponses: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  memory: {
    samples: MemorySample[];
    rssStartMb: number;
    rssEndMb: number;
    rssMaxMb: number;
    /** Least-squares slope of RSS over the run, MB per minute. */
    rssSlopeMbPerMin: number;
    heapStartMb?: number;
    heapEndMb?: number;
    heapMaxMb?: number;
    /**
     * The lowest heap used in the first and in the last third of the run: what is left right after
     * a major collection, i.e. the live objects. A leak raises it; V8 merely sizing its heap does not.
     */
    liveHeapFirstThirdMb?: number;
    liveHeapLastThirdMb?: number;
  } | null;
  ok: boolean;
}

const categories = ["babysitter", "badante", "colf", "doposcuola", "pet-sitter"];
const languages = ["", "&lang=en", "&lang=ar&lang=es", "&lang=uk", "&lang=zh"];
const words = ["", "", "&q=esperienza", "&q=inglese", "&q=notte", "&q=anziani"];

/** A deterministic mix of search pages, all different, across Milan's quartieri. */
export function searchPaths(quartiereIds: number[], count = 500): string[] {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const quartiere = quartiereIds[(i * 37) % quartiereIds.length];
    const category = categories[i % categories.length];
    const radius = [1, 2, 5][i % 3];
    const page = i % 11 === 10 ? "&page=2" : "";
    paths.push(`/search?category=${category}&quartiere=${quartiere}&radius=${radius}${languages[i % languages.length]}${words[i % words.length]}${page}`);
  }
  return paths;
}

/** The CSRF token of the sign-in form and its cookie, as a browser gets them. */
async function signInForm(baseUrl: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/login`);
  const html = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = response.headers
    .getSetCookie()
    .find((c) => /^(__Host-)?vicinato\.csrf=/.test(c))
    ?.split(";")[0];
  if (!response.ok || !token || !cookie) throw new Error(`the sign-in page gave no CSRF token (status ${response.status})`);
  return { token, cookie };
}

async function providerIdsFromSearch(baseUrl: string, paths: string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const p of paths.slice(0, 20)) {
    const html = await (await fetch(`${baseUrl}${p}`)).text();
    for (const match of html.matchAll(/href="\/providers\/([\w-]+)/g)) ids.add(match[1]!);
    if (ids.size >= 200) break;
  }
  if (ids.size === 0) throw new Error("no provider links on the search pages: is the database seeded?");
  return [...ids];
}

function slopePerMinute(samples: Array<{ atMs: number; value: number }>): number {
  if (samples.length < 2) return 0;
  const xs = samples.map((s) => s.atMs / 60_000);
  const ys = samples.map((s) => s.value);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Runs the mixed traffic against `baseUrl` and reports; never throws for bad answers (see `ok`). */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const quartiereIds = options.quartiereIds ?? Array.from({ length: 88 }, (_, i) => i + 1);
  const searches = searchPaths(quartiereIds);
  const providerIds = options.providerIds?.length ? options.providerIds : await providerIdsFromSearch(options.baseUrl, searches);
  const form = await signInForm(options.baseUrl);
  const maxRequests = options.maxRequests ?? Math.ceil(options.durationSeconds * 2000);

  let counter = 0;
  const pick = <T>(list: T[]) => list[counter++ % list.length]!;
  const build = (kind: RequestKind): { method: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string> } => {
    switch (kind) {
      case "search":
        return { method: "GET", path: pick(searches) };
      case "profile":
        return { method: "GET", path: `/providers/${pick(providerIds)}` };
      case "signInPage":
        return { method: "GET", path: "/login" };
      case "wrongPassword": {
        const n = counter++;
        return {
          method: "POST",
          path: "/login",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: form.cookie },
          body: new URLSearchParams({ _csrf: form.token, email: `soak-${Date.now().toString(36)}-${n}@example.org`, password: "not-the-password-1", redirectTo: "/account" }).toString(),
        };
      }
    }
  };

  async function load(durationS: number, record: boolean) {
    const latencies: number[] = [];
    const byKind = Object.fromEntries(
      (Object.keys(expectedStatus) as RequestKind[]).map((k) => [k, { requests: 0, statuses: {} as Record<string, number> }]),
    ) as SoakReport["byKind"];
    let answered = 0;
    let unexpected = 0;
    let tracker: { stop(): void } | undefined;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      tracker = autocannon(
        {
          url: options.baseUrl,
          connections: options.connections,
          duration: durationS,
          timeout: options.timeoutSeconds ?? 10,
          requests: mix.map((kind) => ({
            setupRequest: (request: autocannon.Request) => {
              const next = build(kind);
              return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
            },
            onResponse: (status: number) => {
              answered++;
              const entry = byKind[kind];
              entry.requests++;
              entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
              if (status !== expectedStatus[kind]) unexpected++;
              if (answered >= maxRequests) tracker?.stop();
            },
          })),
          setupClient: (client: { on(event: "response", fn: (status: number, bytes: number, time: number) => void): void }) => {
            if (record) client.on("response", (_status, _bytes, time) => latencies.push(time));
          },
        } as unknown as autocannon.Options,
        (error, res) => (error ? reject(error) : resolve(res)),
      ) as unknown as { stop(): void };
    });
    latencies.sort((a, b) => a - b);
    return { result, latencies, byKind, unexpected };
  }

  if (options.warmUpSeconds && options.warmUpSeconds > 0) {
    log(`warming up for ${options.warmUpSeconds} s…`);
    await load(options.warmUpSeconds, false);
  }

  const started = Date.now();
  const samples: MemorySample[] = [];
  const sample = async () => {
    if (!options.sampleMemory) return;
    try {
      const s = await options.sampleMemory();
      samples.push({ atMs: Date.now() - started, ...s });
      const last = samples.at(-1)!;
      const heapText =
        last.heapUsedMb !== undefined
          ? `  heap used ${last.heapUsedMb.toFixed(1)} / total ${last.heapTotalMb!.toFixed(1)} MB  external ${last.externalMb!.toFixed(1)} MB`
          : "";
      log(`  t=${(last.atMs / 1000).toFixed(0).padStart(4)} s  rss ${last.rssMb.toFixed(1)} MB${heapText}`);
    } catch (error) {
      log(`  memory sample failed: ${String(error)}`);
    }
  };
  log(`soaking ${options.baseUrl} for ${options.durationSeconds} s with ${options.connections} connections (at most ${maxRequests} requests)…`);
  await sample();
  const timer = setInterval(() => void sample(), (options.sampleEverySeconds ?? 10) * 1000);
  let run: Awaited<ReturnType<typeof load>>;
  try {
    run = await load(options.durationSeconds, true);
  } finally {
    clearInterval(timer);
  }
  await sample();

  const { result, latencies, byKind, unexpected } = run;
  const rss = samples.map((s) => s.rssMb);
  const heap = samples.map((s) => s.heapUsedMb).filter((v): v is number => v !== undefined);
  const memory: SoakReport["memory"] =
    samples.length > 0
      ? {
          samples,
          rssStartMb: rss[0]!,
          rssEndMb: rss.at(-1)!,
          rssMaxMb: Math.max(...rss),
          rssSlopeMbPerMin: slopePerMinute(samples.map((s) => ({ atMs: s.atMs, value: s.rssMb }))),
          ...(heap.length > 0 ? { heapStartMb: heap[0], heapEndMb: heap.at(-1), heapMaxMb: Math.max(...heap) } : {}),
          ...(heap.length >= 6
            ? {
                // The first sample is before warm-up load; the thirds come after it.
                liveHeapFirstThirdMb: Math.min(...heap.slice(1, 1 + Math.floor((heap.length - 1) / 3))),
                liveHeapLastThirdMb: Math.min(...heap.slice(heap.length - Math.floor((heap.length - 1) / 3))),
              }
            : {}),
        }
      : null;
  const requests = Object.values(byKind).reduce((sum, k) => sum + k.requests, 0);
  return {
    durationS: result.duration,
    requests,
    perSecond: requests / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    byKind,
    unexpectedResponses: unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    memory,
    ok: unexpected === 0 && result.errors === 0 && result.timeouts === 0,
  };
}

export function formatSoakReport(report: SoakReport): string {
  const lines = [
    `requests: ${report.requests} in ${report.durationS.toFixed(0)} s (${report.perSecond.toFixed(0)}/s)`,
    `latency: p50 ${report.p50.toFixed(1)} ms, p95 ${report.p95.toFixed(1)} ms, p99 ${report.p99.toFixed(1)} ms`,
    `connection errors: ${report.errors} (timeouts: ${report.timeouts})`,
    `unexpected statuses: ${report.unexpectedResponses}`,
    "by kind (status: count; expected status in brackets):",
  ];
  for (const [kind, entry] of Object.entries(report.byKind)) {
    const statuses = Object.entries(entry.statuses)
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ");
    lines.push(`  ${kind.padEnd(14)} ${String(entry.requests).padStart(7)}  [${expectedStatus[kind as RequestKind]}]  ${statuses}`);
  }
  const non2xx3xx: Record<string, number> = {};
  for (const entry of Object.values(report.byKind)) {
    for (const [status, count] of Object.entries(entry.statuses)) if (Number(status) >= 400) non2xx3xx[status] = (non2xx3xx[status] ?? 0) + count;
  }
  lines.push(
    `non-2xx/3xx by status: ${Object.keys(non2xx3xx).length === 0 ? "none" : Object.entries(non2xx3xx).map(([s, c]) => `${s}: ${c}`).join(", ")}` +
      (non2xx3xx["400"] ? " (400 = the wrong-password sign-ins, expected)" : ""),
  );
  const m = report.memory;
  if (m) {
    lines.push(
      `server RSS: start ${m.rssStartMb.toFixed(1)} MB, end ${m.rssEndMb.toFixed(1)} MB, max ${m.rssMaxMb.toFixed(1)} MB, slope ${m.rssSlopeMbPerMin >= 0 ? "+" : ""}${m.rssSlopeMbPerMin.toFixed(2)} MB/min over ${m.samples.length} samples`,
    );
    if (m.heapStartMb !== undefined) {
      lines.push(`server heap used: start ${m.heapStartMb.toFixed(1)} MB, end ${m.heapEndMb!.toFixed(1)} MB, max ${m.heapMaxMb!.toFixed(1)} MB`);
    }
    if (m.liveHeapFirstThirdMb !== undefined) {
      lines.push(
        `live heap (lowest heap used, after a major collection): first third ${m.liveHeapFirstThirdMb.toFixed(1)} MB, last third ${m.liveHeapLastThirdMb!.toFixed(1)} MB`,
      );
    }
  }
  lines.push(report.ok ? "result: OK (no error responses, no connection errors)" : "result: FAILED (error responses or connection errors above)");
  return lines.join("\n");
}

/** RSS of any process from /proc (Linux), in MB. */
async function rssOfPid(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The site as `npm start` runs it (production, one web process, worker included), with the memory probe. */
async function startSite(runtime: Runtime, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", pathToFileURL(path.join(root, "bench", "soak-probe.ts")).href, "server/start.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: runtime.services.databaseUrl,
        MEILI_URL: runtime.services.meiliUrl,
        MEILI_API_KEY: runtime.services.meiliApiKey ?? "",
        MEILI_INDEX_PREFIX: runtime.env.MEILI_INDEX_PREFIX,
        VICINATO_DATA_DIR: runtime.env.VICINATO_DATA_DIR,
        SMTP_URL: runtime.services.smtpUrl,
        RUN_WORKER: "true",
        SEED_PROVIDERS: "0",
        WEB_CONCURRENCY: "1",
        LOG_LEVEL: "warn",
        // One client address sends everything: the per-address limits would answer 429.
        RATE_LIMIT_AUTH_PER_15MIN: "0",
        RATE_LIMIT_SEARCH_PER_MIN: "0",
        SECURE_COOKIES: "false",
      },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the web process exited during start");
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGTERM");
  throw new Error("the web process did not become healthy within 60 s");
}

/** Asks the probe in the web process for process.memoryUsage() (RSS from /proc if it does not answer). */
function memoryOf(child: ChildProcess): () => Promise<Omit<MemorySample, "atMs">> {
  return () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off("message", onMessage);
        rssOfPid(child.pid!).then((rssMb) => resolve({ rssMb }), reject);
      }, 2000);
      const onMessage = (message: unknown) => {
        const m = message as { type?: string; rss: number; heapUsed: number; heapTotal: number; external: number };
        if (m?.type !== "memory") return;
        clearTimeout(timer);
        child.off("message", onMessage);
        const mb = (bytes: number) => bytes / 1024 / 1024;
        resolve({ rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) });
      };
      child.on("message", onMessage);
      child.send("memory?");
    });
}

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "10" },
      seconds: { type: "string" },
      connections: { type: "string", default: "10" },
      providers: { type: "string", default: "2000" },
      "warm-up": { type: "string", default: "10" },
      /** Soak a site that is already running instead (memory only with --pid). */
      url: { type: "string" },
      pid: { type: "string" },
    },
  });
  const durationSeconds = values.seconds ? Number(values.seconds) : Math.round(Number(values.minutes) * 60);
  const connections = Number(values.connections);
  const common = { durationSeconds, connections, warmUpSeconds: Number(values["warm-up"]) };

  if (values.url) {
    const pid = values.pid ? Number(values.pid) : undefined;
    const report = await runSoak({ ...common, baseUrl: values.url, sampleMemory: pid ? async () => ({ rssMb: await rssOfPid(pid) }) : undefined });
    console.log(`\n${formatSoakReport(report)}`);
    process.exitCode = report.ok ? 0 : 1;
    return;
  }

  const env = getEnv({
    ...process.env,
    VICINATO_DATA_DIR: process.env.VICINATO_DATA_DIR ?? ".data/soak",
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? String(await findFreePort()),
    EMBEDDED_MEILI_PORT: process.env.EMBEDDED_MEILI_PORT ?? String(await findFreePort()),
  });
  const runtime = await createRuntime({ env });
  let site: ChildProcess | undefined;
  try {
    const providers = Number(values.providers);
    const { n } = await runtime.db.selectFrom("providers").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    if (Number(n) !== providers) {
      console.log(`seeding ${providers} providers…`);
      await seedDemoData(runtime, { providers, seed: 2026 });
    } else {
      console.log(`reusing ${providers} seeded providers; rebuilding the index…`);
      await reindexProviders(runtime.db, runtime.search);
    }
    const providerIds = (
      await runtime.db.selectFrom("providers").select("id").where("status", "=", "verified").where("active", "=", true).orderBy("id").limit(500).execute()
    ).map((r) => String(r.id));
    const quartiereIds = (await runtime.db.selectFrom("quartieri").select("id").orderBy("id").execute()).map((r) => r.id);

    const port = await findFreePort();
    site = await startSite(runtime, port);
    console.log(`machine: ${(await import("node:os")).cpus().length} cores, Node ${process.version}; site pid ${site.pid} at http://127.0.0.1:${port}`);
    const report = await runSoak({ ...common, baseUrl: `http://127.0.0.1:${port}`, providerIds, quartiereIds, sampleMemory: memoryOf(site) });
    console.log(`\n${formatSoakReport(report)}`);
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    if (site && site.exitCode === null) {
      const exited = new Promise((resolve) => site!.once("exit", resolve));
      site.kill("SIGTERM");
      await exited;
    }
    await runtime.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
