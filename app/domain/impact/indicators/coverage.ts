import type { Cell } from "./sql";

/**
 * Coverage gaps: a (quartiere, category) of the area where there is demand — open needs or
 * unmet searches in the period — and no verified, active provider offering that category with
 * the quartiere among its service zones. Pure: it works on the figures already read.
 */
export interface CoverageGap {
  quartiereId: number;
  categoryId: number;
  openNeeds: number;
  unmetSearches: number;
}

export function coverageGaps(input: {
  openNeeds: readonly Cell[];
  unmetSearches: readonly Cell[];
  servedPairs: ReadonlyArray<{ quartiereId: number; categoryId: number }>;
  /** The area's quartieri: demand elsewhere (or without a quartiere or category) is not a gap here. */
  quartiereIds: readonly number[];
}): CoverageGap[] {
  const inArea = new Set(input.quartiereIds);
  const served = new Set(input.servedPairs.map((p) => `${p.quartiereId}:${p.categoryId}`));
  const gaps = new Map<string, CoverageGap>();
  const add = (cell: Cell, field: "openNeeds" | "unmetSearches") => {
    if (cell.quartiereId === null || cell.categoryId === null || cell.n === 0 || !inArea.has(cell.quartiereId)) return;
    const key = `${cell.quartiereId}:${cell.categoryId}`;
    if (served.has(key)) return;
    const gap = gaps.get(key) ?? { quartiereId: cell.quartiereId, categoryId: cell.categoryId, openNeeds: 0, unmetSearches: 0 };
    gap[field] += cell.n;
    gaps.set(key, gap);
  };
  for (const cell of input.openNeeds) add(cell, "openNeeds");
  for (const cell of input.unmetSearches) add(cell, "unmetSearches");
  return [...gaps.values()].sort(
    (a, b) => b.openNeeds + b.unmetSearches - (a.openNeeds + a.unmetSearches) || a.quartiereId - b.quartiereId || a.categoryId - b.categoryId,
  );
}
