import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateNeeds } from "../../app/domain/sharing/aggregation/aggregate-needs";
import { centsForMinutes, groupHourlyCents, largestRemainderSplit, recomputeSplit, splitCost } from "../../app/domain/sharing/aggregation/cost-split";
import { need, prices } from "./aggregation-fixtures";

const members = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), weight: fc.integer({ min: 1, max: 6 }) }), {
  minLength: 1,
  maxLength: 8,
  selector: (p) => p.id,
});

describe("aggregation: cost split", () => {
  it("prices the shared service at the individual price plus 20% per extra family", () => {
    expect(groupHourlyCents(1200, 1, 2000)).toBe(1200);
    expect(groupHourlyCents(1200, 2, 2000)).toBe(1440);
    expect(groupHourlyCents(1200, 3, 2000)).toBe(1680);
    expect(groupHourlyCents(1050, 2, 2500)).toBe(1313);
  });

  it("always splits the total into shares that add up to it exactly, in cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), members, (total, parts) => {
        const shares = largestRemainderSplit(total, parts);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(shares.every((s) => Number.isInteger(s) && s >= 0)).toBe(true);
      }),
    );
  });

  it("keeps every share within one cent of its exact part by persons", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), members, (total, parts) => {
        const weightSum = parts.reduce((sum, p) => sum + p.weight, 0);
        largestRemainderSplit(total, parts).forEach((share, i) => {
          const exact = (total * parts[i]!.weight) / weightSum;
          expect(share).toBeGreaterThanOrEqual(Math.floor(exact));
          expect(share).toBeLessThanOrEqual(Math.ceil(exact));
        });
      }),
    );
  });

  it("gives each member the same share whatever order the members come in", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), members, fc.integer(), (total, parts, seed) => {
        const shuffled = [...parts].sort((a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 31 + seed) % 7) || (a.id < b.id ? 1 : -1));
        const byId = (list: typeof parts) => {
          const shares = largestRemainderSplit(total, list);
          return Object.fromEntries(list.map((p, i) => [p.id, shares[i]]));
        };
        expect(byId(shuffled)).toEqual(byId(parts));
      }),
    );
  });

  it("gives the leftover cents to the largest remainders, ties to the smaller need id", () => {
    expect(largestRemainderSplit(100, [{ id: "c", weight: 1 }, { id: "a", weight: 1 }, { id: "b", weight: 1 }])).toEqual([33, 34, 33]);
    expect(largestRemainderSplit(101, [{ id: "x", weight: 2 }, { id: "y", weight: 1 }])).toEqual([67, 34]);
  });

  it("charges a family with two children for two places", () => {
    const split = splitCost(
      [
        { needId: "a", familyId: "rossi", categorySlug: "babysitter", persons: 2 },
        { needId: "b", familyId: "bianchi", categorySlug: "babysitter", persons: 1 },
      ],
      600,
      prices,
    )!;
    expect(split.hourlyTotalCents).toBe(1440);
    expect(split.shares.map((s) => s.hourlyCents)).toEqual([960, 480]);
    expect(split.weeklyTotalCents).toBe(14_400);
    expect(split.shares.map((s) => s.weeklyCents)).toEqual([9_600, 4_800]);
    expect(split.shares.map((s) => [s.savingHourlyCents, s.savingWeeklyCents])).toEqual([
      [240, 2_400],
      [720, 7_200],
    ]);
  });

  it("splits hourly and weekly prices exactly for any prices, persons and schedule", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 60, max: 7 * 1440 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 6 }),
        (price, surcharge, minutes, persons) => {
          const split = splitCost(
            persons.map((p, i) => ({ needId: `n${i}`, familyId: `f${i}`, categorySlug: "colf", persons: p })),
            minutes,
            { colf: price },
            surcharge,
          )!;
          expect(split.hourlyTotalCents).toBe(groupHourlyCents(price, persons.length, surcharge));
          expect(split.weeklyTotalCents).toBe(centsForMinutes(split.hourlyTotalCents, minutes));
          expect(split.shares.reduce((sum, s) => sum + s.hourlyCents, 0)).toBe(split.hourlyTotalCents);
          expect(split.shares.reduce((sum, s) => sum + s.weeklyCents, 0)).toBe(split.weeklyTotalCents);
          for (const s of split.shares) expect(s.savingHourlyCents).toBe(price - s.hourlyCents);
        },
      ),
    );
  });
});

describe("aggregation: a member leaves", () => {
  const [trio] = aggregateNeeds([need("a"), need("b", { persons: 2, children: [{ ageYears: 4 }, { ageYears: 7 }] }), need("c")], prices);

  it("recomputes the split among those who stay, still adding up to the new total", () => {
    expect(trio!.hourlyTotalCents).toBe(1680);
    const after = recomputeSplit(trio!, ["a", "b"], prices)!;
    expect(after.hourlyTotalCents).toBe(1440);
    expect(after.shares.map((s) => [s.needId, s.hourlyCents])).toEqual([
      ["a", 480],
      ["b", 960],
    ]);
    expect(after.weeklyTotalCents).toBe(centsForMinutes(1440, trio!.weeklySharedMinutes));
    expect(after.shares.reduce((sum, s) => sum + s.weeklyCents, 0)).toBe(after.weeklyTotalCents);
  });

  it("returns null when fewer than two families remain", () => {
    expect(recomputeSplit(trio!, ["c"], prices)).toBeNull();
    expect(recomputeSplit(trio!, [], prices)).toBeNull();
  });

  it("rejects need ids that are not members of the group", () => {
    expect(() => recomputeSplit(trio!, ["a", "z"], prices)).toThrow(RangeError);
  });

  it("turns a mixed after-school into a babysitter group when the last doposcuola need leaves", () => {
    const [mixed] = aggregateNeeds([need("a"), need("b"), need("c", { categorySlug: "doposcuola" })], prices);
    expect(mixed!.categorySlug).toBe("doposcuola");
    const after = recomputeSplit(mixed!, ["a", "b"], prices)!;
    expect(after.categorySlug).toBe("babysitter");
    expect(after.hourlyTotalCents).toBe(1440);
  });
});
