import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { supportedLanguages } from "../../app/i18n/config";
import { resources } from "../../app/i18n/resources";

/**
 * Every "condominium" key the condominium pages ask for exists in every language: the literal
 * t("…") calls and error keys in the source, and the keys built at run time (notices, roles,
 * location states, group statuses).
 */
const root = path.resolve(import.meta.dirname, "../..");
const sources = [
  ...readdirSync(path.join(root, "app/components/condominiums"))
    .filter((f) => f.endsWith(".tsx") || f.endsWith(".ts"))
    .map((f) => path.join(root, "app/components/condominiums", f)),
  ...readdirSync(path.join(root, "app/routes"))
    .filter((f) => f.startsWith("condominiums."))
    .map((f) => path.join(root, "app/routes", f)),
  ...readdirSync(path.join(root, "app/domain/sharing/condominiums")).map((f) => path.join(root, "app/domain/sharing/condominiums", f)),
].map((file) => readFileSync(file, "utf8"));

const literalKeys = new Set<string>();
for (const source of sources) {
  for (const m of source.matchAll(/\bt\(\s*"([a-zA-Z]+(?:\.[a-zA-Z]+)+)"/g)) literalKeys.add(m[1]);
  for (const m of source.matchAll(/["'](errors\.[a-zA-Z]+)["']/g)) literalKeys.add(m[1]);
}
const dynamicKeys = [
  ...["created", "createdApproximate", "joined", "alreadyMember", "consentOn", "consentOff", "posted", "hidden", "removed", "codeRegenerated", "left", "leftDeleted"].map(
    (n) => `notices.${n}`,
  ),
  "roles.administrator",
  "roles.resident",
  ...["locating", "found", "denied", "unavailable"].map((s) => `location.${s}`),
  ...["proposed", "formed", "booked", "active"].map((s) => `services.status.${s}`),
];

function has(tree: unknown, key: string): boolean {
  const parts = key.split(".");
  const last = parts.pop()!;
  let node = tree as Record<string, unknown> | undefined;
  for (const part of parts) node = node?.[part] as Record<string, unknown> | undefined;
  if (!node) return false;
  return typeof node[last] === "string" || typeof node[`${last}_other`] === "string";
}

describe("condominium translations", () => {
  it("finds the keys the pages use", () => {
    expect(literalKeys.size).toBeGreaterThan(80);
  });

  it.each([...supportedLanguages])("%s has every key the condominium pages ask for", (lng) => {
    const ns = (resources as Record<string, Record<string, unknown>>)[lng].condominium;
    const missing = [...literalKeys, ...dynamicKeys].filter((key) => !has(ns, key));
    expect(missing).toEqual([]);
  });
});
