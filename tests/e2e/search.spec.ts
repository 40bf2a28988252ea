import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";

test.describe("a family finds a verified babysitter near home", () => {
  test("searches in a quartiere, filters by language and opens a profile", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Che cosa ti serve?").fill("babysitter");
    await page.getByLabel("Il tuo quartiere").selectOption({ label: "Brera" });
    await page.getByRole("button", { name: "Cerca", exact: true }).click();

    await expect(page).toHaveURL(/\/search\?.*q=babysitter/);
    const status = page.getByRole("status");
    await expect(status).toContainText(/risultat/);
    const results = page.getByRole("list", { name: "Elenco dei risultati" }).getByRole("article");
    await expect(results.first()).toBeVisible();
    const unfilteredCount = await results.count();
    expect(unfilteredCount).toBeGreaterThan(0);
    await expect(results.first()).toContainText("Babysitter");
    await expect(results.first()).toContainText(/a \d/); // distance from Brera
    // Words were typed, so the usual order is relevance; the select names the order applied.
    await expect(page.getByLabel("Ordina per")).toHaveValue("");
    await expect(page.getByLabel("Ordina per").locator("option:checked")).toHaveText("Pertinenza");
    await expectNoSeriousA11yViolations(page);

    const languages = page.getByRole("group", { name: "Lingue parlate" });
    await languages.getByLabel(/^inglese/i).check();
    await expect(page).toHaveURL(/lang=en/);
    await expect(status).toContainText(/risultat/);
    const filtered = page.getByRole("list", { name: "Elenco dei risultati" }).getByRole("article");
    await expect(filtered.first()).toBeVisible();
    for (const card of await filtered.all()) await expect(card).toContainText(/inglese/i);

    const firstLink = filtered.first().getByRole("link").first();
    const name = (await firstLink.textContent())!.trim();
    await firstLink.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByText(/Verificat/).first()).toBeVisible();
    await expect(page.getByRole("table", { name: /Orari in cui è disponibile/ })).toContainText(/dalle \d\d:\d\d/);
    await expectNoSeriousA11yViolations(page);
  });

  test("works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "it-IT" });
    const page = await context.newPage();
    await page.goto("/search?category=babysitter&quartiere=2");
    await expect(page.getByRole("status")).toContainText(/risultat/);
    // Near a quartiere and without words, results come nearest first, and the select says so.
    await expect(page.getByLabel("Ordina per").locator("option:checked")).toHaveText("Distanza");
    await page.getByRole("group", { name: "Giorni disponibili" }).getByLabel(/^lunedì/i).check();
    await page.getByRole("button", { name: "Applica i filtri" }).click();
    await expect(page).toHaveURL(/day=mon/);
    await expect(page.getByRole("group", { name: "Giorni disponibili" }).getByLabel(/^lunedì/i)).toBeChecked();
    await expect(page.getByRole("list", { name: "Elenco dei risultati" }).getByRole("article").first()).toBeVisible();
    await context.close();
  });

  test("keeps what was typed before the page's scripts had started", async ({ page }) => {
    // A slow phone shows the form well before JavaScript takes over: hold the scripts back, type,
    // then let them run. The fields must still hold the words and the quartiere afterwards.
    let release!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/build/**", async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto("/search", { waitUntil: "commit" });
    const words = page.getByLabel("Che cosa ti serve?");
    await words.fill("doposcuola");
    await page.getByLabel("Quartiere", { exact: true }).selectOption({ label: "Brera" });
    release();
    // Hydrated: React has claimed the form; then let its effects run (they come after a paint).
    await page.waitForFunction(() => {
      const form = document.querySelector("form[role=search]");
      return form !== null && Object.keys(form).some((key) => key.startsWith("__reactFiber"));
    });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
    await expect(words).toHaveValue("doposcuola");
    await expect(page.getByLabel("Quartiere", { exact: true }).locator("option:checked")).toHaveText("Brera");
    await page.getByRole("button", { name: "Cerca", exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=doposcuola&quartiere=\d+$/);
  });

  test("explains an empty result and keeps what was typed", async ({ page }) => {
    await page.goto("/search?q=zzqqxxyy&maxPrice=abc");
    await expect(page.getByRole("status")).toContainText(/0 risultati|Nessun/);
    await expect(page.getByLabel("Che cosa ti serve?")).toHaveValue("zzqqxxyy");
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("switches to English and remembers it", async ({ page }) => {
    await page.goto("/search?lng=en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a service");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});
