import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { addDays } from "../../app/domain/bookings/schedule";
import { insertBookableProvider, insertFamily, mondayAhead } from "./support/booking-fixtures";
import { closeE2eDb, signIn } from "./support/operator-login";

test.afterAll(async () => {
  await closeE2eDb();
});

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

type DatePart = "day" | "month" | "year";

/**
 * The order of the segments in Chromium's native date field. It follows the browser's own language,
 * not the page's (the context's `locale: "it-IT"` changes Intl and Accept-Language only): an
 * Italian Chromium shows gg/mm/aaaa, the suite's Debian Chromium, which ships only its en-US
 * language pack, mm/dd/yyyy. A context without a locale of its own tells which.
 */
async function dateFieldOrder(browser: Browser): Promise<DatePart[]> {
  const context = await browser.newContext({ locale: undefined });
  const page = await context.newPage();
  const order = await page.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language, { day: "2-digit", month: "2-digit", year: "numeric" })
      .formatToParts(new Date(2027, 0, 15))
      .map((part) => part.type)
      .filter((type) => type === "day" || type === "month" || type === "year"),
  );
  await context.close();
  return order as DatePart[];
}

/** "2027-01-15" as the digits typed into a date field, e.g. "15012027" for gg/mm/aaaa. */
function dateDigits(isoDay: string, order: DatePart[]): string {
  const [year, month, day] = isoDay.split("-") as [string, string, string];
  const parts: Record<DatePart, string> = { day, month, year };
  return order.map((part) => parts[part]).join("");
}

/** Presses Tab until `target` has the focus (at most `limit` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("a family requests a weekly service with the keyboard alone", async ({ browser, baseURL }) => {
  const provider = await insertBookableProvider({ slots: [[1, "15:00", "19:00"], [3, "15:00", "19:00"]] });
  const family = await insertFamily();
  const context = await browser.newContext({ baseURL, locale: "it-IT" });
  await signIn(context, baseURL!, family);
  const page = await context.newPage();
  const monday = mondayAhead(14);

  await page.goto(`/providers/${provider.providerId}`);
  await tabTo(page, page.getByRole("link", { name: "Richiedi questo servizio" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Richiedi un servizio a ${provider.name}`);

  await tabTo(page, page.getByRole("radio", { name: "Ogni settimana" }));
  await page.keyboard.press("Space");
  for (const day of ["lunedì", "mercoledì"]) {
    await tabTo(page, page.getByRole("checkbox", { name: day }));
    await page.keyboard.press("Space");
  }
  // The native date fields are typed like a person would: Tab lands on the first segment, and the
  // digits go in the order the field shows, each complete segment moving on to the next.
  const order = await dateFieldOrder(browser);
  for (const [label, day] of [["Dal giorno", monday], ["Al giorno", addDays(monday, 27)]] as const) {
    const field = page.getByLabel(label, { exact: true });
    await tabTo(page, field);
    await page.keyboard.type(dateDigits(day, order));
    await expect(field).toHaveValue(day);
  }
  await tabTo(page, page.getByLabel("Dalle ore", { exact: true }));
  await page.keyboard.type("16:30"); // a focused select picks the option whose text is typed
  await expect(page.getByLabel("Dalle ore", { exact: true })).toHaveValue("16:30");
  await tabTo(page, page.getByLabel("Alle ore", { exact: true }));
  await page.keyboard.type("18:30");
  await expect(page.getByLabel("Alle ore", { exact: true })).toHaveValue("18:30");
  await tabTo(page, page.getByLabel("Quartiere", { exact: true }));
  await page.keyboard.type("Duomo");
  await expect(page.getByLabel("Quartiere", { exact: true })).toHaveValue("1");
  await tabTo(page, page.getByLabel("Indirizzo", { exact: true }));
  await page.keyboard.type("Piazza del Duomo 1");
  await tabTo(page, page.getByLabel("Messaggio", { exact: true }));
  await page.keyboard.type("Aiuto dopo la scuola, grazie.");
  await tabTo(page, page.getByRole("button", { name: "Invia la richiesta" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}\?done=requested$/);
  await expect(page.getByRole("status")).toContainText("Richiesta inviata");
  await context.close();
});
