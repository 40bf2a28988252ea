import { z } from "zod";
import { addDays, isCalendarDate, romeWallClock } from "../territory/hubs/rome-time";

/**
 * The one schema for the dashboard's GET form (and its CSV / PDF links): which area, which
 * period, which measure colours the map. Parsing never throws on what a person can type: a value
 * that does not fit is reported as a field error (a message key of the "impact" namespace) and
 * replaced by its default, so the page still shows something useful.
 */

/** What the map can be coloured by; each is also a column of the per-quartiere table and CSV. */
export const mapMeasures = ["unmetSearches", "openNeeds", "verifiedProviders", "bookings", "familiesServed"] as const;
export type MapMeasure = (typeof mapMeasures)[number];

/** The whole area the person may see (an operator: their quartieri; an admin: the city), one municipio, or one quartiere. */
export type AreaSelector = { kind: "all" } | { kind: "municipio"; id: number } | { kind: "quartiere"; id: number };

export interface DashboardQuery {
  scope: AreaSelector;
  /** First and last day of the period (inclusive), "YYYY-MM-DD" in Milan. */
  from: string;
  to: string;
  measure: MapMeasure;
}

export type DashboardQueryField = "scope" | "from" | "to" | "measure";
export type DashboardFieldErrors = Partial<Record<DashboardQueryField, string>>;

/** Periods longer than this are refused (the queries stay bounded). */
export const MAX_PERIOD_DAYS = 3 * 366;

export function areaValue(area: AreaSelector): string {
  return area.kind === "all" ? "all" : `${area.kind === "municipio" ? "m" : "q"}${area.id}`;
}

export function parseArea(value: string): AreaSelector | null {
  if (value === "all") return { kind: "all" };
  const match = /^([mq])([1-9]\d{0,2})$/.exec(value);
  if (!match) return null;
  const id = Number(match[2]);
  return match[1] === "m" ? (id <= 9 ? { kind: "municipio", id } : null) : { kind: "quartiere", id };
}

/** The default period: the last 12 months up to today (in Milan). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = romeWallClock(now).date;
  const from = addDays(`${Number(to.slice(0, 4)) - 1}${to.slice(4)}`.replace(/-02-29$/, "-02-28"), 1);
  return { from, to };
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/**
 * A day the dashboard can ask about: a real calendar day this century. (Year 0000 is a valid
 * "YYYY-MM-DD" to JavaScript but not to PostgreSQL, which has no year 0; and there is no data
 * before the platform existed anyway.)
 */
const isDashboardDay = (value: string) => isCalendarDate(value) && value >= "2000-01-01" && value <= "2099-12-31";

const dashboardParamsSchema = z.object({
  scope: z.string().transform((v, ctx) => {
    const area = parseArea(v || "all");
    if (!area) ctx.addIssue({ code: "custom", message: "errors.scope" });
    return area ?? { kind: "all" as const };
  }),
  from: z.string().refine((v) => v === "" || isDashboardDay(v), "errors.from"),
  to: z.string().refine((v) => v === "" || isDashboardDay(v), "errors.to"),
  measure: z.string().refine((v) => v === "" || (mapMeasures as readonly string[]).includes(v), "errors.measure"),
});

/**
 * Reads the dashboard's query string. Each invalid field is named in `errors` and falls back to
 * its default (whole area, the last 12 months, unmet searches).
 */
export function parseDashboardQuery(params: URLSearchParams, now: Date = new Date()): { query: DashboardQuery; errors: DashboardFieldErrors } {
  const raw = { scope: text(params.get("scope")), from: text(params.get("from")), to: text(params.get("to")), measure: text(params.get("measure")) };
  const errors: DashboardFieldErrors = {};
  const result = dashboardParamsSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) errors[issue.path[0] as DashboardQueryField] ??= issue.message;
  }
  const fallback = defaultPeriod(now);
  const scope = errors.scope ? { kind: "all" as const } : (parseArea(raw.scope || "all") ?? { kind: "all" as const });
  let from = !errors.from && raw.from ? raw.from : fallback.from;
  let to = !errors.to && raw.to ? raw.to : fallback.to;
  if (from > to) {
    errors.to ??= "errors.order";
    ({ from, to } = fallback);
  } else if (daysBetween(from, to) > MAX_PERIOD_DAYS) {
    errors.from ??= "errors.tooLong";
    ({ from, to } = fallback);
  }
  const measure = !errors.measure && raw.measure ? (raw.measure as MapMeasure) : "unmetSearches";
  return { query: { scope, from, to, measure }, errors };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The query string of a dashboard view (for links to the CSV, the PDF and measure switches). */
export function dashboardSearch(query: DashboardQuery, overrides: Partial<DashboardQuery> = {}): string {
  const q = { ...query, ...overrides };
  return new URLSearchParams({ scope: areaValue(q.scope), from: q.from, to: q.to, measure: q.measure }).toString();
}
