import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The header's main menu (app/components/SiteHeader.tsx): Search, Hubs and Bookings are always in
 * view; a signed-in person's own pages (calendar, condominium, needs, provider and operator areas,
 * account, sign out) sit behind the "La mia area" disclosure, a <details>/<summary>.
 */
export function mainMenu(page: Page, label = "Menu principale"): Locator {
  return page.getByRole("navigation", { name: label });
}

/** The "La mia area" toggle (a <summary>, which Chromium exposes as expanded or collapsed). */
export function myAreaToggle(page: Page, label = "La mia area", menuLabel?: string): Locator {
  return mainMenu(page, menuLabel).locator("summary", { hasText: label });
}

/** Whether the "La mia area" menu is open. */
export async function isMyAreaMenuOpen(page: Page): Promise<boolean> {
  return mainMenu(page).locator("details").evaluate((el) => (el as HTMLDetailsElement).open);
}

/**
 * Opens "La mia area" (if it is closed) and returns the main menu, to find its links in:
 * `await (await openMyAreaMenu(page)).getByRole("link", { name: "Calendario" }).click()`.
 */
export async function openMyAreaMenu(page: Page, options: { label?: string; menuLabel?: string } = {}): Promise<Locator> {
  const menu = mainMenu(page, options.menuLabel);
  const details = menu.locator("details");
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) {
    await myAreaToggle(page, options.label, options.menuLabel).click();
  }
  await expect(details).toHaveAttribute("open", "");
  return menu;
}

/** Waits until the page's script has enhanced the menu (Escape, click outside, close on navigation). */
export async function waitForMenuScript(page: Page): Promise<void> {
  await expect(mainMenu(page).locator("details[data-enhanced]")).toHaveCount(1);
}
