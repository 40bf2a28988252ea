import { scheduleSlots, weeklyMinutes } from "./time-windows";
import type { CostSplit, GroupExplanation, WeeklyWindow } from "./types";

export interface ExplanationInput {
  split: CostSplit;
  sharedWindows: readonly WeeklyWindow[];
  quartiereId: number;
  sameCondominium: boolean;
  maxDistanceMeters: number;
}

/** The structured "why" of a proposal; no sentences here, the UI words it in the reader's language. */
export function explainGroup({ split, sharedWindows, quartiereId, sameCondominium, maxDistanceMeters }: ExplanationInput): GroupExplanation {
  const schedule = scheduleSlots(sharedWindows);
  const main = schedule[0] ?? { weekdays: [], startMinute: 0, endMinute: 0 };
  const persons = split.shares.reduce((sum, s) => sum + s.persons, 0);
  const serviceShare = split.shares.find((s) => s.categorySlug === split.categorySlug);
  return {
    categorySlug: split.categorySlug,
    memberCategories: [...new Set(split.shares.map((s) => s.categorySlug))].sort(),
    families: split.shares.length,
    persons,
    quartiereId,
    sameCondominium,
    maxDistanceMeters: Math.round(maxDistanceMeters),
    weekdays: main.weekdays,
    startMinute: main.startMinute,
    endMinute: main.endMinute,
    schedule,
    weeklySharedMinutes: weeklyMinutes(sharedWindows),
    hourlyTotalCents: split.hourlyTotalCents,
    individualHourlyCents: serviceShare?.individualHourlyCents ?? split.shares[0]!.individualHourlyCents,
    shareHourlyCentsPerPlace: Math.round(split.hourlyTotalCents / persons),
  };
}
