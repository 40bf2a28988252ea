import { readFileSync } from "node:fs";
import path from "node:path";

/** The keys of a locale file, flattened ("errors.emailInvalid"), with plural suffixes also as their base key. */
export function flatten(locale: string, ns: string): Set<string> {
  const file = path.resolve(import.meta.dirname, "../../app/i18n/locales", locale, `${ns}.json`);
  const out = new Set<string>();
  const walk = (tree: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(tree)) {
      const full = prefix ? `${prefix}.${key}` : key;
      if (value && typeof value === "object") walk(value as Record<string, unknown>, full);
      else {
        out.add(full);
        out.add(full.replace(/_(zero|one|two|few|many|other)$/, ""));
      }
    }
  };
  walk(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>, "");
  return out;
}
