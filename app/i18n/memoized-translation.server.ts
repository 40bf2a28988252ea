import type { i18n as I18n, TFunction } from "i18next";

/**
 * Server rendering calls `t` a few hundred times per search page (every card repeats the same
 * labels, category and language names), and i18next resolves each call afresh: key parsing,
 * fallbacks, plurals, interpolation. With the translations bundled and never changed at run time,
 * the answer for one language, namespace, key and set of primitive options is always the same
 * string, so the process remembers it. Calls with anything else (objects, arrays, functions, a
 * `returnObjects`) go straight to i18next.
 */

const MAX_ENTRIES = 50_000;
/** scope (language|namespaces|prefix) → key → serialised options → text. */
const remembered = new Map<string, Map<string, Map<string, string>>>();
let rememberedCount = 0;

function primitiveOptions(options: unknown): string | null {
  if (options === undefined) return "";
  if (typeof options === "string") return JSON.stringify(options);
  if (options === null || typeof options !== "object" || Array.isArray(options)) return null;
  for (const name in options) {
    const value = (options as Record<string, unknown>)[name];
    const type = typeof value;
    if (value !== null && value !== undefined && type !== "string" && type !== "number" && type !== "boolean") return null;
    if (name === "returnObjects" || name === "lng" || name === "lngs") return null;
  }
  return JSON.stringify(options);
}

type AnyT = ((...args: unknown[]) => unknown) & { lng?: string; ns?: unknown; keyPrefix?: string };

function memoizeFixedT(fixedT: TFunction, scope: string): TFunction {
  const t = fixedT as unknown as AnyT;
  let keys = remembered.get(scope);
  const memoized = ((key: unknown, options?: unknown, more?: unknown) => {
    const serialized = typeof key === "string" && more === undefined ? primitiveOptions(options) : null;
    if (serialized === null) return t(key, options, more);
    if (!keys) remembered.set(scope, (keys = new Map()));
    let variants = keys.get(key as string);
    if (!variants) keys.set(key as string, (variants = new Map()));
    const known = variants.get(serialized);
    if (known !== undefined) return known;
    const value = t(key, options);
    if (typeof value === "string") {
      if (rememberedCount >= MAX_ENTRIES) forgetAll();
      variants.set(serialized, value);
      rememberedCount += 1;
    }
    return value;
  }) as unknown as TFunction;
  // react-i18next and callers read these off a fixed t.
  Object.assign(memoized, { lng: t.lng, ns: t.ns, keyPrefix: t.keyPrefix });
  return memoized;
}

function forgetAll(): void {
  for (const keys of remembered.values()) keys.clear();
  rememberedCount = 0;
}

/**
 * Makes `instance.getFixedT` (what every useTranslation calls) return remembering functions, one
 * per language, namespaces and prefix for the instance's life (a request).
 */
export function rememberTranslations(instance: I18n): I18n {
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => TFunction;
  const fixedTs = new Map<string, TFunction>();
  instance.getFixedT = ((lng: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) => {
    const language = Array.isArray(lng) ? lng.join(",") : (lng ?? instance.language);
    const scope = `${language}|${Array.isArray(ns) ? ns.join(",") : (ns ?? "")}|${keyPrefix ?? ""}`;
    let fixed = fixedTs.get(scope);
    if (!fixed) fixedTs.set(scope, (fixed = memoizeFixedT(getFixedT(lng, ns, keyPrefix), scope)));
    return fixed;
  }) as I18n["getFixedT"];
  return instance;
}

/** For tests: how many translations are remembered. */
export function rememberedTranslationCount(): number {
  return rememberedCount;
}
