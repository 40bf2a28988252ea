import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { isMyAreaMenuOpen, mainMenu, myAreaToggle, openMyAreaMenu, waitForMenuScript } from "./support/header-menu";
import { closeE2eDb, insertE2eUser, signIn, uniqueWord } from "./support/operator-login";

test.afterAll(async () => {
  await closeE2eDb();
});

/**
 * The header keeps Search, Hubs and Bookings in view and puts a signed-in person's own pages in
 * "La mia area", a disclosure that works without JavaScript and, with it, by keyboard: a phone or
 * a 200 % zoom no longer gets a wall of links.
 */

const everyRole = () => insertE2eUser({ roles: ["family", "provider", "operator"], displayName: `Alda ${uniqueWord()}` });

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("the person's own pages are behind 'La mia area', which opens and closes by keyboard", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "it-IT" });
  await signIn(context, baseURL!, await everyRole());
  const page = await context.newPage();
  await page.goto("/");
  await waitForMenuScript(page);
  const menu = mainMenu(page);
  for (const name of ["Cerca un servizio", "Spazi di quartiere", "Le mie prenotazioni"]) {
    await expect(menu.getByRole("link", { name })).toBeVisible();
  }
  const personal = ["Calendario", "Il mio condominio", "Servizi condivisi", "Area fornitore", "Area operatori", /^Il mio profilo/];
  for (const name of personal) await expect(menu.getByRole("link", { name })).toBeHidden();

  // Tab to the toggle; Enter opens, Escape closes and leaves the focus on the toggle.
  const toggle = myAreaToggle(page);
  for (let i = 0; i < 30 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(toggle).toBeFocused();
  await page.keyboard.press("Enter");
  expect(await isMyAreaMenuOpen(page)).toBe(true);
  for (const name of personal) await expect(menu.getByRole("link", { name })).toBeVisible();
  await expect(menu.getByRole("button", { name: "Esci" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "Calendario" })).toBeFocused();
  await page.keyboard.press("Escape");
  expect(await isMyAreaMenuOpen(page)).toBe(false);
  await expect(toggle).toBeFocused();

  // Space opens it too; following a link closes it and marks the page as the current one.
  await page.keyboard.press("Space");
  expect(await isMyAreaMenuOpen(page)).toBe(true);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "Il mio condominio" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Il mio condominio");
  expect(await isMyAreaMenuOpen(page)).toBe(false);
  await openMyAreaMenu(page);
  await expect(menu.getByRole("link", { name: "Il mio condominio" })).toHaveAttribute("aria-current", "page");

  // A click elsewhere closes it.
  await page.getByRole("heading", { level: 1 }).click();
  expect(await isMyAreaMenuOpen(page)).toBe(false);
  await context.close();
});

test("without JavaScript 'La mia area' opens, leads to a page and signs out", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "it-IT", javaScriptEnabled: false });
  await signIn(context, baseURL!, await everyRole());
  const page = await context.newPage();
  await page.goto("/search?q=babysitter");
  await expect(mainMenu(page).getByRole("link", { name: "Cerca un servizio" })).toHaveAttribute("aria-current", "page");
  await (await openMyAreaMenu(page)).getByRole("link", { name: "Calendario" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calendario");
  expect(await isMyAreaMenuOpen(page)).toBe(false);
  await (await openMyAreaMenu(page)).getByRole("button", { name: "Esci" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Accedi" })).toBeVisible();
  await expect(myAreaToggle(page)).toHaveCount(0);
  await context.close();
});

for (const { width, lng, menuLabel, label } of [
  { width: 360, lng: "ar", menuLabel: "القائمة الرئيسية", label: "مساحتي" },
  { width: 360, lng: "it", menuLabel: "Menu principale", label: "La mia area" },
  { width: 640, lng: "uk", menuLabel: "Головне меню", label: "Мій кабінет" },
]) {
  test(`the open menu fits a ${width} px screen in ${lng} without sideways scrolling`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "it-IT", viewport: { width, height: 800 } });
    await signIn(context, baseURL!, await everyRole());
    const page = await context.newPage();
    await page.goto(`/bookings?lng=${lng}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lng);
    const menu = await openMyAreaMenu(page, { label, menuLabel });
    const panel = menu.locator("details > ul");
    await expect(panel).toBeVisible();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    // The header's blue bar holds the whole menu (white text never lands on the white page).
    const bar = (await page.locator(".it-header-center-wrapper").boundingBox())!;
    const toggle = (await myAreaToggle(page, label, menuLabel).boundingBox())!;
    expect(toggle.y + toggle.height).toBeLessThanOrEqual(bar.y + bar.height);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
}
