import type { CategorySlug } from "../../../../db/seed/catalogue";
import type { AggregationNeed } from "./types";

export interface CategoryRules {
  minFamilies: number;
  maxFamilies: number;
  /** Most people (or animals) one carer looks after in the group; null: no limit beyond the families. */
  maxPersons: number | null;
  /** Children's ages limit the group (see childrenPerCarerByAge). */
  childcare: boolean;
  /** Only households of the same condominium may share (a service bought by the building). */
  sameCondominiumOnly: boolean;
}

/** The group rules per category, all in one place. There is one carer per group. */
export const groupRulesByCategory: Readonly<Record<CategorySlug, CategoryRules>> = {
  babysitter: { minFamilies: 2, maxFamilies: 3, maxPersons: null, childcare: true, sameCondominiumOnly: false },
  doposcuola: { minFamilies: 2, maxFamilies: 6, maxPersons: null, childcare: true, sameCondominiumOnly: false },
  badante: { minFamilies: 2, maxFamilies: 2, maxPersons: 2, childcare: false, sameCondominiumOnly: false },
  colf: { minFamilies: 2, maxFamilies: 3, maxPersons: null, childcare: false, sameCondominiumOnly: false },
  // persons counts animals here: one sitter walks at most six.
  "pet-sitter": { minFamilies: 2, maxFamilies: 4, maxPersons: 6, childcare: false, sameCondominiumOnly: false },
  "assistenza-disabili": { minFamilies: 2, maxFamilies: 2, maxPersons: 2, childcare: false, sameCondominiumOnly: false },
  "servizio-condominiale": { minFamilies: 2, maxFamilies: 20, maxPersons: null, childcare: false, sameCondominiumOnly: true },
};

/** Children one carer may look after, by age band (ascending). A mixed group uses fractions of a carer, see childLoadOf. */
export const childrenPerCarerByAge: ReadonlyArray<{ underYears: number; perCarer: number }> = [
  { underYears: 3, perCarer: 3 },
  { underYears: 6, perCarer: 5 },
  { underYears: Infinity, perCarer: 8 },
];

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * One carer's capacity in integer units: a child of a band with n children per carer uses
 * CARER_CAPACITY / n units (40 for a toddler, 24 for a preschooler, 15 for a school child), so
 * three toddlers, or five preschoolers, or one toddler and five school children fill one carer
 * exactly, without floating-point error.
 */
export const CARER_CAPACITY = childrenPerCarerByAge.reduce((lcm, band) => (lcm * band.perCarer) / gcd(lcm, band.perCarer), 1);

export function childUnits(ageYears: number): number {
  const band = childrenPerCarerByAge.find((b) => ageYears < b.underYears) ?? childrenPerCarerByAge[childrenPerCarerByAge.length - 1]!;
  return CARER_CAPACITY / band.perCarer;
}

/** The share of one carer a need's children use; children without a stated age count as the youngest band. */
export function childLoadOf(need: Pick<AggregationNeed, "children" | "persons">): number {
  const children = need.children ?? [];
  const strictest = CARER_CAPACITY / childrenPerCarerByAge[0]!.perCarer;
  const unknown = Math.max(0, need.persons - children.length);
  return children.reduce((sum, child) => sum + childUnits(child.ageYears), 0) + unknown * strictest;
}

/** The strictest rules of the member categories, or null when one of them has no rules (it is not shared). */
export function rulesFor(categories: Iterable<string>): CategoryRules | null {
  let combined: CategoryRules | null = null;
  for (const category of new Set(categories)) {
    const rules = (groupRulesByCategory as Record<string, CategoryRules | undefined>)[category];
    if (!rules) return null;
    combined = combined
      ? {
          minFamilies: Math.max(combined.minFamilies, rules.minFamilies),
          maxFamilies: Math.min(combined.maxFamilies, rules.maxFamilies),
          maxPersons: combined.maxPersons === null ? rules.maxPersons : rules.maxPersons === null ? combined.maxPersons : Math.min(combined.maxPersons, rules.maxPersons),
          childcare: combined.childcare || rules.childcare,
          sameCondominiumOnly: combined.sameCondominiumOnly || rules.sameCondominiumOnly,
        }
      : rules;
  }
  return combined;
}

export interface GroupTally {
  families: number;
  persons: number;
  childLoad: number;
}

/** The size, persons and age limits (everything but place and time, which are checked per pair). */
export function withinLimits(rules: CategoryRules, tally: GroupTally): boolean {
  if (tally.families > rules.maxFamilies) return false;
  if (rules.maxPersons !== null && tally.persons > rules.maxPersons) return false;
  if (rules.childcare && tally.childLoad > CARER_CAPACITY) return false;
  return true;
}
