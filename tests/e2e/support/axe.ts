import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type BrowserContext, type Page } from "@playwright/test";

/** WCAG 2.1 A and AA: the floor (docs/architecture: "WCAG 2.1 AA is the floor"). */
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violation = { id: string; help: string; impact?: string | null; nodes: { target: unknown[] }[] };
const serious = (v: Violation) => v.impact === "serious" || v.impact === "critical";
const describe = (v: Violation) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`;

let source: string | undefined;
/** axe-core's browser bundle: the copy @axe-core/playwright depends on (the version its package.json pins). */
function axeSource(): string {
  const require = createRequire(import.meta.url);
  const fromAxePlaywright = createRequire(require.resolve("@axe-core/playwright"));
  return (source ??= readFileSync(fromAxePlaywright.resolve("axe-core/axe.min.js"), "utf8"));
}

/**
 * Loads axe-core into every page of the context as it loads, so checking a page does not send
 * the ~550 kB script again: for specs that check many pages.
 */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource() });
}

/**
 * The serious or critical WCAG 2.1 A/AA violations on the current page, one line each; with
 * `rules`, only those axe rules are run (e.g. the ones a narrower viewport can change).
 *
 * axe-core runs in the page itself (injected through the DevTools protocol, so the site's CSP
 * does not stop it). @axe-core/playwright's AxeBuilder does the same, then opens a blank page for
 * every check to merge the results of iframes — about a second each on CI, and the pages here
 * have no iframes.
 */
export async function seriousA11yViolations(page: Page, options: { rules?: string[] } = {}): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === "function");
  if (!loaded) await page.evaluate(axeSource());
  const runOnly = options.rules ? { type: "rule", values: options.rules } : { type: "tag", values: wcagTags };
  const violations = await page.evaluate(async (runOnly) => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } };
    return (await axe.run(document, { runOnly, resultTypes: ["violations"] })).violations;
  }, runOnly);
  return (violations as Violation[]).filter(serious).map(describe);
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation on the current page. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page), `accessibility violations on ${page.url()}`).toEqual([]);
}
