import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dayparts, languageCodes, priceBands, sortOptions, weekdays } from "../../app/domain/search/search-query.server";
import { dir, namespaces, supportedLanguages } from "../../app/i18n/config";
import { resources } from "../../app/i18n/resources";

/**
 * Every locale folder under app/i18n/locales is compared with every other one, namespace by
 * namespace, so a new language (ar, es, …) is checked as soon as its folder exists.
 */
const localesDir = path.resolve(import.meta.dirname, "../../app/i18n/locales");
const locales = readdirSync(localesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const namespacesOf = (locale: string) =>
  readdirSync(path.join(localesDir, locale))
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.replace(/\.json$/, ""))
    .sort();

const load = (locale: string, ns: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(localesDir, locale, `${ns}.json`), "utf8"));

function flatten(tree: Record<string, unknown>, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Record<string, unknown>, full)) out.set(k, v);
    } else out.set(full, value);
  }
  return out;
}

/** i18next plural keys: "count_one", "count_other" (Arabic adds _zero, _two, _few, _many). */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(pluralSuffix, "");

/** Keys with plural forms collapsed to their base, so languages with different plural rules compare equal. */
function comparableKeys(locale: string, ns: string): Set<string> {
  return new Set([...flatten(load(locale, ns)).keys()].map(baseKey));
}

const allNamespaces = [...new Set(locales.flatMap(namespacesOf))].sort();

describe("locale files", () => {
  it("finds the Italian and English locales", () => {
    expect(locales).toEqual(expect.arrayContaining(["it", "en"]));
    expect(allNamespaces).toEqual(expect.arrayContaining(["common", "search", "provider"]));
  });

  it.each(locales)("%s has every namespace", (locale) => {
    expect(namespacesOf(locale)).toEqual(allNamespaces);
  });

  for (const ns of allNamespaces) {
    it.each(locales)(`%s has every key of the "${ns}" namespace that another locale has`, (locale) => {
      const own = comparableKeys(locale, ns);
      const missing: string[] = [];
      for (const other of locales) {
        if (other === locale) continue;
        for (const key of comparableKeys(other, ns)) {
          if (!own.has(key)) missing.push(`${key} (in ${other})`);
        }
      }
      expect(missing, `${locale}/${ns}.json is missing keys`).toEqual([]);
    });
  }

  it.each(locales)("%s has every plural form its language needs, and no empty text", (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const ns of namespacesOf(locale)) {
      const flat = flatten(load(locale, ns));
      for (const [key, value] of flat) {
        if (typeof value !== "string" || value.trim() === "") problems.push(`${ns}:${key} is empty or not text`);
      }
      const pluralBases = new Set([...flat.keys()].filter((k) => pluralSuffix.test(k)).map(baseKey));
      for (const base of pluralBases) {
        for (const category of categories) {
          if (!flat.has(`${base}_${category}`)) problems.push(`${ns}:${base}_${category}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps interpolation variables the same in every locale", () => {
    const variables = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    const problems: string[] = [];
    for (const ns of allNamespaces) {
      const reference = flatten(load("it", ns));
      for (const locale of locales) {
        const flat = flatten(load(locale, ns));
        for (const [key, value] of flat) {
          const refKey = reference.has(key) ? key : [...reference.keys()].find((k) => baseKey(k) === baseKey(key));
          if (!refKey) continue;
          const expected = new Set(variables(reference.get(refKey)));
          for (const v of variables(value)) if (!expected.has(v) && v !== "count") problems.push(`${locale}/${ns}:${key} uses {{${v}}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("what the code asks the locale files for", () => {
  const searchQuerySource = readFileSync(path.resolve(import.meta.dirname, "../../app/domain/search/search-query.server.ts"), "utf8");
  const errorKeys = [...new Set([...searchQuerySource.matchAll(/["'](errors\.[A-Za-z]+)["']/g)].map((m) => m[1]))];

  it("finds the error keys in search-query.server.ts", () => {
    expect(errorKeys.length).toBeGreaterThanOrEqual(15);
  });

  it.each(locales)("%s has a message for every search error key", (locale) => {
    const flat = flatten(load(locale, "search"));
    expect(errorKeys.filter((key) => typeof flat.get(key) !== "string")).toEqual([]);
  });

  it.each(locales)("%s names every language, weekday, time of day, price band and sort order", (locale) => {
    const common = flatten(load(locale, "common"));
    const search = flatten(load(locale, "search"));
    const missing = [
      ...languageCodes.map((code) => `languages.${code}`).filter((k) => !common.has(k)),
      ...weekdays.map((day) => `weekdays.${day}`).filter((k) => !common.has(k)),
      ...dayparts.map((part) => `dayparts.${part}`).filter((k) => !common.has(k)),
      ...priceBands.map((band) => `priceBands.${band}`).filter((k) => !search.has(k)),
      ...sortOptions.map((option) => `sort.${option}`).filter((k) => !search.has(k)),
    ];
    expect(missing).toEqual([]);
  });

  it.each(locales)("%s names and describes every service category", (locale) => {
    const common = flatten(load(locale, "common"));
    const slugs = ["babysitter", "badante", "colf", "doposcuola", "pet-sitter", "assistenza-disabili", "servizio-condominiale"];
    const missing = slugs.flatMap((slug) => [`categories.${slug}.name`, `categories.${slug}.description`]).filter((k) => !common.has(k));
    expect(missing).toEqual([]);
  });

  it("offers every locale folder in the interface, with the bundled resources", () => {
    expect([...supportedLanguages].sort()).toEqual(locales);
    expect(Object.keys(resources).sort()).toEqual(locales);
    for (const locale of locales) {
      const bundled = Object.keys(resources[locale as keyof typeof resources]).sort();
      expect(bundled, `namespaces bundled for ${locale} (app/i18n/resources.ts)`).toEqual(namespacesOf(locale));
      expect([...namespaces].sort()).toEqual(namespacesOf(locale));
    }
    for (const locale of locales) {
      for (const lng of supportedLanguages) expect(flatten(load(locale, "common")).has(`uiLanguages.${lng}`)).toBe(true);
    }
  });

  it("writes Arabic right to left and the others left to right", () => {
    expect(dir("ar")).toBe("rtl");
    expect(dir("ar-EG")).toBe("rtl");
    expect(dir("it")).toBe("ltr");
    expect(dir("en")).toBe("ltr");
  });
});
