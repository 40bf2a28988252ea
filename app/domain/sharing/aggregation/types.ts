/**
 * Shapes of the shared-service aggregation engine: plain data in, plain data out. The engine is
 * pure (no database, no clock, no randomness), so the same needs always give the same groups.
 */

/** A recurring weekly block in local time: ISO weekday 1 = Monday … 7 = Sunday, minutes after midnight. */
export interface WeeklyWindow {
  weekday: number;
  startMinute: number;
  /** Exclusive; at most 1440. */
  endMinute: number;
}

export interface ChildInCare {
  ageYears: number;
}

/** An open need as the engine sees it (the caller selects open needs; the engine keeps only those open to sharing). */
export interface AggregationNeed {
  id: string;
  familyId: string;
  categorySlug: string;
  quartiereId: number;
  condominiumId: string | null;
  lat: number;
  lng: number;
  maxWalkMeters: number;
  windows: WeeklyWindow[];
  /** For childcare: one entry per child. Missing ages count as the youngest band (the strictest ratio). */
  children?: ChildInCare[];
  /** People (or, for pet-sitting, animals) to be cared for; at least 1. Shares are weighted by it. */
  persons: number;
  budgetCentsPerHour: number | null;
  /** Needs not open to sharing are never grouped: the engine drops them itself. */
  openToSharing: boolean;
}

/** Typical individual hourly price by category slug, in integer cents (e.g. the median of verified providers). */
export type HourlyPriceTable = Readonly<Record<string, number | undefined>>;

export interface AggregationOptions {
  /** Two needs are compatible in time only if they overlap by at least this much on one weekday; also the shortest useful shared slot. */
  minSharedMinutes: number;
  /** Price rise of the shared service per family beyond the first, in basis points of the individual price (2000 = +20%). */
  extraFamilySurchargeBasisPoints: number;
  /** Side of the grid cells used to find neighbours. */
  cellSizeMeters: number;
  /** Walking limits above this are treated as this (a need saying "10 km" is not about walking). */
  maxWalkCapMeters: number;
  /** How many of a seed's nearest, best-overlapping neighbours the greedy step considers. */
  candidateLimit: number;
  /**
   * The shared schedule must cover at least this share of each member's own weekly time: a family
   * asking for help Monday to Friday is not offered a group that only shares Wednesday.
   */
  minOwnTimeCoverage: number;
}

export const defaultAggregationOptions: Readonly<AggregationOptions> = {
  minSharedMinutes: 60,
  extraFamilySurchargeBasisPoints: 2000,
  cellSizeMeters: 500,
  maxWalkCapMeters: 3000,
  candidateLimit: 64,
  minOwnTimeCoverage: 0.5,
};

export interface MeetingPoint {
  lat: number;
  lng: number;
  condominiumId: string | null;
}

export interface MemberShare {
  needId: string;
  familyId: string;
  categorySlug: string;
  persons: number;
  hourlyCents: number;
  /** What this need would cost alone per hour (the individual price of its own category). */
  individualHourlyCents: number;
  savingHourlyCents: number;
  weeklyCents: number;
  savingWeeklyCents: number;
}

/** A group's price and its split; shares always add up exactly to the totals. */
export interface CostSplit {
  categorySlug: string;
  hourlyTotalCents: number;
  weeklyTotalCents: number;
  shares: MemberShare[];
}

export interface ScheduleSlot {
  weekdays: number[];
  startMinute: number;
  endMinute: number;
}

/** Structured reasons for a proposal; the UI turns them into sentences in the reader's language. */
export interface GroupExplanation {
  categorySlug: string;
  /** Distinct categories of the members (two for a mixed group, e.g. babysitter + doposcuola). */
  memberCategories: string[];
  families: number;
  persons: number;
  quartiereId: number;
  sameCondominium: boolean;
  /** Largest distance between two members, rounded to metres. */
  maxDistanceMeters: number;
  /** The main slot: the hours shared on the most weekdays. */
  weekdays: number[];
  startMinute: number;
  endMinute: number;
  /** Every shared slot, grouped by identical hours. */
  schedule: ScheduleSlot[];
  weeklySharedMinutes: number;
  hourlyTotalCents: number;
  individualHourlyCents: number;
  /** About what one place (one child, one person) costs per hour; a member pays this times its persons, ±1 cent. */
  shareHourlyCentsPerPlace: number;
}

export interface ProposedGroup {
  /** Stable id derived from the sorted need ids. */
  key: string;
  categorySlug: string;
  /** Ascending; familyIds and shares follow the same order. */
  needIds: string[];
  familyIds: string[];
  sharedWindows: WeeklyWindow[];
  weeklySharedMinutes: number;
  meetingPoint: MeetingPoint;
  quartiereId: number;
  hourlyTotalCents: number;
  weeklyTotalCents: number;
  shares: MemberShare[];
  explanation: GroupExplanation;
}
