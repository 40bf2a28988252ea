import { serviceCategoryFor } from "./category-compatibility";
import { haversineMetres, mayBeWithin } from "./geo";
import { rulesFor, withinLimits, type CategoryRules } from "./group-rules";
import type { NeighbourIndex } from "./neighbour-index";
import type { PreparedNeed } from "./prepare-needs";
import { intersectWindows, sharedMinutes, weeklyMinutes } from "./time-windows";
import type { AggregationOptions, WeeklyWindow } from "./types";

/** Rules of every pair of categories (i with itself: the category alone), or null when the pair may not mix. */
export type CategoryPairRules = ReadonlyArray<ReadonlyArray<CategoryRules | null>>;

export function categoryPairRules(categories: readonly string[]): CategoryPairRules {
  return categories.map((a) => categories.map((b) => (serviceCategoryFor([a, b]) === null ? null : rulesFor([a, b]))));
}

/** One step of the greedy growth: the members so far and the time they all share. */
export interface GrowthStep {
  members: number[];
  windows: WeeklyWindow[];
}

interface Candidate {
  index: number;
  /** Once a candidate fails it stays out: limits only tighten and the shared time only shrinks as members join. */
  alive: boolean;
}

export interface GroupingContext {
  needs: readonly PreparedNeed[];
  pairRules: CategoryPairRules;
  neighbours: NeighbourIndex;
  assigned: Uint8Array;
  /** Per need, the last seed that looked at it: de-duplicates visits without a Set per seed. */
  visitedBy: Int32Array;
  options: AggregationOptions;
}

function withinWalk(a: PreparedNeed, b: PreparedNeed): boolean {
  if (a.need.condominiumId !== null && a.need.condominiumId === b.need.condominiumId) return true;
  return haversineMetres(a.need, b.need) <= Math.min(a.walkMeters, b.walkMeters);
}

function byId(a: PreparedNeed, b: PreparedNeed): number {
  return a.need.id < b.need.id ? -1 : a.need.id > b.need.id ? 1 : 0;
}

/** The seed's possible partners, best first: most time shared with the seed, then nearest, then by id. */
function candidatesOf(seed: number, ctx: GroupingContext): number[] {
  const { needs, pairRules, assigned, visitedBy, options } = ctx;
  const s = needs[seed]!;
  const found: Array<{ index: number; minutes: number; distance: number }> = [];
  ctx.neighbours.forEachNear(seed, (j) => {
    if (j === seed || assigned[j] || visitedBy[j] === seed) return;
    visitedBy[j] = seed;
    const c = needs[j]!;
    if ((c.mask & s.mask) === 0 || c.need.familyId === s.need.familyId) return;
    if (pairRules[s.categoryIndex]![c.categoryIndex] === null) return;
    const sameCondominium = s.need.condominiumId !== null && s.need.condominiumId === c.need.condominiumId;
    const limit = Math.min(s.walkMeters, c.walkMeters);
    // Flat-grid distances never exceed true ones (see geo.ts), so this skips only pairs that are too far.
    if (!sameCondominium && !mayBeWithin(s, c, limit)) return;
    const distance = haversineMetres(s.need, c.need);
    if (!sameCondominium && distance > limit) return;
    const minutes = sharedMinutes(s.windows, c.windows, options.minSharedMinutes);
    if (minutes === 0) return;
    found.push({ index: j, minutes, distance });
  });
  found.sort((a, b) => b.minutes - a.minutes || a.distance - b.distance || byId(needs[a.index]!, needs[b.index]!));
  return found.slice(0, options.candidateLimit).map((c) => c.index);
}

/**
 * Grows a group from a seed greedily and deterministically: at each step the candidate that keeps
 * the most shared time joins (then the one nearest the group's centre, then the smallest id), as
 * long as every rule holds. Returns every step, so the caller can fall back to a smaller group.
 */
export function growGroup(seed: number, ctx: GroupingContext): GrowthStep[] {
  const { needs, pairRules, options } = ctx;
  const s = needs[seed]!;
  const candidates: Candidate[] = candidatesOf(seed, ctx).map((index) => ({ index, alive: true }));
  const steps: GrowthStep[] = [{ members: [seed], windows: s.windows }];
  const families = new Set([s.need.familyId]);
  const categories = [s.categoryIndex];
  const tally = { families: 1, persons: s.need.persons, childLoad: s.childLoad };
  // The member with the most time of their own needs the most of it covered (minOwnTimeCoverage).
  let largestOwnMinutes = s.ownMinutes;
  let sumX = s.x;
  let sumY = s.y;

  for (;;) {
    const current = steps[steps.length - 1]!;
    const centreX = sumX / current.members.length;
    const centreY = sumY / current.members.length;
    let best: { candidate: Candidate; windows: WeeklyWindow[]; minutes: number; distance: number; rules: CategoryRules } | null = null;
    for (const candidate of candidates) {
      if (!candidate.alive) continue;
      const c = needs[candidate.index]!;
      const rules = rulesWith(categories, c.categoryIndex, pairRules);
      const fits =
        rules !== null &&
        !families.has(c.need.familyId) &&
        withinLimits(rules, { families: tally.families + 1, persons: tally.persons + c.need.persons, childLoad: tally.childLoad + c.childLoad }) &&
        (!rules.sameCondominiumOnly || (c.need.condominiumId !== null && c.need.condominiumId === s.need.condominiumId));
      const windows = fits ? intersectWindows(current.windows, c.windows, options.minSharedMinutes) : [];
      if (windows.length === 0) {
        candidate.alive = false;
        continue;
      }
      const minutes = weeklyMinutes(windows);
      if (minutes < options.minOwnTimeCoverage * Math.max(largestOwnMinutes, c.ownMinutes)) {
        candidate.alive = false;
        continue;
      }
      const distance = Math.hypot(c.x - centreX, c.y - centreY);
      if (
        best === null ||
        minutes > best.minutes ||
        (minutes === best.minutes && (distance < best.distance || (distance === best.distance && byId(c, needs[best.candidate.index]!) < 0)))
      ) {
        best = { candidate, windows, minutes, distance, rules: rules! };
      }
    }
    if (best === null) return steps;

    const joined = needs[best.candidate.index]!;
    best.candidate.alive = false;
    steps.push({ members: [...current.members, best.candidate.index], windows: best.windows });
    families.add(joined.need.familyId);
    if (!categories.includes(joined.categoryIndex)) categories.push(joined.categoryIndex);
    tally.families += 1;
    tally.persons += joined.need.persons;
    tally.childLoad += joined.childLoad;
    largestOwnMinutes = Math.max(largestOwnMinutes, joined.ownMinutes);
    sumX += joined.x;
    sumY += joined.y;
    // Everyone must be within walking distance of everyone: drop the candidates too far from the newcomer.
    for (const candidate of candidates) {
      if (candidate.alive && !withinWalk(joined, needs[candidate.index]!)) candidate.alive = false;
    }
  }
}

/** Rules of the group's categories plus one more; null when the mix is not allowed (at most two categories, a declared pair). */
function rulesWith(categories: readonly number[], added: number, pairRules: CategoryPairRules): CategoryRules | null {
  const first = categories[0]!;
  if (categories.length === 1) return pairRules[first]![added] ?? null;
  return categories.includes(added) ? (pairRules[first]![categories[1]!] ?? null) : null;
}
