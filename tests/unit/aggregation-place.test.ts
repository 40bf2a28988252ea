import { describe, expect, it } from "vitest";
import { aggregateNeeds } from "../../app/domain/sharing/aggregation/aggregate-needs";
import { haversineMetres } from "../../app/domain/sharing/aggregation/geo";
import { at, need, prices } from "./aggregation-fixtures";

describe("aggregation: walking distance and place", () => {
  it("does not group a pair 500 m apart when one of them walks at most 400 m", () => {
    const a = need("a", { ...at(0), maxWalkMeters: 1000 });
    const b = need("b", { ...at(500), maxWalkMeters: 400 });
    expect(haversineMetres(a, b)).toBeCloseTo(500, 0);
    expect(aggregateNeeds([a, b], prices)).toEqual([]);
    // Both willing to walk 500 m: now they are neighbours.
    expect(aggregateNeeds([a, { ...b, maxWalkMeters: 500 }], prices).map((g) => g.needIds)).toEqual([["a", "b"]]);
  });

  it("groups households of the same condominium whatever their walking limit or recorded coordinates", () => {
    const groups = aggregateNeeds(
      [
        need("a", { ...at(0), maxWalkMeters: 0, condominiumId: "via-padova-12" }),
        need("b", { ...at(700), maxWalkMeters: 0, condominiumId: "via-padova-12" }),
        need("c", { ...at(5), maxWalkMeters: 0, condominiumId: "viale-monza-3" }),
      ],
      prices,
    );
    expect(groups.map((g) => g.needIds)).toEqual([["a", "b"]]);
    expect(groups[0]!.meetingPoint.condominiumId).toBe("via-padova-12");
    expect(groups[0]!.explanation.sameCondominium).toBe(true);
  });

  it("requires every member to be within walking distance of every other, not only of the first", () => {
    // b and c are each 600 m from a but 1200 m from each other.
    const groups = aggregateNeeds([need("a", at(0)), need("b", at(600)), need("c", at(-600))], prices);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.needIds).toHaveLength(2);
    expect(groups[0]!.needIds).toContain("a");
  });

  it("finds neighbours several grid cells away, in every direction, whatever the cell size", () => {
    const needs = [need("a", at(0, 0)), need("b", at(-560, -560))];
    for (const cellSizeMeters of [50, 130, 500, 2000]) {
      expect(aggregateNeeds(needs, prices, { cellSizeMeters }).map((g) => g.needIds)).toEqual([["a", "b"]]);
    }
  });

  it("offers a service for a whole building only to households of that building", () => {
    const service = { categorySlug: "servizio-condominiale", children: undefined };
    const groups = aggregateNeeds(
      [
        need("a", { ...service, condominiumId: "via-padova-12" }),
        need("b", { ...service, condominiumId: "via-padova-12" }),
        need("c", { ...service, condominiumId: null }),
        need("d", { ...service, condominiumId: "viale-monza-3" }),
      ],
      prices,
    );
    expect(groups.map((g) => g.needIds)).toEqual([["a", "b"]]);
  });

  it("proposes the member nearest the group's centre as the meeting point and the most common quartiere", () => {
    const groups = aggregateNeeds(
      [
        need("a", { ...at(0), quartiereId: 12 }),
        need("b", { ...at(300), quartiereId: 13, condominiumId: "via-vida-2" }),
        need("c", { ...at(700), quartiereId: 13 }),
      ],
      prices,
    );
    expect(groups).toHaveLength(1);
    const b = at(300);
    expect(groups[0]!.meetingPoint).toEqual({ lat: b.lat, lng: b.lng, condominiumId: "via-vida-2" });
    expect(groups[0]!.quartiereId).toBe(13);
    expect(groups[0]!.explanation.maxDistanceMeters).toBe(700);
  });
});
