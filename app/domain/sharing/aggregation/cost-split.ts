import { serviceCategoryFor } from "./category-compatibility";
import { rulesFor } from "./group-rules";
import { defaultAggregationOptions, type CostSplit, type HourlyPriceTable, type MemberShare, type ProposedGroup } from "./types";

export interface SplitMember {
  needId: string;
  familyId: string;
  categorySlug: string;
  persons: number;
}

/**
 * Splits `total` cents in proportion to integer weights so the parts add up to exactly `total`
 * (largest-remainder method): everyone gets the floor of their exact part, and the cents left go
 * one each to the largest remainders, ties to the smaller id. Returned in the order given.
 */
export function largestRemainderSplit(total: number, parts: ReadonlyArray<{ id: string; weight: number }>): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total must be a non-negative integer of cents, got ${total}`);
  if (parts.length === 0) throw new RangeError("nothing to split between");
  for (const p of parts) if (!Number.isSafeInteger(p.weight) || p.weight < 1) throw new RangeError(`weight of ${p.id} must be a positive integer`);
  const weightSum = parts.reduce((sum, p) => sum + p.weight, 0);
  if (!Number.isSafeInteger(total * weightSum)) throw new RangeError("amount too large to split exactly");
  const shares = parts.map((p) => Math.floor((total * p.weight) / weightSum));
  const remainders = parts.map((p, index) => ({ index, id: p.id, remainder: (total * p.weight) % weightSum }));
  let left = total - shares.reduce((sum, s) => sum + s, 0);
  remainders.sort((a, b) => b.remainder - a.remainder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of remainders) {
    if (left === 0) break;
    shares[r.index]! += 1;
    left -= 1;
  }
  return shares;
}

/** The shared service's hourly price: the individual price plus the surcharge for each family beyond the first. */
export function groupHourlyCents(individualCents: number, families: number, surchargeBasisPoints: number): number {
  return Math.floor((individualCents * (10_000 + surchargeBasisPoints * (families - 1)) + 5_000) / 10_000);
}

/** Cents for `minutes` at an hourly rate, rounded to the nearest cent. */
export function centsForMinutes(hourlyCents: number, minutes: number): number {
  return Math.floor((hourlyCents * minutes + 30) / 60);
}

export function priceOf(prices: HourlyPriceTable, category: string): number | null {
  const price = prices[category];
  if (price === undefined) return null;
  if (!Number.isSafeInteger(price) || price <= 0) throw new RangeError(`price of ${category} must be a positive integer of cents, got ${price}`);
  return price;
}

/**
 * The price of a group and each member's share by hour and by week, weighted by persons (a family
 * with two children pays for two places). Null when a price is missing. Members are returned in
 * ascending need id order.
 */
export function splitCost(
  members: readonly SplitMember[],
  weeklySharedMinutes: number,
  prices: HourlyPriceTable,
  surchargeBasisPoints: number = defaultAggregationOptions.extraFamilySurchargeBasisPoints,
): CostSplit | null {
  const categorySlug = serviceCategoryFor(members.map((m) => m.categorySlug));
  if (categorySlug === null) return null;
  const base = priceOf(prices, categorySlug);
  if (base === null) return null;
  const ordered = [...members].sort((a, b) => (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0));
  const individual = ordered.map((m) => priceOf(prices, m.categorySlug));
  if (individual.some((p) => p === null)) return null;

  const hourlyTotalCents = groupHourlyCents(base, ordered.length, surchargeBasisPoints);
  const weeklyTotalCents = centsForMinutes(hourlyTotalCents, weeklySharedMinutes);
  const weights = ordered.map((m) => ({ id: m.needId, weight: m.persons }));
  const hourly = largestRemainderSplit(hourlyTotalCents, weights);
  const weekly = largestRemainderSplit(weeklyTotalCents, weights);
  const shares = ordered.map((m, i): MemberShare => {
    const alone = individual[i]!;
    return {
      needId: m.needId,
      familyId: m.familyId,
      categorySlug: m.categorySlug,
      persons: m.persons,
      hourlyCents: hourly[i]!,
      individualHourlyCents: alone,
      savingHourlyCents: alone - hourly[i]!,
      weeklyCents: weekly[i]!,
      savingWeeklyCents: centsForMinutes(alone, weeklySharedMinutes) - weekly[i]!,
    };
  });
  return { categorySlug, hourlyTotalCents, weeklyTotalCents, shares };
}

/** A proposal worth making: nobody pays above their budget, and everybody pays less than alone. */
export function isFairForEveryone(split: CostSplit, budgets: ReadonlyMap<string, number | null>): boolean {
  return split.shares.every((s) => {
    const budget = budgets.get(s.needId) ?? null;
    return s.savingHourlyCents > 0 && (budget === null || s.hourlyCents <= budget);
  });
}

/**
 * The new split after members leave, on the group's agreed schedule; null when fewer families
 * remain than the category needs (two). The service category may change (the last doposcuola need leaving a mixed
 * group leaves a babysitter group). Throws on ids that are not members.
 */
export function recomputeSplit(
  group: Pick<ProposedGroup, "shares" | "weeklySharedMinutes">,
  remainingNeedIds: readonly string[],
  prices: HourlyPriceTable,
  surchargeBasisPoints: number = defaultAggregationOptions.extraFamilySurchargeBasisPoints,
): CostSplit | null {
  const byId = new Map(group.shares.map((s) => [s.needId, s]));
  const remaining = [...new Set(remainingNeedIds)].map((id) => {
    const share = byId.get(id);
    if (!share) throw new RangeError(`need ${id} is not a member of this group`);
    return share;
  });
  const rules = rulesFor(remaining.map((s) => s.categorySlug));
  if (remaining.length < (rules?.minFamilies ?? 2)) return null;
  return splitCost(remaining, group.weeklySharedMinutes, prices, surchargeBasisPoints);
}
