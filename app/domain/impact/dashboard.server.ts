import type { DB } from "../../../db/client";
import { providerStatuses, type ProviderStatus } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { cachedReference } from "../../utils/reference-cache.server";
import { listQuartieri } from "../territory/territory.server";
import { choroplethClasses, type LegendClass } from "./choropleth";
import { areaValue, type DashboardQuery, type MapMeasure } from "./dashboard-query";
import { resolveDashboardScope, type AreaOption } from "./dashboard-scope.server";
import { fetchBookingFigures } from "./indicators/bookings.server";
import { coverageGaps } from "./indicators/coverage";
import { fetchDemand } from "./indicators/demand.server";
import { fetchProviderFigures } from "./indicators/providers.server";
import { fetchSharingFigures } from "./indicators/sharing.server";
import type { Cell, IndicatorScope } from "./indicators/sql";
import { fetchVoucherFigures } from "./indicators/vouchers.server";
import { milanMapGeometry } from "./map-geometry.server";
import { listNeedsToRoute, type NeedsToRoute } from "./network/referrals.server";
import { impactFactsRefreshedAt } from "./booking-facts.server";
import { periodOf } from "./period";
import { distinctMeasures, impactIndicatorKeys, moneyIndicators, type ImpactIndicatorKey, type ImpactIndicators } from "./indicator-keys";

/**
 * The community manager's dashboard: every measure and impact indicator of one area over one
 * period, read from PostgreSQL in parallel (one query per family of figures, each a range scan on
 * an index of db/migrations/0006_impact.ts; booking figures from the impact_booking_facts view,
 * which the worker refreshes every 5 minutes). Authorisation first: an operator asking for a quartiere
 * or municipio that is not theirs gets an AuthorisationError before anything is read.
 */

export { distinctMeasures, impactIndicatorKeys, moneyIndicators, type ImpactIndicatorKey, type ImpactIndicators };

export interface CategoryCount {
  /** A category slug; null: searches made without choosing a category. */
  category: string | null;
  count: number;
}

export interface QuartiereRow {
  id: number;
  name: string;
  values: Record<MapMeasure, number>;
}

export interface DashboardMap {
  width: number;
  height: number;
  /** All 88 quartieri; value is null for those outside the chosen area. */
  shapes: Array<{ id: number; name: string; d: string; value: number | null }>;
  legend: LegendClass[];
}

export interface Dashboard {
  query: DashboardQuery;
  area: { value: string; kind: DashboardQuery["scope"]["kind"]; name: string | null; isCity: boolean };
  areaOptions: AreaOption[];
  isAdmin: boolean;
  currency: "EUR";
  categories: string[];
  indicators: ImpactIndicators;
  openNeedsByCategory: CategoryCount[];
  unmetSearchesByCategory: CategoryCount[];
  providersByCategory: Array<{ category: string; counts: Record<ProviderStatus, number>; total: number }>;
  providerStatuses: ProviderStatus[];
  coverageGaps: Array<{ quartiereId: number; quartiere: string; category: string; openNeeds: number; unmetSearches: number }>;
  groups: { forming: number; active: number; byCategory: Array<{ category: string; forming: number; active: number }> };
  bookings: { total: number; cancelled: number; byCategory: Array<{ category: string; bookings: number; cancelled: number }> };
  responseTime: { averageMinutes: number | null; answered: number };
  vouchers: { spentCents: number; returnedCents: number };
  /** The area's quartieri with every map measure, by name. */
  quartieri: QuartiereRow[];
  /** Figures without a quartiere (searches and bookings with none), counted only for the whole city. */
  unlocated: Record<MapMeasure, number> | null;
  /** The area's total of each map measure (for verified providers and families: each counted once). */
  measureTotals: Record<MapMeasure, number>;
  map: DashboardMap | null;
  needsToRoute: NeedsToRoute | null;
  /** When the booking figures (from impact_booking_facts) were last brought up to date, ISO. */
  bookingsAsOf: string | null;
}

async function categoryIds(db: DB): Promise<Array<{ id: number; slug: string }>> {
  return cachedReference(db, "impact:category-ids", () =>
    db.selectFrom("service_categories").select(["id", "slug"]).orderBy("sort_order").orderBy("id").execute(),
  );
}

const zeroMeasures = (): Record<MapMeasure, number> => ({ unmetSearches: 0, openNeeds: 0, verifiedProviders: 0, bookings: 0, familiesServed: 0 });
const emptyStatusCounts = (): Record<ProviderStatus, number> =>
  Object.fromEntries(providerStatuses.map((s) => [s, 0])) as Record<ProviderStatus, number>;

function sumByCategory(cells: readonly Cell[], categories: ReadonlyArray<{ id: number; slug: string }>, keepUncategorised: boolean): CategoryCount[] {
  const totals = new Map<number | null, number>();
  for (const cell of cells) totals.set(cell.categoryId, (totals.get(cell.categoryId) ?? 0) + cell.n);
  const rows: CategoryCount[] = categories.map((c) => ({ category: c.slug, count: totals.get(c.id) ?? 0 }));
  if (keepUncategorised && (totals.get(null) ?? 0) > 0) rows.push({ category: null, count: totals.get(null)! });
  return rows;
}

export async function getDashboard(
  db: DB,
  user: CurrentUser | null,
  query: DashboardQuery,
  options: { now?: Date; withMap?: boolean; withNeedsToRoute?: boolean } = {},
): Promise<Dashboard> {
  const scope = await resolveDashboardScope(db, user, query.scope);
  const period = periodOf(query.from, query.to, options.now);
  const input: IndicatorScope = { quartiereIds: scope.quartiereIds, period };
  const areaQuartiereIds = scope.quartieri.map((q) => q.id);

  const [categories, demand, providers, bookings, sharing, vouchers, needsToRoute, bookingsAsOf] = await Promise.all([
    categoryIds(db),
    fetchDemand(db, input),
    fetchProviderFigures(db, input),
    fetchBookingFigures(db, input),
    fetchSharingFigures(db, input),
    fetchVoucherFigures(db, input),
    options.withNeedsToRoute ? listNeedsToRoute(db, scope.quartiereIds, period) : Promise.resolve(null),
    impactFactsRefreshedAt(db),
  ]);
  const slugOf = new Map(categories.map((c) => [c.id, c.slug]));

  // Per quartiere, every map measure.
  const perQuartiere = new Map<number, Record<MapMeasure, number>>(scope.quartieri.map((q) => [q.id, zeroMeasures()]));
  const unlocated = zeroMeasures();
  const addCells = (cells: ReadonlyArray<Cell>, measure: MapMeasure) => {
    for (const cell of cells) {
      const target = cell.quartiereId === null ? unlocated : perQuartiere.get(cell.quartiereId);
      if (target) target[measure] += cell.n;
    }
  };
  addCells(demand.unmetSearches, "unmetSearches");
  addCells(demand.openNeeds, "openNeeds");
  addCells(bookings.bookings, "bookings");
  for (const [id, n] of providers.verifiedPerQuartiere) {
    const target = perQuartiere.get(id);
    if (target) target.verifiedProviders = n;
  }
  for (const [id, n] of bookings.familiesServedPerQuartiere) {
    const target = perQuartiere.get(id);
    if (target) target.familiesServed = n;
  }
  const sum = (cells: ReadonlyArray<Cell>) => cells.reduce((s, c) => s + c.n, 0);
  const measureTotals: Record<MapMeasure, number> = {
    unmetSearches: sum(demand.unmetSearches),
    openNeeds: sum(demand.openNeeds),
    verifiedProviders: providers.verifiedTotal,
    bookings: sum(bookings.bookings),
    familiesServed: bookings.familiesServed,
  };

  const quartieri: QuartiereRow[] = scope.quartieri.map((q) => ({ id: q.id, name: q.name, values: perQuartiere.get(q.id)! }));
  const names = new Map(scope.quartieri.map((q) => [q.id, q.name]));

  const providersByCategory = categories.map((c) => {
    const counts = emptyStatusCounts();
    for (const row of providers.byCategoryState) if (row.categoryId === c.id) counts[row.status] += row.n;
    return { category: c.slug, counts, total: Object.values(counts).reduce((s, n) => s + n, 0) };
  });
  const groupsByCategory = categories.map((c) => ({
    category: c.slug,
    forming: sharing.byCategoryStatus.filter((r) => r.categoryId === c.id && r.status === "proposed").reduce((s, r) => s + r.n, 0),
    active: sharing.byCategoryStatus.filter((r) => r.categoryId === c.id && r.status !== "proposed").reduce((s, r) => s + r.n, 0),
  }));
  const bookingsByCategory = categories.map((c) => {
    const cells = bookings.bookings.filter((b) => b.categoryId === c.id);
    return { category: c.slug, bookings: cells.reduce((s, b) => s + b.n, 0), cancelled: cells.reduce((s, b) => s + b.cancelled, 0) };
  });

  let map: DashboardMap | null = null;
  if (options.withMap !== false) {
    const geometry = milanMapGeometry();
    const everyQuartiere = new Map((await listQuartieri(db)).map((q) => [q.id, q.name]));
    const values = quartieri.map((q) => q.values[query.measure]);
    map = {
      width: geometry.width,
      height: geometry.height,
      shapes: geometry.shapes.map((s) => ({ id: s.id, name: everyQuartiere.get(s.id) ?? String(s.id), d: s.d, value: perQuartiere.get(s.id)?.[query.measure] ?? null })),
      legend: choroplethClasses(Math.max(0, ...values)),
    };
  }

  return {
    query,
    area: { value: areaValue(query.scope), kind: query.scope.kind, name: scope.name, isCity: scope.quartiereIds === null },
    areaOptions: scope.options,
    isAdmin: scope.isAdmin,
    currency: "EUR",
    categories: categories.map((c) => c.slug),
    indicators: {
      familiesServed: bookings.familiesServed,
      sharedServicesFormed: sharing.formedInPeriod,
      familiesPerSharedService: sharing.familiesPerSharedService === null ? null : Math.round(sharing.familiesPerSharedService * 100) / 100,
      moneySavedCents: sharing.moneySavedCents,
      vouchersSpentCents: vouchers.netSpentCents,
      repeatCollaborations: bookings.repeatCollaborations,
      crossQuartiereLinks: bookings.crossQuartiereLinks,
      providersNewlyVerified: providers.newlyVerified,
    },
    openNeedsByCategory: sumByCategory(demand.openNeeds, categories, false),
    unmetSearchesByCategory: sumByCategory(demand.unmetSearches, categories, true),
    providersByCategory,
    providerStatuses: providerStatuses.filter((s) => s !== "draft"),
    coverageGaps: coverageGaps({ openNeeds: demand.openNeeds, unmetSearches: demand.unmetSearches, servedPairs: providers.servedPairs, quartiereIds: areaQuartiereIds }).map(
      (gap) => ({ quartiereId: gap.quartiereId, quartiere: names.get(gap.quartiereId) ?? String(gap.quartiereId), category: slugOf.get(gap.categoryId) ?? "", openNeeds: gap.openNeeds, unmetSearches: gap.unmetSearches }),
    ),
    groups: { forming: sharing.forming, active: sharing.active, byCategory: groupsByCategory },
    bookings: { total: measureTotals.bookings, cancelled: bookingsByCategory.reduce((s, b) => s + b.cancelled, 0), byCategory: bookingsByCategory },
    responseTime: {
      averageMinutes: bookings.responseTime.averageSeconds === null ? null : Math.round(bookings.responseTime.averageSeconds / 6) / 10,
      answered: bookings.responseTime.answered,
    },
    vouchers: { spentCents: vouchers.spentCents, returnedCents: vouchers.returnedCents },
    quartieri,
    unlocated: scope.quartiereIds === null ? unlocated : null,
    measureTotals,
    map,
    needsToRoute,
    bookingsAsOf: bookingsAsOf ? bookingsAsOf.toISOString() : null,
  };
}
