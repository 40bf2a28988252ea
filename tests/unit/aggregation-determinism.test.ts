import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateNeeds } from "../../app/domain/sharing/aggregation/aggregate-needs";
import { haversineMetres } from "../../app/domain/sharing/aggregation/geo";
import { groupKey } from "../../app/domain/sharing/aggregation/group-key";
import { CARER_CAPACITY, childLoadOf, rulesFor } from "../../app/domain/sharing/aggregation/group-rules";
import { intersectWindows, normalizeWindows, weeklyMinutes } from "../../app/domain/sharing/aggregation/time-windows";
import type { AggregationNeed } from "../../app/domain/sharing/aggregation/types";
import { at, hm, need, on, prices } from "./aggregation-fixtures";

const windowPatterns = [
  on([1, 2, 3, 4, 5], hm(16, 30), hm(18, 30)),
  on([1, 3, 5], hm(16), hm(19)),
  on([2, 4], hm(15), hm(17)),
  on([1, 2], hm(17, 30), hm(20)),
  on([6], hm(9), hm(13)),
  on([1, 2, 3], hm(8), hm(12)),
];
const categories = ["babysitter", "doposcuola", "badante", "colf", "pet-sitter"];

/** Random needs packed into about 1.2 km², so that many of them can be grouped. */
const needsArbitrary = fc
  .array(
    fc.record({
      family: fc.integer({ min: 0, max: 40 }),
      category: fc.constantFrom(...categories),
      east: fc.integer({ min: -600, max: 600 }),
      north: fc.integer({ min: -500, max: 500 }),
      walk: fc.constantFrom(200, 400, 800, 1200),
      condominium: fc.option(fc.constantFrom("c1", "c2", "c3"), { freq: 3 }),
      windows: fc.subarray(windowPatterns, { minLength: 1, maxLength: 2 }),
      ages: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 3 }),
      budget: fc.option(fc.integer({ min: 400, max: 1500 }), { freq: 3 }),
      open: fc.boolean(),
      quartiere: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 10, maxLength: 60, size: "max" },
  )
  .map((rows) =>
    rows.map((r, i): AggregationNeed => {
      const childcare = r.category === "babysitter" || r.category === "doposcuola";
      return need(`need-${String(i).padStart(3, "0")}`, {
        familyId: `family-${r.family}`,
        categorySlug: r.category,
        ...at(r.east, r.north),
        maxWalkMeters: r.walk,
        condominiumId: r.condominium,
        windows: r.windows.flat(),
        children: childcare ? r.ages.map((ageYears) => ({ ageYears })) : undefined,
        persons: childcare ? r.ages.length : 1,
        budgetCentsPerHour: r.budget,
        openToSharing: r.open,
        quartiereId: r.quartiere,
      });
    }),
  );

describe("aggregation: determinism and invariants", () => {
  it("gives identical output for the same needs in any order", () => {
    fc.assert(
      fc.property(needsArbitrary, fc.infiniteStream(fc.integer()), (needs, randoms) => {
        const shuffled = needs.map((n) => ({ n, r: randoms.next().value })).sort((a, b) => a.r - b.r).map((x) => x.n);
        expect(aggregateNeeds(shuffled, prices)).toEqual(aggregateNeeds(needs, prices));
      }),
      { numRuns: 60 },
    );
  });

  it("derives the group key from the member ids alone, whatever their order", () => {
    expect(groupKey(["b", "a", "c"])).toBe(groupKey(["c", "b", "a"]));
    expect(groupKey(["a", "b"])).not.toBe(groupKey(["a", "c"]));
    expect(groupKey(["a", "b"])).toMatch(/^g[0-9a-f]{28}$/);
  });

  it("only proposes groups that keep every rule: sharing, time, place, size, ages, family, and exact split", () => {
    let grouped = 0;
    fc.assert(
      fc.property(needsArbitrary, (needs) => {
        const byId = new Map(needs.map((n) => [n.id, n]));
        const used = new Set<string>();
        for (const g of aggregateNeeds(needs, prices)) {
          const members = g.needIds.map((id) => byId.get(id)!);
          const rules = rulesFor(members.map((m) => m.categorySlug))!;
          expect(rules).not.toBeNull();
          expect(members.length).toBeGreaterThanOrEqual(rules.minFamilies);
          expect(members.length).toBeLessThanOrEqual(rules.maxFamilies);
          if (rules.maxPersons !== null) expect(members.reduce((s, m) => s + m.persons, 0)).toBeLessThanOrEqual(rules.maxPersons);
          if (rules.childcare) expect(members.reduce((s, m) => s + childLoadOf(m), 0)).toBeLessThanOrEqual(CARER_CAPACITY);
          expect(new Set(g.familyIds).size).toBe(members.length);
          for (const m of members) {
            expect(m.openToSharing).toBe(true);
            expect(used.has(m.id)).toBe(false);
            used.add(m.id);
          }
          for (let i = 0; i < members.length; i++) {
            for (let j = i + 1; j < members.length; j++) {
              const [a, b] = [members[i]!, members[j]!];
              if (a.condominiumId === null || a.condominiumId !== b.condominiumId) {
                expect(haversineMetres(a, b)).toBeLessThanOrEqual(Math.min(a.maxWalkMeters, b.maxWalkMeters));
              }
            }
          }
          const common = members.map((m) => normalizeWindows(m.windows)).reduce((acc, w) => intersectWindows(acc, w, 60));
          expect(g.sharedWindows).toEqual(common);
          expect(g.weeklySharedMinutes).toBe(weeklyMinutes(common));
          expect(g.weeklySharedMinutes).toBeGreaterThanOrEqual(60);
          expect(g.shares.reduce((s, x) => s + x.hourlyCents, 0)).toBe(g.hourlyTotalCents);
          expect(g.shares.reduce((s, x) => s + x.weeklyCents, 0)).toBe(g.weeklyTotalCents);
          for (const s of g.shares) {
            expect(s.savingHourlyCents).toBeGreaterThan(0);
            const budget = byId.get(s.needId)!.budgetCentsPerHour;
            if (budget !== null) expect(s.hourlyCents).toBeLessThanOrEqual(budget);
          }
          expect(g.needIds).toEqual([...g.needIds].sort());
          expect(g.key).toBe(groupKey(g.needIds));
          grouped += members.length;
        }
      }),
      { numRuns: 150 },
    );
    // The generated needs are dense enough that the checks above ran on many real groups.
    expect(grouped).toBeGreaterThan(300);
  });

  it("rejects two needs with the same id, since the output refers to needs by id", () => {
    expect(() => aggregateNeeds([need("a"), need("a")], prices)).toThrow(/duplicate need id a/);
  });

  it("explains a proposal with structured data only, for the interface to put into words", () => {
    const [group] = aggregateNeeds([need("a", { quartiereId: 7 }), need("b", { ...at(200), quartiereId: 7 }), need("c", { ...at(100), quartiereId: 8 })], prices);
    expect(group!.explanation).toEqual({
      categorySlug: "babysitter",
      memberCategories: ["babysitter"],
      families: 3,
      persons: 3,
      quartiereId: 7,
      sameCondominium: false,
      maxDistanceMeters: 200,
      weekdays: [1, 2, 3, 4, 5],
      startMinute: hm(16, 30),
      endMinute: hm(18, 30),
      schedule: [{ weekdays: [1, 2, 3, 4, 5], startMinute: hm(16, 30), endMinute: hm(18, 30) }],
      weeklySharedMinutes: 600,
      hourlyTotalCents: 1680,
      individualHourlyCents: 1200,
      shareHourlyCentsPerPlace: 560,
    });
    const strings = Object.values(group!.explanation).filter((v) => typeof v === "string");
    expect(strings).toEqual(["babysitter"]);
  });
});
