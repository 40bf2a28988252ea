import type { DB } from "../../../db/client";
import type { CurrentUser } from "../accounts/current-user";
import { mapMeasures, type DashboardQuery } from "./dashboard-query";
import { getDashboard, impactIndicatorKeys, moneyIndicators, type Dashboard } from "./dashboard.server";

/**
 * The dashboard as a CSV file for Excel and the city's offices.
 *
 * Format (docs/decisions/0008-dashboard-charts.md): UTF-8 with a byte-order mark (so Excel
 * opens accents right), `;` between fields and a decimal comma — what Excel expects in an
 * Italian locale — CRLF line ends, RFC 4180 quoting. Long format, one figure per row:
 *
 *   section;measure;label;quartiere_id;quartiere;category;state;value
 *
 * `section` and `measure` are stable English keys for filters and scripts; `label` and the
 * header are in the reader's language. Sections: meta (area and period), indicator (one row per
 * impact indicator), total (each map measure over the area), quartiere (each measure per
 * quartiere), category, providers (by category and state), coverage_gap. Every total equals the
 * figure on the page: both come from getDashboard.
 */

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface CsvRow {
  section: "meta" | "indicator" | "total" | "quartiere" | "category" | "providers" | "coverage_gap";
  measure: string;
  label: string;
  quartiereId: number | null;
  quartiere: string;
  category: string;
  state: string;
  value: number | string | null;
  /** Fixed decimals (money: 2); otherwise whole numbers as they are and others with 2. */
  decimals?: number;
}

/** Every figure of the dashboard as rows (money in euros). */
export function dashboardCsvRows(dashboard: Dashboard, t: Translate, generatedAt: Date): CsvRow[] {
  const rows: CsvRow[] = [];
  const row = (r: Partial<CsvRow> & Pick<CsvRow, "section" | "measure" | "value">) =>
    rows.push({ label: "", quartiereId: null, quartiere: "", category: "", state: "", ...r });
  const categoryName = (slug: string | null) => (slug === null ? t("impact:charts.anyCategory") : t(`common:categories.${slug}.name`));
  const areaName = dashboard.area.name ?? (dashboard.area.isCity ? t("impact:dashboard.filters.allCity") : t("impact:dashboard.filters.allMine"));

  row({ section: "meta", measure: "area", label: t("impact:csv.meta.area"), value: areaName });
  row({ section: "meta", measure: "from", label: t("impact:csv.meta.from"), value: dashboard.query.from });
  row({ section: "meta", measure: "to", label: t("impact:csv.meta.to"), value: dashboard.query.to });
  row({ section: "meta", measure: "generated_at", label: t("impact:csv.meta.generatedAt"), value: generatedAt.toISOString() });

  for (const key of impactIndicatorKeys) {
    const value = dashboard.indicators[key];
    const money = moneyIndicators.has(key);
    row({ section: "indicator", measure: key, label: t(`impact:indicators.names.${key}`), value: value === null ? null : money ? value / 100 : value, decimals: money ? 2 : undefined });
  }
  row({ section: "indicator", measure: "responseTimeMinutes", label: t("impact:responseTime.heading"), value: dashboard.responseTime.averageMinutes });
  row({ section: "indicator", measure: "cancelledBookings", label: t("impact:bookings.cancelled"), value: dashboard.bookings.cancelled });
  row({ section: "indicator", measure: "groupsForming", label: t("impact:groups.forming"), value: dashboard.groups.forming });
  row({ section: "indicator", measure: "groupsActive", label: t("impact:groups.active"), value: dashboard.groups.active });

  for (const measure of mapMeasures) row({ section: "total", measure, label: t(`impact:measures.${measure}`), value: dashboard.measureTotals[measure] });
  for (const measure of mapMeasures) {
    for (const q of dashboard.quartieri) row({ section: "quartiere", measure, label: t(`impact:measures.${measure}`), quartiereId: q.id, quartiere: q.name, value: q.values[measure] });
    if (dashboard.unlocated && dashboard.unlocated[measure] > 0) {
      row({ section: "quartiere", measure, label: t(`impact:measures.${measure}`), quartiere: t("impact:map.unlocated"), value: dashboard.unlocated[measure] });
    }
  }

  for (const c of dashboard.openNeedsByCategory) row({ section: "category", measure: "openNeeds", label: t("impact:measures.openNeeds"), category: categoryName(c.category), value: c.count });
  for (const c of dashboard.unmetSearchesByCategory) row({ section: "category", measure: "unmetSearches", label: t("impact:measures.unmetSearches"), category: categoryName(c.category), value: c.count });
  for (const c of dashboard.bookings.byCategory) {
    row({ section: "category", measure: "bookings", label: t("impact:measures.bookings"), category: categoryName(c.category), value: c.bookings });
    row({ section: "category", measure: "cancelledBookings", label: t("impact:bookings.cancelled"), category: categoryName(c.category), value: c.cancelled });
  }
  for (const c of dashboard.groups.byCategory) {
    row({ section: "category", measure: "groupsForming", label: t("impact:groups.forming"), category: categoryName(c.category), value: c.forming });
    row({ section: "category", measure: "groupsActive", label: t("impact:groups.active"), category: categoryName(c.category), value: c.active });
  }
  for (const c of dashboard.providersByCategory) {
    for (const status of dashboard.providerStatuses) {
      row({ section: "providers", measure: "providers", label: t("impact:providers.heading"), category: categoryName(c.category), state: t(`operator:statuses.${status}`), value: c.counts[status] });
    }
  }
  for (const gap of dashboard.coverageGaps) {
    const where = { quartiereId: gap.quartiereId, quartiere: gap.quartiere, category: categoryName(gap.category) };
    row({ section: "coverage_gap", measure: "openNeeds", label: t("impact:measures.openNeeds"), ...where, value: gap.openNeeds });
    row({ section: "coverage_gap", measure: "unmetSearches", label: t("impact:measures.unmetSearches"), ...where, value: gap.unmetSearches });
  }
  return rows;
}

/** A number the Italian way for Excel: decimal comma, no thousands separator. */
function csvNumber(value: number, decimals?: number): string {
  return (decimals !== undefined ? value.toFixed(decimals) : Number.isInteger(value) ? String(value) : value.toFixed(2)).replace(".", ",");
}

/** A text field, quoted when needed; a leading = + - @ is neutralised (no formula injection). */
function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_BOM = "\uFEFF";

export function toCsv(rows: readonly CsvRow[], t: Translate): string {
  const header = ["section", "measure", "label", "quartiereId", "quartiere", "category", "state", "value"].map((key) => csvText(t(`impact:csv.columns.${key}`)));
  const lines = rows.map((r) =>
    [
      r.section,
      r.measure,
      csvText(r.label),
      r.quartiereId === null ? "" : String(r.quartiereId),
      csvText(r.quartiere),
      csvText(r.category),
      csvText(r.state),
      r.value === null ? "" : typeof r.value === "number" ? csvNumber(r.value, r.decimals) : csvText(r.value),
    ].join(";"),
  );
  return `${CSV_BOM}${[header.join(";"), ...lines].join("\r\n")}\r\n`;
}

/** The CSV of the dashboard the person may see (same authorisation as the page). */
export async function exportDashboardCsv(
  db: DB,
  user: CurrentUser | null,
  query: DashboardQuery,
  options: { t: Translate; now?: Date },
): Promise<{ filename: string; body: string }> {
  const dashboard = await getDashboard(db, user, query, { now: options.now, withMap: false });
  const now = options.now ?? new Date();
  const body = toCsv(dashboardCsvRows(dashboard, options.t, now), options.t);
  return { filename: `vicinato-impatto-${dashboard.area.value}-${query.from}-${query.to}.csv`, body };
}
