import { expect, test } from "@playwright/test";
import { dir, supportedLanguages } from "../../app/i18n/languages";
import { expectNoSeriousA11yViolations } from "./support/axe";

const publicPages = ["/", "/search?category=babysitter&quartiere=1", "/login", "/signup", "/forgot-password"];

/** A key i18next could not find is shown as the key itself, e.g. "search:form.q" or "form.q". */
const rawKey = /\b(?:[a-z]+:)?[a-z][A-Za-z]*\.[a-z][A-Za-z]*(?:\.[A-Za-z]+)*\b/;

test.describe("every page in every language", () => {
  for (const lng of supportedLanguages) {
    test(`${lng}: the right language and direction, no missing text, accessible`, async ({ page }) => {
      const profileHref = await (async () => {
        await page.goto(`/search?category=babysitter&lng=${lng}`);
        return page.getByRole("list").getByRole("article").first().getByRole("link").first().getAttribute("href");
      })();
      for (const path of [...publicPages, profileHref!]) {
        await page.goto(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
        const html = page.locator("html");
        await expect(html).toHaveAttribute("lang", lng);
        await expect(html).toHaveAttribute("dir", dir(lng));
        const text = await page.locator("body").innerText();
        const suspicious = text.split("\n").filter((line) => rawKey.test(line) && !/@|https?:|www\.|\.it\b|\.eu\b/.test(line));
        expect(suspicious, `untranslated keys on ${path} in ${lng}`).toEqual([]);
        await expectNoSeriousA11yViolations(page);
      }
    });
  }
});
