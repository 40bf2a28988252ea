import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { closeE2eDb, e2eDb, signInAsOperator, uniqueWord } from "./support/operator-login";
import { insertDemandEvent, insertNeedAt, insertPerson } from "../support/impact-fixtures";

/**
 * The community manager's dashboard (issue 6): the map and its table, switching the measure
 * (with and without script), the CSV whose totals match the page, routing a need to the
 * network, and the public network directory. Each test writes its rows into quartieri no other
 * journey uses, so the numbers it reads are its own.
 */

test.afterAll(async () => {
  await closeE2eDb();
});

const recent = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

/** Open needs and unmet searches in a quartiere, posted within the last 12 months. */
async function seedDemand(quartiereId: number, options: { needs: number; searches: number }) {
  const db = e2eDb();
  const family = await insertPerson(db, { roles: ["family"] });
  const needs: string[] = [];
  for (let i = 0; i < options.needs; i++) {
    needs.push(await insertNeedAt(db, { familyUserId: family.id, category: i % 2 === 0 ? "badante" : "doposcuola", quartiereId, status: "open", createdAt: recent(10 + i) }));
  }
  for (let i = 0; i < options.searches; i++) await insertDemandEvent(db, { category: "badante", quartiereId, resultCount: i % 3, at: recent(5 + i) });
  return needs;
}

/** The CSV the page links to, downloaded as a person would, parsed (";" separated, BOM first). */
async function downloadCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scarica i dati (CSV per Excel)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vicinato-impatto-all-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .trim()
    .split("\r\n")
    .map((line) => line.split(";"));
}

const mapTable = (page: Page) => page.getByTestId("map-table");

test.describe("the impact dashboard", () => {
  test("an operator opens the dashboard, switches the map's measure and downloads a CSV whose totals match the page", async ({ page, context, baseURL }) => {
    const quartiere = 74;
    await seedDemand(quartiere, { needs: 3, searches: 5 });
    await signInAsOperator(context, baseURL!, [quartiere], `Operatrice ${uniqueWord()}`);

    await page.goto("/operator");
    await page.getByRole("link", { name: "Cruscotto d'impatto" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cruscotto d'impatto");
    await expect(page.getByRole("img", { name: /Mappa dei quartieri di Milano colorati secondo «Ricerche senza risposta»/ })).toBeVisible();
    await expect(mapTable(page).locator("caption")).toHaveText("Ricerche senza risposta per quartiere");
    await expect(page.getByTestId("map-total")).toHaveText("5");
    await expect(page.getByRole("group", { name: "Legenda: Ricerche senza risposta" })).toContainText("da 1 a");
    // Every indicator carries its definition.
    await expect(page.getByRole("definition").filter({ hasText: "Famiglie diverse con almeno una prenotazione" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Switch the measure (with script: a client-side navigation).
    await page.getByLabel("Colora la mappa per").selectOption({ label: "Bisogni aperti" });
    await page.getByRole("button", { name: "Mostra sulla mappa" }).click();
    await expect(page).toHaveURL(/measure=openNeeds/);
    await expect(mapTable(page).locator("caption")).toHaveText("Bisogni aperti per quartiere");
    await expect(mapTable(page).getByRole("columnheader").nth(1)).toHaveText("Bisogni aperti");
    await expect(page.getByTestId("map-total")).toHaveText("3");
    await expect(page.getByRole("group", { name: "Legenda: Bisogni aperti" })).toContainText("3");
    await expect(page.locator(`path[data-quartiere="${quartiere}"] title`)).toHaveText(/: 3$/);
    await expectNoSeriousA11yViolations(page);

    // The CSV's totals are the page's.
    const rows = await downloadCsv(page);
    expect(rows[0]).toEqual(["sezione", "misura", "descrizione", "id_quartiere", "quartiere", "categoria", "stato", "valore"]);
    const value = (section: string, measure: string) => rows.find((r) => r[0] === section && r[1] === measure)?.[7];
    expect(value("total", "openNeeds")).toBe(await page.getByTestId("map-total").textContent());
    expect(value("total", "unmetSearches")).toBe("5");
    for (const key of ["familiesServed", "sharedServicesFormed", "repeatCollaborations", "crossQuartiereLinks", "providersNewlyVerified"]) {
      expect(value("indicator", key), key).toBe((await page.getByTestId(`indicator-${key}`).textContent())?.trim());
    }
    expect(rows.filter((r) => r[0] === "quartiere" && r[1] === "openNeeds")).toEqual([["quartiere", "openNeeds", "Bisogni aperti", String(quartiere), expect.any(String), "", "", "3"]]);

    // Another operator's quartiere is refused, page and CSV alike.
    expect((await page.goto("/operator/dashboard?scope=q1"))?.status()).toBe(403);
    expect((await page.request.get("/operator/dashboard.csv?scope=q1")).status()).toBe(403);
  });

  test.describe("without script", () => {
    test.use({ javaScriptEnabled: false });

    test("the measure switch is a plain GET form", async ({ page, context, baseURL }) => {
      const quartiere = 75;
      await seedDemand(quartiere, { needs: 2, searches: 1 });
      await signInAsOperator(context, baseURL!, [quartiere]);
      await page.goto("/operator/dashboard");
      await expect(page.getByTestId("map-total")).toHaveText("1");
      await page.getByLabel("Colora la mappa per").selectOption("openNeeds");
      await page.getByRole("button", { name: "Mostra sulla mappa" }).click();
      await expect(page).toHaveURL(/measure=openNeeds/);
      await expect(mapTable(page).locator("caption")).toHaveText("Bisogni aperti per quartiere");
      await expect(page.getByTestId("map-total")).toHaveText("2");
    });
  });

  test("an operator adds a network organisation and routes an open need to it; families find it in the public directory", async ({ page, context, baseURL }) => {
    const quartiere = 76;
    const word = uniqueWord();
    const name = `Associazione ${word}`;
    await seedDemand(quartiere, { needs: 1, searches: 0 });
    await signInAsOperator(context, baseURL!, [quartiere]);

    await page.goto("/operator/network");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rete del terzo settore dei tuoi quartieri");
    await page.getByLabel("Nome").fill(name);
    await page.getByLabel("Tipo").selectOption("parish");
    await page.getByLabel("Che cosa offre").fill(`Compagnia agli anziani ${word}`);
    await page.getByLabel("Badante").check();
    await page.getByRole("group", { name: "Quartieri in cui opera" }).getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Aggiungi", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Organizzazione aggiunta.");
    await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto("/operator/dashboard");
    const routing = page.getByRole("region", { name: "Bisogni da indirizzare alla rete" });
    await routing.getByLabel("Nota (facoltativa)").fill("Chiamare il lunedì");
    await routing.getByRole("button", { name: /Indirizza/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Il bisogno è stato indirizzato all'organizzazione." })).toBeVisible();
    await expect(routing).toContainText(name);
    await expectNoSeriousA11yViolations(page);

    // The public directory, as a visitor.
    await context.clearCookies();
    await page.goto(`/network?q=${word}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rete del terzo settore");
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
    await expect(page.getByRole("article", { name })).toContainText("Parrocchia");
    await expectNoSeriousA11yViolations(page);
    expect((await page.request.get("/operator/dashboard", { maxRedirects: 0 })).status()).toBe(302);
  });
});
