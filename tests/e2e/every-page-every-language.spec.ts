import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { dir, supportedLanguages } from "../../app/i18n/languages";
import { onboardingSteps } from "../../app/domain/providers/onboarding-schemas";
import { createMatrixCast, openRoleSession, QUARTIERE_1, type MatrixIds, type MatrixRole } from "./support/authz-fixtures";
import { preloadAxe, seriousA11yViolations } from "./support/axe";
import { closeE2eDb } from "./support/operator-login";

/**
 * Issue 7, accessibility done-when: "axe reports zero serious violations across all pages in all six
 * languages" and "works at 200 % zoom and on a 360 px wide screen" — for every page, the signed-in
 * ones included (it replaced languages.spec.ts, which checked five public pages the same way).
 *
 * Every route module in app/routes/ that renders a page has at least one row below: the URL (with
 * the ids of the authorisation matrix's cast, tests/e2e/support/authz-fixtures.ts) and a role that
 * may see it. Route modules without a page (downloads, redirects, webhooks) are listed apart, each
 * with its reason. The route list is read from disk at test time, so a new page with no row fails.
 *
 * One test per language (fullyParallel spreads them over the workers), one browser context per role.
 * On every page, in every language: <html lang/dir>, no untranslated key or unfilled {{placeholder}}
 * in the text or the accessible names, no serious axe violation, and no sideways scrolling at
 * 360 px (a phone) and 640 px (a 1280 px screen zoomed to 200 %). The narrow widths are checked by
 * resizing the loaded page (CSS media queries apply at once), not by loading it again.
 */

interface PageVisit {
  route: string; // file name in app/routes without extension
  url: (ids: MatrixIds) => string;
  as: MatrixRole;
  /** The status the page is served with (200 unless said). */
  status?: number;
}

const visit = (route: string, as: MatrixRole, url: (ids: MatrixIds) => string, status = 200): PageVisit => ({ route, as, url, status });

// visit(route file, role that may see it, URL[, status])
const pages: PageVisit[] = [
  // Public pages, as a visitor.
  visit("_index", "anonymous", () => "/"),
  visit("_index", "family", () => "/"),
  visit("search", "anonymous", () => "/search?q=babysitter"),
  visit("search", "anonymous", () => `/search?category=babysitter&quartiere=${QUARTIERE_1}`),
  visit("providers.$id", "anonymous", (ids) => `/providers/${ids.publicProvider}`),
  // The "page not found" page (a provider under review is nobody's public profile).
  visit("providers.$id", "anonymous", (ids) => `/providers/${ids.providerA}`, 404),
  visit("login", "anonymous", () => "/login"),
  visit("signup", "anonymous", () => "/signup"),
  visit("forgot-password", "anonymous", () => "/forgot-password"),
  visit("reset-password", "anonymous", () => "/reset-password?token=nonsense"),
  // A valid link signs in and redirects: the only page this route shows is the invalid-link one.
  visit("verify-email", "anonymous", () => "/verify-email?token=nonsense", 400),
  visit("hubs._index", "anonymous", () => "/hubs"),
  visit("hubs.$id", "family", (ids) => `/hubs/${ids.hub}`),
  visit("hubs.$id_.events.$eventId", "family", (ids) => `/hubs/${ids.hub}/events/${ids.hubEvent}`),
  visit("network._index", "anonymous", () => "/network"),
  visit("condominiums.join", "anonymous", () => "/condominiums/join?code=x"),

  // The account.
  visit("account._index", "family", () => "/account"),
  visit("account._index", "operatorQ1", () => "/account"),
  visit("account.delete", "family", () => "/account/delete"),
  visit("account.vouchers", "family", () => "/account/vouchers"),

  // Bookings, conversations, payments, reviews: the family's side and the provider's.
  visit("bookings._index", "family", () => "/bookings"),
  visit("bookings._index", "providerA", () => "/bookings"),
  visit("bookings.$id", "family", (ids) => `/bookings/${ids.booking}`),
  visit("bookings.$id", "providerA", (ids) => `/bookings/${ids.booking}`),
  visit("bookings_.$id.messages", "family", (ids) => `/bookings/${ids.booking}/messages`),
  visit("bookings_.$id.pay", "family", (ids) => `/bookings/${ids.booking}/pay`),
  visit("bookings_.$id.review", "family", (ids) => `/bookings/${ids.completedBooking}/review`),
  visit("calendar", "family", () => "/calendar"),
  visit("providers_.$id.request", "family", (ids) => `/providers/${ids.publicProvider}/request`),

  // Condominiums, needs and shared groups.
  visit("condominiums._index", "family", () => "/condominiums"),
  visit("condominiums.new", "family", () => "/condominiums/new"),
  visit("condominiums.$id._index", "family", (ids) => `/condominiums/${ids.condominium}`),
  visit("condominiums.$id.poster", "family", (ids) => `/condominiums/${ids.condominium}/poster`),
  visit("needs._index", "family", () => "/needs"),
  visit("needs.new", "family", () => "/needs/new"),
  visit("needs.$id", "family", (ids) => `/needs/${ids.need}`),
  visit("needs.$id", "operatorQ1", (ids) => `/needs/${ids.onBehalfNeed}`),
  visit("groups.$id", "family", (ids) => `/groups/${ids.group}`),

  // The provider area: a newcomer's start page, then provider A (an organisation) everywhere.
  visit("provider._index", "family", () => "/provider"),
  visit("provider._index", "providerA", () => "/provider"),
  ...onboardingSteps.map((step) => visit("provider.onboarding.$step", "providerA", () => `/provider/onboarding/${step}`)),
  visit("provider.organisation.workers", "providerA", () => "/provider/organisation/workers"),
  visit("provider.group-requests", "providerA", () => "/provider/group-requests"),
  visit("provider.payouts", "providerA", () => "/provider/payouts"),
  visit("provider.reviews", "providerA", () => "/provider/reviews"),

  // The operator area, as the operator of quartiere 1 (and an admin where the page differs).
  visit("operator._index", "operatorQ1", () => "/operator"),
  visit("operator._index", "admin", () => "/operator"),
  visit("operator.verification", "operatorQ1", () => `/operator/verification?quartiere=${QUARTIERE_1}`),
  visit("operator.providers.$id", "operatorQ1", (ids) => `/operator/providers/${ids.providerA}`),
  visit("operator.reports", "operatorQ1", () => "/operator/reports"),
  visit("operator.reports_.$id", "operatorQ1", (ids) => `/operator/reports/${ids.reportedThread}`),
  visit("operator.reviews", "operatorQ1", () => "/operator/reviews"),
  visit("operator.vouchers", "operatorQ1", () => "/operator/vouchers"),
  visit("operator.hubs._index", "admin", () => "/operator/hubs"),
  visit("operator.hubs.$id", "operatorQ1", (ids) => `/operator/hubs/${ids.hub}`),
  visit("operator.hubs.$id_.events.$eventId", "operatorQ1", (ids) => `/operator/hubs/${ids.hub}/events/${ids.hubEvent}`),
  visit("operator.needs", "operatorQ1", () => `/operator/needs?quartiere=${QUARTIERE_1}`),
  visit("operator.groups.$id", "operatorQ1", (ids) => `/operator/groups/${ids.group}`),
  visit("operator.dashboard", "operatorQ1", () => `/operator/dashboard?scope=q${QUARTIERE_1}`),
  visit("operator.dashboard", "admin", () => "/operator/dashboard"),
  visit("operator.network", "operatorQ1", (ids) => `/operator/network?edit=${ids.networkOrganisation}`),
];

/** Route modules that render no page, and why. */
const notPages: Record<string, string> = {
  "account.export": "a JSON download of one's own data",
  "calendar[.]ics": "an iCalendar feed",
  "documents.$id": "a verification document, always served as an attachment",
  "logout": "signs out and redirects",
  "operator.dashboard[.]csv": "the dashboard's CSV export",
  "operator.dashboard[.]pdf": "the dashboard's PDF export",
  "provider.onboarding._index": "redirects to the step to resume at",
  "providers_.$id.photo": "a provider's photo (an image)",
  "stripe.webhook": "Stripe's webhook endpoint (POST only)",
};

/** A key i18next could not find is shown as the key itself, e.g. "search:form.q", "errors.token_invalid". */
const rawKey = /\b(?:[a-z]+:)?[a-z]\w*\.[a-z]\w*(?:\.\w+)*\b/g;
/** What the key pattern also matches but is not a key: file and domain names (e-mail and web addresses are skipped whole), "e.g.". */
const notAKey = /^[\w.:]*\.(?:pdf|png|jpe?g|webp|ics|csv|org|it|eu|com|net)$|^(?:e\.g|i\.e)$/;

const routesDir = path.resolve(process.cwd(), "app/routes");
const routeModules = readdirSync(routesDir)
  .filter((f) => /\.(tsx?|jsx?)$/.test(f))
  .map((f) => ({ route: f.replace(/\.(tsx?|jsx?)$/, ""), source: readFileSync(path.join(routesDir, f), "utf8") }));
const rendersPage = (source: string) => /export\s+default\b/.test(source);

test.afterAll(async () => {
  await closeE2eDb();
});

test("every page route has a row, and every route without a page says why", () => {
  const missing = routeModules.filter((m) => rendersPage(m.source) && !pages.some((p) => p.route === m.route)).map((m) => m.route);
  expect(missing, "pages with no row in every-page-every-language.spec.ts").toEqual([]);
  const misfiled = routeModules.filter((m) => rendersPage(m.source) === (m.route in notPages)).map((m) => m.route);
  expect(misfiled, "route modules listed as not a page that render one, or the other way round").toEqual([]);
  const known = new Set(routeModules.map((m) => m.route));
  const stale = [...pages.map((p) => p.route), ...Object.keys(notPages)].filter((r) => !known.has(r));
  expect(stale, "rows for route modules that no longer exist").toEqual([]);
});

/** Everything a person reads or hears on the page: its text, its title and the accessible names set by attribute. */
async function shownText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = document.body.innerText.split("\n");
    lines.push(document.title);
    for (const el of document.querySelectorAll("[aria-label], [placeholder], [title], img[alt], input[type=submit][value], input[type=button][value]")) {
      for (const attribute of ["aria-label", "placeholder", "title", "alt", "value"]) {
        const value = el.getAttribute(attribute);
        if (value && (attribute !== "value" || el.matches("input[type=submit], input[type=button]"))) lines.push(value);
      }
    }
    return lines.map((l) => l.trim()).filter(Boolean);
  });
}

/**
 * What makes the page scroll sideways, for the report: the outermost visible elements that stick
 * out of the viewport with no scroll container around them; failing that (something absolutely
 * positioned escaping a scroll container), the element whose removal ends the overflow.
 */
function widestElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (el: Element) => {
      const r = el.getBoundingClientRect();
      const classes = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes} (${Math.round(r.left)} to ${Math.round(r.right)})`;
    };
    const width = document.documentElement.clientWidth;
    const sticksOut = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.right > width + 1 || r.left < -1);
    };
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement)) && el.checkVisibility() && !clipped(el)) out.push(describe(el));
    }
    if (out.length > 0) return out.slice(0, 5);
    const overflows = () => document.documentElement.scrollWidth - width > 1;
    let node: Element = document.body;
    for (let found = true; found; ) {
      found = false;
      for (const child of node.children) {
        const style = (child as HTMLElement).style;
        const display = style.display;
        style.display = "none";
        const culprit = !overflows();
        style.display = display;
        if (culprit) {
          node = child;
          found = true;
          break;
        }
      }
    }
    return [`within ${describe(node)}`];
  });
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const desktop = { width: 1280, height: 720 };
const narrowWidths = [360, 640];

/** What a narrower viewport can break beyond sideways scrolling: a table that now scrolls must be reachable by keyboard. */
const narrowRules = ["scrollable-region-focusable"];

for (const lng of supportedLanguages) {
  test(`${lng}: every page in the right language and direction, fully translated, accessible, no sideways scrolling at 360 and 640 px`, async ({ browser, baseURL }) => {
    // About 65 pages, each loaded once and checked by axe: a few hundred milliseconds each, more on a busy machine.
    test.setTimeout(pages.length * 3_000);
    const { users, ids } = await createMatrixCast();
    const roles = [...new Set(pages.map((p) => p.as))];
    const tabs = new Map<MatrixRole, Page>();
    const sessions = await Promise.all(
      roles.map(async (role) => {
        const session = await openRoleSession(browser, baseURL!, role, role === "anonymous" ? null : users[role]);
        await preloadAxe(session.context);
        const page = await session.context.newPage();
        await page.setViewportSize(desktop);
        tabs.set(role, page);
        return session;
      }),
    );

    const problems: string[] = [];
    for (const p of pages) {
      const page = tabs.get(p.as)!;
      const url = p.url(ids);
      const where = `${url} as ${p.as}`;
      const response = await page.goto(`${url}${url.includes("?") ? "&" : "?"}lng=${lng}`);
      if (response?.status() !== p.status) {
        problems.push(`${where}: status ${response?.status()}, expected ${p.status}`);
        continue;
      }
      const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
      if (html.lang !== lng || html.dir !== dir(lng)) problems.push(`${where}: <html lang="${html.lang}" dir="${html.dir}">`);

      for (const line of await shownText(page)) {
        const keys = (line.match(rawKey) ?? []).filter((m) => !notAKey.test(m) && !/@|https?:|www\./.test(line));
        if (keys.length > 0 || /\{\{|\}\}/.test(line)) problems.push(`${where}: untranslated text "${line}"`);
      }
      for (const violation of await seriousA11yViolations(page)) problems.push(`${where}: ${violation}`);

      for (const width of narrowWidths) {
        await page.setViewportSize({ width, height: 800 });
        const overflow = await horizontalOverflow(page);
        if (overflow > 1) problems.push(`${where}: scrolls sideways by ${overflow} px at ${width} px (${(await widestElements(page)).join(", ")})`);
        for (const violation of await seriousA11yViolations(page, { rules: narrowRules })) problems.push(`${where} at ${width} px: ${violation}`);
      }
      await page.setViewportSize(desktop);
    }
    await Promise.all(sessions.map((s) => s.context.close()));
    expect(problems, `problems in ${lng}`).toEqual([]);
  });
}
