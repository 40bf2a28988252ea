import { describe, expect, it } from "vitest";
import { categorySlugs } from "../../db/seed/catalogue";
import { aggregateNeeds } from "../../app/domain/sharing/aggregation/aggregate-needs";
import { compatibleCategoryPairs, serviceCategoryFor } from "../../app/domain/sharing/aggregation/category-compatibility";
import { CARER_CAPACITY, childLoadOf, groupRulesByCategory } from "../../app/domain/sharing/aggregation/group-rules";
import type { AggregationNeed } from "../../app/domain/sharing/aggregation/types";
import { at, need, prices } from "./aggregation-fixtures";

const ids = (count: number) => Array.from({ length: count }, (_, i) => `n${String(i).padStart(2, "0")}`);
const toddlers = (count: number) => Array.from({ length: count }, () => ({ ageYears: 1 }));

describe("aggregation: group rules", () => {
  it("has rules for every catalogue category and compatible pairs made of catalogue slugs", () => {
    expect(Object.keys(groupRulesByCategory).sort()).toEqual([...categorySlugs].sort());
    for (const rules of Object.values(groupRulesByCategory)) {
      expect(rules.minFamilies).toBe(2);
      expect(rules.maxFamilies).toBeGreaterThanOrEqual(rules.minFamilies);
    }
    for (const pair of compatibleCategoryPairs) {
      expect(categorySlugs).toContain(pair.categories[0]);
      expect(categorySlugs).toContain(pair.categories[1]);
      expect(pair.categories).toContain(pair.sharedAs);
    }
  });

  it.each([
    ["babysitter", 3],
    ["doposcuola", 6],
    ["badante", 2],
    ["colf", 3],
    ["pet-sitter", 4],
    ["assistenza-disabili", 2],
  ])("never proposes more %s families than the category allows (%i)", (categorySlug, cap) => {
    const children = categorySlug === "babysitter" || categorySlug === "doposcuola" ? [{ ageYears: 9 }] : undefined;
    const needs = ids(2 * cap + 1).map((id) => need(id, { categorySlug, children }));
    const groups = aggregateNeeds(needs, prices);
    expect(groups.map((g) => g.needIds.length)).toEqual([cap, cap]);
    expect(groups.every((g) => g.categorySlug === categorySlug)).toBe(true);
  });

  it("splits four toddlers under 3 so that no group has more than three", () => {
    // Babysitting: one family with two toddlers and two families with one (three families fit the size cap).
    const babysitting = aggregateNeeds(
      [need("a", { children: toddlers(2), persons: 2 }), need("b", { children: toddlers(1) }), need("c", { children: toddlers(1) })],
      prices,
    );
    const toddlersIn = (needIds: string[], all: AggregationNeed[]) => needIds.reduce((n, id) => n + all.find((x) => x.id === id)!.children!.length, 0);
    expect(babysitting).toHaveLength(1);
    expect(babysitting[0]!.needIds).toEqual(["a", "b"]);

    // Doposcuola allows six families, but six single toddlers need two carers.
    const six = ids(6).map((id) => need(id, { categorySlug: "doposcuola", children: toddlers(1) }));
    const groups = aggregateNeeds(six, prices);
    expect(groups.map((g) => g.needIds.length)).toEqual([3, 3]);
    for (const g of groups) expect(toddlersIn(g.needIds, six)).toBeLessThanOrEqual(3);
  });

  it("lets one carer take a toddler and five school children, but not two toddlers and three", () => {
    expect(CARER_CAPACITY).toBe(120);
    const school = (id: string, n: number) => need(id, { categorySlug: "doposcuola", children: Array.from({ length: n }, () => ({ ageYears: 8 })), persons: n });
    // 40 + 45 + 30 units: within one carer's 120.
    const fits = aggregateNeeds([need("a", { categorySlug: "doposcuola", children: toddlers(1) }), school("b", 3), school("c", 2)], prices);
    expect(fits.map((g) => g.needIds)).toEqual([["a", "b", "c"]]);
    // 80 + 45 units: over.
    const tooMany = aggregateNeeds([need("a", { categorySlug: "doposcuola", children: toddlers(2), persons: 2 }), school("b", 3)], prices);
    expect(tooMany).toEqual([]);
  });

  it("counts children without a stated age as the youngest, the strictest ratio", () => {
    expect(childLoadOf({ persons: 2, children: undefined })).toBe(80);
    expect(childLoadOf({ persons: 2, children: [{ ageYears: 9 }] })).toBe(15 + 40);
    const groups = aggregateNeeds([need("a", { children: undefined, persons: 2 }), need("b", { children: undefined, persons: 2 })], prices);
    expect(groups).toEqual([]);
  });

  it("gives a badante at most two persons to care for", () => {
    const badante = { categorySlug: "badante", children: undefined };
    expect(aggregateNeeds([need("a", { ...badante, persons: 2 }), need("b", badante)], prices)).toEqual([]);
    expect(aggregateNeeds([need("a", badante), need("b", badante)], prices).map((g) => g.needIds)).toEqual([["a", "b"]]);
  });

  it("never puts two needs of the same family in one group", () => {
    const groups = aggregateNeeds([need("a", { familyId: "rossi" }), need("b", { familyId: "rossi" }), need("c", { familyId: "bianchi" })], prices);
    expect(groups).toHaveLength(1);
    expect(new Set(groups[0]!.familyIds)).toEqual(new Set(["rossi", "bianchi"]));
  });

  it("never mixes incompatible categories", () => {
    expect(serviceCategoryFor(["babysitter", "colf"])).toBeNull();
    const mixed = [
      need("a", { categorySlug: "babysitter" }),
      need("b", { categorySlug: "colf", children: undefined }),
      need("c", { categorySlug: "badante", children: undefined }),
      need("d", { categorySlug: "pet-sitter", children: undefined }),
      need("e", { categorySlug: "assistenza-disabili", children: undefined }),
    ];
    expect(aggregateNeeds(mixed, prices)).toEqual([]);
  });

  it("groups a babysitter need with a doposcuola need as one shared after-school (doposcuola)", () => {
    const groups = aggregateNeeds([need("a", { categorySlug: "babysitter" }), need("b", { categorySlug: "doposcuola" })], prices);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.categorySlug).toBe("doposcuola");
    expect(groups[0]!.explanation.memberCategories).toEqual(["babysitter", "doposcuola"]);
    // Each family's saving is measured against its own category's individual price.
    expect(groups[0]!.shares.map((s) => [s.needId, s.individualHourlyCents])).toEqual([
      ["a", 1200],
      ["b", 1700],
    ]);
    // A mixed group keeps the stricter size cap (babysitter: 3).
    const many = aggregateNeeds([...ids(3).map((id) => need(id)), ...ids(3).map((id) => need(`d${id}`, { categorySlug: "doposcuola" }))], prices);
    for (const g of many) if (g.explanation.memberCategories.length === 2) expect(g.needIds.length).toBeLessThanOrEqual(3);
  });

  it("leaves out needs not open to sharing, even where they would fit perfectly", () => {
    const groups = aggregateNeeds([need("a"), need("b", { openToSharing: false }), need("c"), need("d", { openToSharing: false })], prices);
    expect(groups.map((g) => g.needIds)).toEqual([["a", "c"]]);
  });

  it("does not propose a group in which someone would pay above their budget, and falls back to a smaller group that fits", () => {
    // Alone 1200/h; a pair pays 720 each, a trio 560 each.
    expect(aggregateNeeds([need("a", { budgetCentsPerHour: 700 }), need("b")], prices)).toEqual([]);
    const trio = aggregateNeeds([need("a", { budgetCentsPerHour: 600 }), need("b"), need("c")], prices);
    expect(trio.map((g) => g.needIds)).toEqual([["a", "b", "c"]]);
    expect(trio[0]!.shares.every((s) => s.hourlyCents === 560)).toBe(true);
    // The trio a+b+c (b with two children) costs c 420/h, above its 400: the greedy's earlier step, the pair a+b, is proposed.
    const fallback = aggregateNeeds([need("a"), need("b", { persons: 2, children: [{ ageYears: 8 }, { ageYears: 9 }] }), need("c", { ...at(100), budgetCentsPerHour: 400 })], prices);
    expect(fallback.map((g) => g.needIds)).toEqual([["a", "b"]]);
    expect(fallback[0]!.shares.map((s) => s.hourlyCents)).toEqual([480, 960]);
  });

  it("does not propose a group in which someone would pay as much as going alone", () => {
    // One family with six school children and one with one child: 1440/h split 6:1 leaves the large family at 1234 > 1200.
    const groups = aggregateNeeds([need("a", { persons: 6, children: Array.from({ length: 6 }, () => ({ ageYears: 9 })) }), need("b")], prices);
    expect(groups).toEqual([]);
  });

  it("leaves out needs whose category has no price to split", () => {
    const { colf: _colf, ...withoutColf } = prices;
    const colf = { categorySlug: "colf", children: undefined };
    expect(aggregateNeeds([need("a", colf), need("b", colf)], withoutColf)).toEqual([]);
    expect(aggregateNeeds([need("a", colf), need("b", colf)], prices)).toHaveLength(1);
  });
});
