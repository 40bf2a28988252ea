import PDFDocument from "pdfkit";
import type { DB } from "../../../db/client";
import type { CurrentUser } from "../accounts/current-user";
import { formatMoney, formatNumber } from "../../i18n/format";
import { colourFor, OUTSIDE_COLOUR } from "./choropleth";
import type { Translate } from "./dashboard-export.server";
import { mapMeasures, type DashboardQuery } from "./dashboard-query";
import { distinctMeasures, getDashboard, impactIndicatorKeys, moneyIndicators, type Dashboard } from "./dashboard.server";

/**
 * The dashboard as a PDF report for the city council (pdfkit, on the server: text, tables and
 * the choropleth drawn from the same SVG paths as the page; no headless browser). The report is
 * written with PDF's standard fonts, which cover Latin scripts only: it comes in the reader's
 * language for Italian, English and Spanish, and in Italian — the council's language — for the
 * others (docs/decisions/0008-dashboard-charts.md).
 */

export const pdfLanguages = ["it", "en", "es"] as const;
export function pdfLanguageFor(locale: string): (typeof pdfLanguages)[number] {
  return (pdfLanguages as readonly string[]).includes(locale) ? (locale as (typeof pdfLanguages)[number]) : "it";
}

const MARGIN = 48;
const INK = "#1a1a1a";
const MUTED = "#5c6f82";
const PRIMARY = "#0066cc";

function formatIndicator(dashboard: Dashboard, key: (typeof impactIndicatorKeys)[number], lang: string, t: Translate): string {
  const value = dashboard.indicators[key];
  if (value === null) return t("impact:indicators.notAvailable");
  if (moneyIndicators.has(key)) return formatMoney(value, dashboard.currency, lang);
  return formatNumber(value, lang, { maximumFractionDigits: 2 });
}

export function renderDashboardPdf(dashboard: Dashboard, options: { t: Translate; lang: string; generatedAt: Date }): Promise<Buffer> {
  const { t, lang } = options;
  const n = (value: number) => formatNumber(value, lang);
  const categoryName = (slug: string | null) => (slug === null ? t("impact:charts.anyCategory") : t(`common:categories.${slug}.name`));
  const areaName = dashboard.area.name ?? (dashboard.area.isCity ? t("impact:dashboard.filters.allCity") : t("impact:dashboard.filters.allMine"));
  const title = t("impact:pdf.title");

  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang,
    tagged: true,
    displayTitle: true,
    pdfVersion: "1.7",
    info: { Title: `${title} — ${areaName}`, Author: "Vicinato", Subject: t("impact:pdf.subject") },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor(PRIMARY).text(text, MARGIN, doc.y, { width }).moveDown(0.3);
    doc.font("Helvetica").fontSize(9).fillColor(INK);
  };
  /** A table with a header row; the first `textColumns` columns are text (left), the rest numbers (right). */
  const table = (columns: string[], rows: string[][], widths?: Array<number | string>, textColumns = 1) => {
    const align = (i: number) => ({ x: i < textColumns ? ("left" as const) : ("right" as const) });
    doc.x = MARGIN;
    doc.font("Helvetica").fontSize(9).fillColor(INK);
    doc.table({
      columnStyles: widths ?? columns.map((_, i) => (i === 0 ? "*" : 70)),
      rowStyles: (i) => (i === 0 ? { backgroundColor: "#e8eef5" } : undefined),
      defaultStyle: { border: 0.5, borderColor: "#b8c2cc", padding: 3 },
      data: [
        columns.map((c, i) => ({ text: c, type: "TH" as const, font: { family: "Helvetica-Bold" }, align: align(i) })),
        ...rows.map((r) => r.map((cell, i) => ({ text: cell, align: align(i) }))),
      ],
    });
    doc.x = MARGIN;
    doc.moveDown(0.5);
  };

  // Title block.
  doc.font("Helvetica-Bold").fontSize(18).fillColor(INK).text(title, { width });
  doc.font("Helvetica").fontSize(11).fillColor(INK).text(t("impact:pdf.scope", { area: areaName, from: dashboard.query.from, to: dashboard.query.to }), { width });
  doc.fontSize(8).fillColor(MUTED).text(t("impact:pdf.generated", { date: options.generatedAt.toISOString().slice(0, 16).replace("T", " ") }), { width });

  heading(t("impact:indicators.heading"));
  for (const key of impactIndicatorKeys) {
    if (doc.y > doc.page.height - MARGIN - 50) doc.addPage();
    doc.font("Helvetica-Bold").fontSize(10).fillColor(INK).text(`${t(`impact:indicators.names.${key}`)}: ${formatIndicator(dashboard, key, lang, t)}`, MARGIN, doc.y, { width });
    doc.font("Helvetica").fontSize(8).fillColor(MUTED).text(t(`impact:indicators.definitions.${key}`), { width }).moveDown(0.3);
  }
  doc.font("Helvetica").fontSize(9).fillColor(INK);
  doc.text(
    dashboard.responseTime.averageMinutes === null
      ? `${t("impact:responseTime.heading")}: ${t("impact:indicators.notAvailable")}`
      : `${t("impact:responseTime.heading")}: ${t("impact:responseTime.value", { minutes: formatNumber(dashboard.responseTime.averageMinutes, lang, { maximumFractionDigits: 1 }) })} (${t("impact:responseTime.answered", { count: dashboard.responseTime.answered })})`,
    { width },
  );

  heading(t("impact:pdf.byCategory"));
  table(
    [t("impact:charts.category"), t("impact:measures.openNeeds"), t("impact:measures.unmetSearches"), t("impact:measures.bookings"), t("impact:bookings.cancelled"), t("impact:groups.forming"), t("impact:groups.active")],
    dashboard.categories.map((slug) => [
      categoryName(slug),
      n(dashboard.openNeedsByCategory.find((c) => c.category === slug)?.count ?? 0),
      n(dashboard.unmetSearchesByCategory.find((c) => c.category === slug)?.count ?? 0),
      n(dashboard.bookings.byCategory.find((c) => c.category === slug)?.bookings ?? 0),
      n(dashboard.bookings.byCategory.find((c) => c.category === slug)?.cancelled ?? 0),
      n(dashboard.groups.byCategory.find((c) => c.category === slug)?.forming ?? 0),
      n(dashboard.groups.byCategory.find((c) => c.category === slug)?.active ?? 0),
    ]),
    ["*", 62, 62, 62, 62, 62, 62],
  );

  heading(t("impact:providers.heading"));
  table(
    [t("impact:charts.category"), ...dashboard.providerStatuses.map((s) => t(`operator:statuses.${s}`))],
    dashboardProvidersRows(dashboard, categoryName, n),
    ["*", ...dashboard.providerStatuses.map(() => 54)],
  );

  heading(t("impact:coverage.heading"));
  if (dashboard.coverageGaps.length === 0) doc.text(t("impact:coverage.none"), { width });
  else {
    table(
      [t("impact:coverage.columns.quartiere"), t("impact:coverage.columns.category"), t("impact:measures.openNeeds"), t("impact:measures.unmetSearches")],
      dashboard.coverageGaps.slice(0, 40).map((g) => [g.quartiere, categoryName(g.category), n(g.openNeeds), n(g.unmetSearches)]),
      ["*", 130, 80, 80],
      2,
    );
  }

  // The map of the chosen measure, then every measure per quartiere.
  if (dashboard.map) {
    if (doc.y > doc.page.height - MARGIN - 560) doc.addPage();
    heading(t("impact:map.heading", { measure: t(`impact:measures.${dashboard.query.measure}`) }));
    const scale = Math.min(width / dashboard.map.width, 420 / dashboard.map.height);
    const top = doc.y;
    doc.save();
    doc.translate(MARGIN, top).scale(scale);
    for (const shape of dashboard.map.shapes) {
      const colour = shape.value === null ? OUTSIDE_COLOUR : colourFor(shape.value, dashboard.map.legend);
      doc.path(shape.d).lineWidth(0.8).fillColor(colour).strokeColor("#ffffff").fillAndStroke();
    }
    doc.restore();
    doc.y = top + dashboard.map.height * scale + 8;
    doc.x = MARGIN;
    const swatch = (colour: string, label: string) => {
      const y = doc.y;
      doc.rect(MARGIN, y, 10, 10).fillColor(colour).strokeColor("#8a99a8").lineWidth(0.5).fillAndStroke();
      doc.fillColor(INK).fontSize(8).text(label, MARGIN + 16, y + 1, { width: width - 16 });
      doc.x = MARGIN;
    };
    for (const c of dashboard.map.legend) swatch(c.colour, c.min === c.max ? n(c.min) : t("impact:map.range", { min: n(c.min), max: n(c.max) }));
    swatch(OUTSIDE_COLOUR, t("impact:map.outside"));
  }

  heading(t("impact:pdf.perQuartiere"));
  const rows = dashboard.quartieri.map((q) => [q.name, ...mapMeasures.map((m) => n(q.values[m]))]);
  if (dashboard.unlocated) rows.push([t("impact:map.unlocated"), ...mapMeasures.map((m) => (distinctMeasures.has(m) ? "—" : n(dashboard.unlocated![m])))]);
  rows.push([t("impact:map.total"), ...mapMeasures.map((m) => n(dashboard.measureTotals[m]))]);
  table([t("impact:map.quartiere"), ...mapMeasures.map((m) => t(`impact:measures.${m}`))], rows, ["*", 66, 66, 66, 66, 66]);
  doc.fontSize(8).fillColor(MUTED).text(t("impact:map.distinctNote"), { width });

  // Footer on every page: attribution of the boundaries and page numbers.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(7).fillColor(MUTED).text(`${t("impact:pdf.attribution")} · ${i + 1}/${range.count}`, MARGIN, doc.page.height - 30, { width, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function dashboardProvidersRows(dashboard: Dashboard, categoryName: (slug: string) => string, n: (value: number) => string): string[][] {
  return dashboard.providersByCategory.map((c) => [categoryName(c.category), ...dashboard.providerStatuses.map((s) => n(c.counts[s]))]);
}

/** The PDF report of the dashboard the person may see (same authorisation as the page). */
export async function exportDashboardPdf(
  db: DB,
  user: CurrentUser | null,
  query: DashboardQuery,
  options: { t: Translate; lang: string; now?: Date },
): Promise<{ filename: string; body: Buffer }> {
  const dashboard = await getDashboard(db, user, query, { now: options.now });
  const body = await renderDashboardPdf(dashboard, { t: options.t, lang: options.lang, generatedAt: options.now ?? new Date() });
  return { filename: `vicinato-impatto-${dashboard.area.value}-${query.from}-${query.to}.pdf`, body };
}
