import type { DB } from "../../../db/client";
import { cachedReference } from "~/utils/reference-cache.server";

export interface CatalogueCategory {
  slug: string;
  isShared: boolean;
}

/** The service catalogue in display order. Names and descriptions live in the locale files. */
export function listCategories(db: DB): Promise<CatalogueCategory[]> {
  return cachedReference(db, "categories", () => loadCategories(db));
}

async function loadCategories(db: DB): Promise<CatalogueCategory[]> {
  const rows = await db
    .selectFrom("service_categories")
    .select(["slug", "is_shared"])
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ slug: row.slug, isShared: row.is_shared }));
}
