import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { CSV_BOM, exportDashboardCsv } from "../../app/domain/impact/dashboard-export.server";
import { exportDashboardPdf, pdfLanguageFor } from "../../app/domain/impact/dashboard-pdf.server";
import { getDashboard } from "../../app/domain/impact/dashboard.server";
import type { DashboardQuery } from "../../app/domain/impact/dashboard-query";
import { i18nServer } from "../../app/i18n/i18next.server";
import { refreshImpactFacts } from "../../app/domain/impact/booking-facts.server";
import { createTestContext, type TestContext } from "../support/test-context";
import { insertPerson, KNOWN_NOW, KNOWN_PERIOD, seedKnownImpactFixture } from "../support/impact-fixtures";

/** The CSV and PDF exports: same authorisation as the page, and totals that equal the page's. */

let ctx: TestContext;
let operatorA: CurrentUser;
let admin: CurrentUser;
const query: DashboardQuery = { scope: { kind: "all" }, ...KNOWN_PERIOD, measure: "bookings" };

/** Splits the CSV the way a spreadsheet reads it (";" and RFC 4180 quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ";") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

const euros = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");

beforeAll(async () => {
  ctx = await createTestContext();
  await seedKnownImpactFixture(ctx.db);
  await refreshImpactFacts(ctx.db);
  operatorA = await insertPerson(ctx.db, { roles: ["operator"], quartieri: [1] });
  admin = await insertPerson(ctx.db, { roles: ["admin"] });
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("the CSV export", () => {
  it("is UTF-8 with a BOM, ';'-separated, with totals equal to the dashboard's numbers", async () => {
    const t = await i18nServer.getFixedT("it", ["impact", "common", "operator"]);
    const dashboard = await getDashboard(ctx.db, operatorA, query, { now: KNOWN_NOW, withMap: false });
    const { body, filename } = await exportDashboardCsv(ctx.db, operatorA, query, { t, now: KNOWN_NOW });
    expect(filename).toBe("vicinato-impatto-all-2025-01-01-2025-03-25.csv");
    expect(body.startsWith(CSV_BOM)).toBe(true);
    const [header, ...rows] = parseCsv(body.slice(1));
    expect(header).toEqual(["sezione", "misura", "descrizione", "id_quartiere", "quartiere", "categoria", "stato", "valore"]);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    const value = (section: string, measure: string) => rows.find((r) => r[0] === section && r[1] === measure)?.[7];

    expect(value("indicator", "familiesServed")).toBe(String(dashboard.indicators.familiesServed));
    expect(value("indicator", "sharedServicesFormed")).toBe("2");
    expect(value("indicator", "familiesPerSharedService")).toBe("2,50");
    expect(value("indicator", "moneySavedCents")).toBe(euros(89_600));
    expect(value("indicator", "vouchersSpentCents")).toBe(euros(4_700));
    expect(value("indicator", "repeatCollaborations")).toBe("1");
    expect(value("indicator", "crossQuartiereLinks")).toBe("1");
    expect(value("indicator", "providersNewlyVerified")).toBe("1");
    expect(value("indicator", "responseTimeMinutes")).toBe("97,50");
    for (const [measure, total] of Object.entries(dashboard.measureTotals)) expect(value("total", measure), measure).toBe(String(total));

    // Per quartiere and per category, the rows add up to the totals.
    const sum = (section: string, measure: string) => rows.filter((r) => r[0] === section && r[1] === measure).reduce((s, r) => s + Number(r[7]), 0);
    expect(sum("quartiere", "bookings")).toBe(dashboard.measureTotals.bookings);
    expect(sum("category", "bookings")).toBe(dashboard.bookings.total);
    expect(sum("category", "openNeeds")).toBe(dashboard.measureTotals.openNeeds);
    expect(sum("category", "unmetSearches")).toBe(dashboard.measureTotals.unmetSearches);
    expect(rows.filter((r) => r[0] === "coverage_gap").map((r) => [r[5], r[1], r[7]])).toEqual([
      ["Badante", "openNeeds", "1"],
      ["Badante", "unmetSearches", "1"],
      ["Pet-sitter", "openNeeds", "0"],
      ["Pet-sitter", "unmetSearches", "1"],
    ]);
  });

  it("counts searches and bookings without a quartiere on a row of their own for the whole city", async () => {
    const t = await i18nServer.getFixedT("en", ["impact", "common", "operator"]);
    const { body } = await exportDashboardCsv(ctx.db, admin, { ...query, measure: "unmetSearches" }, { t, now: KNOWN_NOW });
    const rows = parseCsv(body.slice(1));
    expect(rows[0]![0]).toBe("section");
    const unmet = rows.filter((r) => r[0] === "quartiere" && r[1] === "unmetSearches");
    expect(unmet).toHaveLength(89);
    expect(unmet.find((r) => r[4] === "No quartiere")?.[7]).toBe("1");
    expect(unmet.reduce((s, r) => s + Number(r[7]), 0)).toBe(6);
  });

  it("is refused to an operator for another quartiere", async () => {
    const t = await i18nServer.getFixedT("it", ["impact", "common", "operator"]);
    await expect(exportDashboardCsv(ctx.db, operatorA, { ...query, scope: { kind: "quartiere", id: 2 } }, { t })).rejects.toBeInstanceOf(AuthorisationError);
  });
});

describe("the PDF report", () => {
  it("is a PDF in the reader's language where the standard fonts allow, else in Italian", async () => {
    expect(pdfLanguageFor("es")).toBe("es");
    expect(pdfLanguageFor("ar")).toBe("it");
    expect(pdfLanguageFor("zh")).toBe("it");
    const t = await i18nServer.getFixedT("it", ["impact", "common", "operator"]);
    const { body, filename } = await exportDashboardPdf(ctx.db, operatorA, query, { t, lang: "it", now: KNOWN_NOW });
    expect(filename.endsWith(".pdf")).toBe(true);
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(body.length).toBeGreaterThan(5_000);
    expect(body.toString("latin1")).toMatch(/\/Lang \(it\)/);
  });

  it("is refused to an operator for another quartiere", async () => {
    const t = await i18nServer.getFixedT("it", ["impact", "common", "operator"]);
    await expect(exportDashboardPdf(ctx.db, operatorA, { ...query, scope: { kind: "quartiere", id: 2 } }, { t, lang: "it" })).rejects.toBeInstanceOf(AuthorisationError);
  });
});
