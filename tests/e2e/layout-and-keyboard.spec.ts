import { expect, test, type Page } from "@playwright/test";

/**
 * Issue 7, accessibility beyond axe: the public pages fit a 360 px wide phone and a page zoomed to
 * 200 % (a 1280 px screen at 200 % lays out like a 640 px one) without scrolling sideways, and a
 * family can search and open a profile with the keyboard alone, seeing where the focus is.
 */

const publicPages = ["/", "/search?q=babysitter", "/hubs", "/network", "/login", "/signup"];

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [360, 640]) {
  test(`public pages fit a ${width} px wide viewport without sideways scrolling`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "it-IT", viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const path of publicPages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await horizontalOverflow(page), `${path} at ${width} px`).toBeLessThanOrEqual(0);
    }
    // A provider's profile too (the first result of a search).
    await page.goto("/search?q=babysitter");
    await page.getByRole("list", { name: "Elenco dei risultati" }).getByRole("article").first().getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await horizontalOverflow(page), `a profile at ${width} px`).toBeLessThanOrEqual(0);
    await context.close();
  });
}

test("a family searches and opens a profile with the keyboard alone, the focus always visible", async ({ page }) => {
  await page.goto("/");
  // The first Tab reaches the skip link, which leads to the main content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: /contenuto/i }).first()).toBeFocused();

  // Tab until the search box has the focus (it is in the first screen of the home page).
  const searchBox = page.getByLabel("Che cosa ti serve?");
  for (let i = 0; i < 40 && !(await searchBox.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(searchBox).toBeFocused();
  await page.keyboard.type("babysitter");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?.*q=babysitter/);

  // Tab to the first result's link; every focused element shows an outline or box-shadow.
  const firstLink = page.getByRole("list", { name: "Elenco dei risultati" }).getByRole("article").first().getByRole("link").first();
  await expect(firstLink).toBeVisible();
  const name = (await firstLink.textContent())!.trim();
  let reached = false;
  for (let i = 0; i < 150 && !reached; i++) {
    await page.keyboard.press("Tab");
    const visibleFocus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return true;
      const style = getComputedStyle(el);
      return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    });
    expect(visibleFocus, "the focused element shows where the focus is").toBe(true);
    reached = await firstLink.evaluate((el) => el === document.activeElement);
  }
  expect(reached, "the first result is reachable with Tab").toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
});
