import { compatibilityClassOf } from "./category-compatibility";
import { priceOf } from "./cost-split";
import { createGrid, type Grid } from "./geo";
import { childLoadOf, rulesFor, withinLimits } from "./group-rules";
import { normalizeWindows, weekdayMask, weeklyMinutes } from "./time-windows";
import type { AggregationNeed, AggregationOptions, HourlyPriceTable, WeeklyWindow } from "./types";

/** A need with everything the grouping loop reads precomputed once. */
export interface PreparedNeed {
  need: AggregationNeed;
  windows: WeeklyWindow[];
  mask: number;
  walkMeters: number;
  x: number;
  y: number;
  cx: number;
  cy: number;
  /** Index into the prepared categories; needs of one compatibility class share `classIndex`. */
  categoryIndex: number;
  classIndex: number;
  childLoad: number;
  /** The family's own weekly minutes (after merging its windows). */
  ownMinutes: number;
}

export interface PreparedInput {
  /** Ascending by need id: the processing order, so the input's order never matters. */
  needs: PreparedNeed[];
  categories: string[];
  grid: Grid;
}

/** Whether a need can take part at all: open to sharing, sane data, a price and rules for its category, and fits them on its own. */
function isGroupable(need: AggregationNeed, windows: WeeklyWindow[], prices: HourlyPriceTable): boolean {
  if (!need.openToSharing || windows.length === 0) return false;
  if (!Number.isInteger(need.persons) || need.persons < 1) return false;
  if (!Number.isFinite(need.lat) || !Number.isFinite(need.lng) || !(need.maxWalkMeters >= 0)) return false;
  const rules = rulesFor([need.categorySlug]);
  if (rules === null || priceOf(prices, need.categorySlug) === null) return false;
  if (rules.sameCondominiumOnly && need.condominiumId === null) return false;
  return withinLimits(rules, { families: 1, persons: need.persons, childLoad: childLoadOf(need) });
}

export function prepareNeeds(input: readonly AggregationNeed[], prices: HourlyPriceTable, options: AggregationOptions): PreparedInput {
  const seen = new Set<string>();
  for (const need of input) {
    if (seen.has(need.id)) throw new RangeError(`duplicate need id ${need.id}`);
    seen.add(need.id);
  }
  const kept = input
    .map((need) => ({ need, windows: normalizeWindows(need.windows) }))
    .filter(({ need, windows }) => isGroupable(need, windows, prices))
    .sort((a, b) => (a.need.id < b.need.id ? -1 : 1));

  const grid = createGrid(
    kept.map((k) => k.need),
    options.cellSizeMeters,
  );
  const categories = [...new Set(kept.map((k) => k.need.categorySlug))].sort();
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  const classes = [...new Set(categories.map(compatibilityClassOf))].sort();
  const classIndex = new Map(categories.map((c) => [c, classes.indexOf(compatibilityClassOf(c))]));

  const needs = kept.map(({ need, windows }): PreparedNeed => {
    const { x, y } = grid.project(need);
    return {
      need,
      windows,
      mask: weekdayMask(windows),
      walkMeters: Math.min(need.maxWalkMeters, options.maxWalkCapMeters),
      x,
      y,
      cx: Math.floor(x / grid.cellSizeMeters),
      cy: Math.floor(y / grid.cellSizeMeters),
      categoryIndex: categoryIndex.get(need.categorySlug)!,
      classIndex: classIndex.get(need.categorySlug)!,
      childLoad: childLoadOf(need),
      ownMinutes: weeklyMinutes(windows),
    };
  });
  return { needs, categories, grid };
}
