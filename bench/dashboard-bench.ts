import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createCookie } from "@remix-run/node";
import { sql } from "kysely";
import { createSession } from "../app/domain/accounts/sessions.server.js";
import { loadCurrentUser } from "../app/domain/accounts/sessions.server.js";
import type { CurrentUser } from "../app/domain/accounts/current-user.js";
import { refreshImpactFacts } from "../app/domain/impact/booking-facts.server.js";
import { getDashboard } from "../app/domain/impact/dashboard.server.js";
import { defaultPeriod, type DashboardQuery } from "../app/domain/impact/dashboard-query.js";
import { getEnv } from "../app/utils/env.server.js";
import type { DB } from "../db/client.js";
import { seedCatalogue } from "../db/seed/catalogue.js";
import { generateProviders } from "../db/seed/providers-generator.js";
import { insertProviders, resetProviders } from "../db/seed/seed-providers.js";
import { loadNilPolygons, loadQuartieri, seedTerritory } from "../db/seed/territory.js";
import { createRuntime, type Runtime } from "../server/runtime.js";
import { findFreePort } from "../server/services.js";
import { runLoad } from "./load.js";
import { formatTable, percentile, type LoadFigures } from "./stats.js";

/**
 * The community dashboard on a year of data for a large city (issue 6 target: < 300 ms p95):
 * 100,000 families, their bookings with every transition, needs, shared groups, unmet searches,
 * vouchers and provider approvals over the last 12 months, written with generate_series in a few
 * statements (about a minute), then
 *   1. getDashboard (the domain function the page calls) timed for an operator of 3 quartieri,
 *      an admin's municipio and an admin's whole city, each `iterations` times;
 *   2. with `http`, the page itself under autocannon (`connections` at once, `durationS`), as an
 *      operator signed in with a real session cookie.
 * Uses its own data folder and ports unless DATABASE_URL is set; reruns reuse the fixture.
 * Run directly: `npx tsx bench/dashboard-bench.ts [--families 100000] [--iterations 40] [--http]`.
 */

export interface DashboardBenchOptions {
  families?: number;
  iterations?: number;
  http?: boolean;
  connections?: number;
  durationS?: number;
  /** Rebuild the fixture even if one of this size is there. */
  fresh?: boolean;
  /** A runtime to use (the caller closes it); otherwise one on .data/bench-dashboard. */
  runtime?: Runtime;
  log?: (line: string) => void;
}

export interface DashboardBenchRow {
  label: string;
  p50: number;
  p95: number;
  max: number;
  runs: number;
}

const FIXTURE_TAG = "bench-dashboard";
const PROVIDERS = 2_000;

/** Volumes per 100,000 families (scaled linearly). */
function volumes(families: number) {
  const k = families / 100_000;
  return {
    families,
    bookings: Math.round(240_000 * k),
    needs: Math.round(60_000 * k),
    groups: Math.round(6_000 * k),
    demandEvents: Math.round(400_000 * k),
    vouchers: Math.round(20_000 * k),
    ledger: Math.round(60_000 * k),
  };
}

async function count(db: DB, table: string, where = sql`true`): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(rows[0]!.n);
}

/** Writes the year of data (deterministic: setseed), unless a fixture of this size is there. */
export async function seedDashboardFixture(db: DB, options: { families: number; fresh?: boolean; log?: (line: string) => void }): Promise<void> {
  const log = options.log ?? (() => {});
  const v = volumes(options.families);
  const existing = await count(db, "users", sql`email like ${`${FIXTURE_TAG}-%`}`);
  if (existing === v.families && !options.fresh) {
    log(`reusing the fixture: ${v.families} families`);
    return;
  }
  const step = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };

  await step("territory and catalogue", async () => {
    await seedTerritory(db);
    await seedCatalogue(db);
  });
  await step(`${PROVIDERS} providers`, async () => {
    await db.deleteFrom("shared_groups").execute();
    await sql`truncate bookings, needs, search_demand_events, vouchers, need_referrals cascade`.execute(db);
    await sql`delete from provider_status_transitions`.execute(db);
    await db.deleteFrom("users").where("email", "like", `${FIXTURE_TAG}-%`).execute();
    await resetProviders(db);
    const providers = generateProviders({ count: PROVIDERS, seed: 2026, quartieri: loadQuartieri(), polygons: loadNilPolygons(), now: new Date() });
    const categoryIds = await seedCatalogue(db);
    await insertProviders(db, providers, categoryIds);
    // Nobody needs these providers in the search index for this benchmark.
    await db.deleteFrom("search_outbox").execute();
  });

  await sql`select setseed(0.42)`.execute(db);
  await step(`${v.families} families`, async () => {
    await sql`
      insert into users (email, password_hash, display_name, locale, email_verified_at, created_at)
      select ${FIXTURE_TAG} || '-' || g || '@example.test', null, 'Famiglia ' || g, 'it', now(), now() - interval '400 days'
      from generate_series(1, ${v.families}) g`.execute(db);
    await sql`insert into user_roles (user_id, role) select id, 'family' from users where email like ${`${FIXTURE_TAG}-%`}`.execute(db);
  });
  await step("approvals of the verified providers over the year", async () => {
    await sql`
      insert into provider_status_transitions (provider_id, from_status, to_status, actor, created_at)
      select id, 'pending', 'verified', 'operator', now() - random() * interval '540 days' from providers where status = 'verified'`.execute(db);
  });
  await step(`${v.bookings} bookings with their transitions`, async () => {
    // A family books a provider of its area for one of the provider's categories, in the quartiere
    // where the service happens (mostly one of the provider's zones).
    await sql`
      create temporary table bench_families as
        select row_number() over (order by id) as n, id from users where email like ${`${FIXTURE_TAG}-%`}`.execute(db);
    await sql`
      create temporary table bench_offers as
        select row_number() over (order by ps.provider_id, ps.category_id) as n, ps.provider_id, ps.category_id,
               (select z.quartiere_id from provider_zones z where z.provider_id = ps.provider_id order by z.quartiere_id limit 1) as quartiere_id,
               (select array_agg(z.quartiere_id) from provider_zones z where z.provider_id = ps.provider_id) as zones
        from provider_services ps join providers p on p.id = ps.provider_id where p.status = 'verified'`.execute(db);
    await sql`
      insert into bookings (provider_id, family_user_id, category_id, kind, status, weekdays, start_minute, end_minute,
                            first_date, last_date, address, hourly_price_cents, total_cents, quartiere_id, created_at, updated_at)
      select o.provider_id, f.id, o.category_id,
             case when x.recurring then 'recurring' else 'one_off' end,
             x.status, '{2,4}', 960, 1080,
             (x.created_at + interval '3 days')::date,
             (x.created_at + interval '3 days' + case when x.recurring then interval '60 days' else interval '0 days' end)::date,
             'Via del Benchmark 1, Milano', 1300, 2600,
             o.zones[1 + floor(random() * cardinality(o.zones))::int], x.created_at, x.created_at
      from generate_series(1, ${v.bookings}) g
      cross join lateral (select random() as rf, random() as ro, random() as rs, random() < 0.2 as recurring,
                                 now() - random() * interval '365 days' as created_at, g as seq) x0
      cross join lateral (select x0.*, case
          when x0.rs < 0.45 then 'completed' when x0.rs < 0.60 then 'reviewed' when x0.rs < 0.68 then 'confirmed'
          when x0.rs < 0.72 then 'in_progress' when x0.rs < 0.80 then 'cancelled' when x0.rs < 0.87 then 'declined'
          when x0.rs < 0.93 then 'expired' else 'requested' end as status) x
      join bench_families f on f.n = 1 + floor(x.rf * ${v.families})::int
      join bench_offers o on o.n = 1 + floor(x.ro * (select count(*) from bench_offers))::int`.execute(db);
    // request; then the provider's answer (accept, counter-offer or decline) minutes to two days later.
    await sql`
      insert into booking_transitions (booking_id, from_status, to_status, action, actor_role, created_at)
      select id, null, 'requested', 'request', 'family', created_at from bookings`.execute(db);
    await sql`
      insert into booking_transitions (booking_id, from_status, to_status, action, actor_role, created_at)
      select id, 'requested',
             case when status = 'declined' then 'declined' when random() < 0.1 then 'counter_offered' else 'accepted' end,
             case when status = 'declined' then 'decline' else 'accept' end, 'provider',
             created_at + (5 + random() * 2875) * interval '1 minute'
      from bookings where status not in ('requested', 'expired') and not (status = 'cancelled' and random() < 0.5)`.execute(db);
    await sql`
      insert into booking_transitions (booking_id, from_status, to_status, action, actor_role, created_at)
      select id, 'accepted', 'confirmed', 'confirm', 'family', created_at + interval '2 days'
      from bookings where status in ('confirmed', 'in_progress', 'completed', 'reviewed')`.execute(db);
    await sql`
      insert into booking_transitions (booking_id, from_status, to_status, action, actor_role, created_at)
      select id, 'confirmed', 'completed', 'complete', 'provider', (last_date + 1)::timestamp at time zone 'Europe/Rome' + interval '18 hours'
      from bookings where status in ('completed', 'reviewed')`.execute(db);
    await sql`
      insert into booking_transitions (booking_id, from_status, to_status, action, actor_role, created_at)
      select id, status, 'cancelled', 'cancel', 'family', created_at + interval '1 day' from bookings where status = 'cancelled'`.execute(db);
  });
  await step(`${v.needs} needs and ${v.groups} shared groups`, async () => {
    await sql`
      insert into needs (family_user_id, created_by_user_id, category_id, windows, address, quartiere_id, lat, lng, status, created_at, updated_at)
      select f.id, f.id, c.id, '[{"weekday":2,"startMinute":960,"endMinute":1080}]', 'Via Privata 1, Milano', q.id, q.lat, q.lng,
             case when x.rs < 0.45 then 'open' when x.rs < 0.75 then 'fulfilled' else 'withdrawn' end, x.created_at, x.created_at
      from generate_series(1, ${v.needs}) g
      cross join lateral (select random() as rf, random() as rc, random() as rq, random() as rs, now() - random() * interval '365 days' as created_at, g as seq) x
      join bench_families f on f.n = 1 + floor(x.rf * ${v.families})::int
      join (select row_number() over (order by id) as n, id from service_categories) c on c.n = 1 + floor(x.rc * 7)::int
      join quartieri q on q.id = 1 + floor(x.rq * 88)::int`.execute(db);
    await sql`
      insert into shared_groups (proposal_key, category_id, status, quartiere_id, meeting_lat, meeting_lng, shared_windows, weekly_minutes,
                                 hourly_total_cents, individual_hourly_cents, created_at, formed_at, updated_at)
      select ${FIXTURE_TAG} || '-' || g, c.id, x.status, q.id, q.lat, q.lng, '[{"weekday":2,"startMinute":960,"endMinute":1080}]',
             120 + 60 * floor(random() * 4)::int, 1800, 1200 + 100 * floor(random() * 6)::int, x.created_at,
             case when x.status = 'proposed' then null else x.created_at + interval '5 days' end, x.created_at
      from generate_series(1, ${v.groups}) g
      cross join lateral (select random() as rc, random() as rq, now() - random() * interval '365 days' as created_at, g as seq,
             (array['proposed','formed','booked','active','active','dissolved'])[1 + floor(random() * 6)::int] as status) x
      join (select row_number() over (order by id) as n, id from service_categories) c on c.n = 1 + floor(x.rc * 7)::int
      join quartieri q on q.id = 1 + floor(x.rq * 88)::int`.execute(db);
    // Three members per group, each with a need of their own (grouped).
    await sql`
      with slots as (
        select g.id as group_id, g.category_id, g.quartiere_id, g.created_at, m as member, row_number() over () as n
        from shared_groups g cross join generate_series(1, 3) m where g.proposal_key like ${`${FIXTURE_TAG}-%`}),
      made as (
        insert into needs (family_user_id, created_by_user_id, category_id, windows, address, quartiere_id, lat, lng, status, created_at, updated_at)
        select f.id, f.id, s.category_id, '[{"weekday":2,"startMinute":960,"endMinute":1080}]', 'Via Privata 2, Milano', s.quartiere_id, q.lat, q.lng,
               'grouped', s.created_at - interval '3 days', s.created_at
        from slots s join quartieri q on q.id = s.quartiere_id join bench_families f on f.n = 1 + (s.n * 7919) % ${v.families}
        returning id, family_user_id, created_at, category_id, quartiere_id),
      numbered as (select *, row_number() over (order by created_at, id) as n from made)
      insert into shared_group_members (group_id, need_id, family_user_id, status, share_hourly_cents, responded_at)
      select s.group_id, m.id, m.family_user_id, case when s.member = 3 and random() < 0.3 then 'declined' else 'accepted' end,
             500 + 50 * floor(random() * 6)::int, s.created_at
      from (select *, row_number() over (order by created_at, group_id, member) as k from slots) s
      join numbered m on m.n = s.k`.execute(db);
  });
  await step(`${v.demandEvents} unmet searches`, async () => {
    await sql`
      insert into search_demand_events (category_id, quartiere_id, language, result_count, created_at)
      select case when random() < 0.15 then null else 1 + floor(random() * 7)::int end,
             case when random() < 0.05 then null else 1 + floor(random() * 88)::int end,
             (array['it','it','it','en','es','ar','zh','uk'])[1 + floor(random() * 8)::int],
             floor(random() * 3)::int, now() - random() * interval '365 days'
      from generate_series(1, ${v.demandEvents})`.execute(db);
  });
  await step(`${v.vouchers} vouchers and ${v.ledger} ledger rows`, async () => {
    await sql`
      insert into vouchers (family_user_id, programme, budget_cents, balance_cents, expires_on, quartiere_id, created_at)
      select f.id, 'Bonus cura', 50000, 50000, current_date + 365, 1 + floor(random() * 88)::int, now() - interval '380 days'
      from generate_series(1, ${v.vouchers}) g join bench_families f on f.n = g`.execute(db);
    await sql`
      insert into voucher_ledger (voucher_id, payment_id, amount_cents, reason, created_at)
      select v.id, null, case when random() < 0.85 then -(500 + floor(random() * 4000)::int) else 300 + floor(random() * 1000)::int end,
             'spend', now() - random() * interval '365 days'
      from generate_series(1, ${v.ledger}) g
      join (select row_number() over (order by id) as n, id from vouchers) v on v.n = 1 + g % ${v.vouchers}`.execute(db);
    await sql`update voucher_ledger set reason = 'refund' where amount_cents > 0`.execute(db);
  });
  await step("refresh impact_booking_facts (what the worker does every 5 minutes)", () => refreshImpactFacts(db));
  // What autovacuum does on a live database: statistics and the visibility map (index-only scans).
  await step("vacuum analyze", () => sql`vacuum analyze`.execute(db));
}

async function benchUser(db: DB, role: "operator" | "admin", quartieri: number[]): Promise<CurrentUser> {
  const email = `${FIXTURE_TAG}-staff-${role}-${quartieri.join("-")}-${crypto.randomBytes(3).toString("hex")}@example.org`;
  const { id } = await db.insertInto("users").values({ email, password_hash: null, display_name: email, locale: "it", email_verified_at: new Date() }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("user_roles").values({ user_id: id, role }).execute();
  if (quartieri.length > 0) await db.insertInto("operator_quartieri").values(quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  return (await loadCurrentUser(db, id))!;
}

async function timeDashboard(db: DB, user: CurrentUser, query: DashboardQuery, iterations: number, label: string): Promise<DashboardBenchRow> {
  // Two warm-up runs: reference caches, the map's projection, PostgreSQL's plans.
  for (let i = 0; i < 2; i++) await getDashboard(db, user, query, { withNeedsToRoute: true });
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await getDashboard(db, user, query, { withNeedsToRoute: true });
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)!, runs: iterations };
}

async function startWebProcess(runtime: Runtime, port: number, secret: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: runtime.services.databaseUrl,
      MEILI_URL: runtime.services.meiliUrl,
      RUN_WORKER: "false",
      SEED_PROVIDERS: "0",
      LOG_LEVEL: "warn",
      SESSION_SECRET: secret,
      SECURE_COOKIES: "false",
      RATE_LIMIT_SEARCH_PER_MIN: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the web process exited during start");
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error("the web process did not become healthy within 60 s");
}

export async function runDashboardBench(options: DashboardBenchOptions = {}): Promise<{ domain: DashboardBenchRow[]; http: LoadFigures[] }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const families = options.families ?? 100_000;
  const iterations = options.iterations ?? 40;
  const runtime =
    options.runtime ??
    (await createRuntime({
      env: getEnv({
        ...process.env,
        VICINATO_DATA_DIR: process.env.VICINATO_DATA_DIR ?? ".data/bench-dashboard",
        EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "54337",
        EMBEDDED_MEILI_PORT: process.env.EMBEDDED_MEILI_PORT ?? "7707",
      }),
      poolSize: 10,
    }));
  try {
    log(`machine: ${cpus().length} cores, Node ${process.version}`);
    await seedDashboardFixture(runtime.db, { families, fresh: options.fresh, log });
    const sizes = await Promise.all(
      ["users", "bookings", "booking_transitions", "needs", "shared_groups", "shared_group_members", "search_demand_events", "voucher_ledger"].map(async (t) => `${t} ${await count(runtime.db, t)}`),
    );
    log(`fixture: ${sizes.join(", ")}`);

    const period = defaultPeriod(new Date());
    const operator = await benchUser(runtime.db, "operator", [12, 20, 21]);
    const admin = await benchUser(runtime.db, "admin", []);
    const domain: DashboardBenchRow[] = [];
    domain.push(await timeDashboard(runtime.db, operator, { scope: { kind: "all" }, ...period, measure: "unmetSearches" }, iterations, "operator, 3 quartieri"));
    domain.push(await timeDashboard(runtime.db, operator, { scope: { kind: "quartiere", id: 20 }, ...period, measure: "familiesServed" }, iterations, "operator, 1 quartiere"));
    domain.push(await timeDashboard(runtime.db, admin, { scope: { kind: "municipio", id: 3 }, ...period, measure: "bookings" }, iterations, "admin, municipio 3"));
    domain.push(await timeDashboard(runtime.db, admin, { scope: { kind: "all" }, ...period, measure: "openNeeds" }, iterations, "admin, whole city"));
    log(`\ngetDashboard over the last 12 months, ${families} families (${iterations} runs each, sequential):\n`);
    log(formatDomainTable(domain));

    const http: LoadFigures[] = [];
    if (options.http) {
      const secret = crypto.randomBytes(32).toString("hex");
      const port = await findFreePort();
      const web = await startWebProcess(runtime, port, secret);
      try {
        const cookie = createCookie("vicinato_session", { secrets: [secret], path: "/" });
        const header = async (user: CurrentUser) => (await cookie.serialize(await createSession(runtime.db, user.id, "bench"))).split(";")[0]!;
        const url = `http://127.0.0.1:${port}`;
        for (const [label, user, path] of [
          ["page /operator/dashboard, operator of 3 quartieri", operator, "/operator/dashboard"],
          ["page /operator/dashboard, admin, whole city", admin, "/operator/dashboard?measure=openNeeds"],
        ] as const) {
          const headers = { cookie: await header(user) };
          const probe = await fetch(`${url}${path}`, { headers });
          if (probe.status !== 200) throw new Error(`${path} answered ${probe.status}`);
          await runLoad({ label: "warm-up", url, requests: [{ method: "GET", path, headers }], connections: 2, durationS: 2 });
          http.push(await runLoad({ label, url, requests: [{ method: "GET", path, headers }], connections: options.connections ?? 4, durationS: options.durationS ?? 10 }));
        }
      } finally {
        web.kill("SIGTERM");
        await new Promise((resolve) => web.once("exit", resolve));
      }
      log(`\nthe dashboard page over HTTP (${options.connections ?? 4} connections, ${options.durationS ?? 10} s each):\n`);
      log(formatTable(http));
    }
    const worst = Math.max(...domain.map((r) => r.p95), ...http.map((r) => r.p95));
    log(`\ntarget p95 < 300 ms: ${worst < 300 ? "met" : "NOT met"} (worst p95 ${worst.toFixed(0)} ms)`);
    return { domain, http };
  } finally {
    if (!options.runtime) await runtime.close();
  }
}

export function formatDomainTable(rows: readonly DashboardBenchRow[]): string {
  const header = ["", "p50 ms", "p95 ms", "max ms", "runs"];
  const lines = rows.map((r) => [r.label, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1), String(r.runs)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines].map((cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")).join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      families: { type: "string", default: "100000" },
      iterations: { type: "string", default: "40" },
      http: { type: "boolean", default: false },
      connections: { type: "string", default: "4" },
      duration: { type: "string", default: "10" },
      fresh: { type: "boolean", default: false },
    },
  });
  await runDashboardBench({
    families: Number(values.families),
    iterations: Number(values.iterations),
    http: values.http,
    connections: Number(values.connections),
    durationS: Number(values.duration),
    fresh: values.fresh,
  });
}
