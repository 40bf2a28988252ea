import type { CategorySlug } from "../../../../db/seed/catalogue";

/**
 * Which categories may share one service. A category always shares with itself (two badante
 * needs, one carer); other pairs must be listed here, with the category the shared service is
 * offered as (a babysitter need and a doposcuola need share an after-school, i.e. a doposcuola).
 */
export const compatibleCategoryPairs: ReadonlyArray<{ categories: readonly [CategorySlug, CategorySlug]; sharedAs: CategorySlug }> = [
  { categories: ["babysitter", "doposcuola"], sharedAs: "doposcuola" },
];

/** The category a group with these member categories is offered as, or null when they may not mix. */
export function serviceCategoryFor(categories: Iterable<string>): string | null {
  const distinct = [...new Set(categories)];
  if (distinct.length === 1) return distinct[0]!;
  if (distinct.length !== 2) return null;
  const pair = compatibleCategoryPairs.find((p) => p.categories.includes(distinct[0] as CategorySlug) && p.categories.includes(distinct[1] as CategorySlug));
  return pair ? pair.sharedAs : null;
}

export function areCompatible(a: string, b: string): boolean {
  return serviceCategoryFor([a, b]) !== null;
}

/**
 * A label shared by all categories that can end up in one group (the connected pieces of the
 * table), so the engine only looks for neighbours among needs with the same label.
 */
export function compatibilityClassOf(category: string): string {
  const seen = new Set([category]);
  const queue = [category];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const { categories } of compatibleCategoryPairs) {
      if (!categories.includes(current as CategorySlug)) continue;
      for (const other of categories) {
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  }
  return [...seen].sort()[0]!;
}
