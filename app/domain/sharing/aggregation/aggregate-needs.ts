import { isFairForEveryone, splitCost } from "./cost-split";
import { explainGroup } from "./explain";
import { categoryPairRules, growGroup, type GroupingContext, type GrowthStep } from "./form-group";
import { centroidOf, haversineMetres } from "./geo";
import { groupKey } from "./group-key";
import { rulesFor } from "./group-rules";
import { createNeighbourIndex } from "./neighbour-index";
import { prepareNeeds, type PreparedNeed } from "./prepare-needs";
import { weeklyMinutes } from "./time-windows";
import {
  defaultAggregationOptions,
  type AggregationNeed,
  type AggregationOptions,
  type CostSplit,
  type HourlyPriceTable,
  type MeetingPoint,
  type ProposedGroup,
} from "./types";

/**
 * Groups compatible needs into proposed shared services with a fair cost split. Pure and
 * deterministic: needs are processed in id order, so shuffling the input changes nothing. Needs
 * not open to sharing, without usable windows, or whose category has no price or rules are left
 * out. Each need joins at most one group; a family appears at most once per group.
 *
 * Greedy, not optimal: each still-free need in id order seeds a group, grown with its best
 * neighbours (see form-group.ts). If the largest group is not fair to everyone (a share above a
 * budget, or not cheaper than alone), the greedy's smaller earlier steps are tried.
 */
export function aggregateNeeds(
  input: readonly AggregationNeed[],
  prices: HourlyPriceTable,
  options: Partial<AggregationOptions> = {},
): ProposedGroup[] {
  const settings: AggregationOptions = { ...defaultAggregationOptions, ...options };
  const prepared = prepareNeeds(input, prices, settings);
  const { needs } = prepared;
  const ctx: GroupingContext = {
    needs,
    pairRules: categoryPairRules(prepared.categories),
    neighbours: createNeighbourIndex(prepared),
    assigned: new Uint8Array(needs.length),
    visitedBy: new Int32Array(needs.length).fill(-1),
    options: settings,
  };

  const groups: ProposedGroup[] = [];
  for (let seed = 0; seed < needs.length; seed++) {
    if (ctx.assigned[seed]) continue;
    const chosen = fairestStep(growGroup(seed, ctx), needs, prices, settings);
    if (chosen === null) continue;
    for (const member of chosen.step.members) ctx.assigned[member] = 1;
    groups.push(toProposedGroup(chosen.step, chosen.split, needs));
  }
  return groups;
}

/** The largest step of the growth that has enough families and is fair to everyone in it. */
function fairestStep(
  steps: readonly GrowthStep[],
  needs: readonly PreparedNeed[],
  prices: HourlyPriceTable,
  settings: AggregationOptions,
): { step: GrowthStep; split: CostSplit } | null {
  for (let i = steps.length - 1; i >= 1; i--) {
    const step = steps[i]!;
    const members = step.members.map((m) => needs[m]!.need);
    const rules = rulesFor(members.map((m) => m.categorySlug));
    if (rules === null || members.length < rules.minFamilies) continue;
    const split = splitCost(
      members.map((m) => ({ needId: m.id, familyId: m.familyId, categorySlug: m.categorySlug, persons: m.persons })),
      weeklyMinutes(step.windows),
      prices,
      settings.extraFamilySurchargeBasisPoints,
    );
    if (split && isFairForEveryone(split, new Map(members.map((m) => [m.id, m.budgetCentsPerHour])))) return { step, split };
  }
  return null;
}

function toProposedGroup(step: GrowthStep, split: CostSplit, needs: readonly PreparedNeed[]): ProposedGroup {
  const members = step.members.map((m) => needs[m]!.need).sort((a, b) => (a.id < b.id ? -1 : 1));
  const meeting = meetingMember(members);
  let maxDistance = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) maxDistance = Math.max(maxDistance, haversineMetres(members[i]!, members[j]!));
  }
  const condominium = members[0]!.condominiumId;
  const sameCondominium = condominium !== null && members.every((m) => m.condominiumId === condominium);
  const quartiereId = commonestQuartiere(members, meeting.quartiereId);
  const needIds = members.map((m) => m.id);
  const meetingPoint: MeetingPoint = { lat: meeting.lat, lng: meeting.lng, condominiumId: meeting.condominiumId };
  return {
    key: groupKey(needIds),
    categorySlug: split.categorySlug,
    needIds,
    familyIds: members.map((m) => m.familyId),
    sharedWindows: step.windows,
    weeklySharedMinutes: weeklyMinutes(step.windows),
    meetingPoint,
    quartiereId,
    hourlyTotalCents: split.hourlyTotalCents,
    weeklyTotalCents: split.weeklyTotalCents,
    shares: split.shares,
    explanation: explainGroup({ split, sharedWindows: step.windows, quartiereId, sameCondominium, maxDistanceMeters: maxDistance }),
  };
}

/** The service takes place at the member nearest the group's centre (ties: smallest need id; members come sorted). */
function meetingMember(members: readonly AggregationNeed[]): AggregationNeed {
  const centre = centroidOf(members);
  let best = members[0]!;
  let bestDistance = haversineMetres(best, centre);
  for (const m of members.slice(1)) {
    const distance = haversineMetres(m, centre);
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

/** The most common quartiere; on a tie the meeting place's, otherwise the smallest id. */
function commonestQuartiere(members: readonly AggregationNeed[], meetingQuartiere: number): number {
  const counts = new Map<number, number>();
  for (const m of members) counts.set(m.quartiereId, (counts.get(m.quartiereId) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const tied = [...counts].filter(([, n]) => n === top).map(([id]) => id);
  return tied.includes(meetingQuartiere) ? meetingQuartiere : Math.min(...tied);
}
