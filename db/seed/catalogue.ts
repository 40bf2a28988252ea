import type { Kysely } from "kysely";
import type { Database } from "../schema.js";

/**
 * The service catalogue. Only slugs, order and the shared flag live in the database; the labels
 * people read live in the locale files (namespace of the catalogue, keyed by slug).
 */
export const categorySlugs = [
  "babysitter",
  "badante",
  "colf",
  "doposcuola",
  "pet-sitter",
  "assistenza-disabili",
  "servizio-condominiale",
] as const;

export type CategorySlug = (typeof categorySlugs)[number];

/** Services a group of households buys together (e.g. one carer for a whole condominium). */
export const sharedCategorySlugs: ReadonlySet<CategorySlug> = new Set(["servizio-condominiale"]);

export function isCategorySlug(value: string): value is CategorySlug {
  return (categorySlugs as readonly string[]).includes(value);
}

/** Upserts the catalogue by slug (safe to run on every start) and returns the ids by slug. */
export async function seedCatalogue(db: Kysely<Database>): Promise<Record<CategorySlug, number>> {
  const rows = await db
    .insertInto("service_categories")
    .values(categorySlugs.map((slug, index) => ({ slug, sort_order: index + 1, is_shared: sharedCategorySlugs.has(slug) })))
    .onConflict((oc) =>
      oc.column("slug").doUpdateSet((eb) => ({ sort_order: eb.ref("excluded.sort_order"), is_shared: eb.ref("excluded.is_shared") })),
    )
    .returning(["id", "slug"])
    .execute();
  return Object.fromEntries(rows.map((row) => [row.slug, row.id])) as Record<CategorySlug, number>;
}
