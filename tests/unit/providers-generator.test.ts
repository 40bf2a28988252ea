import { describe, expect, it } from "vitest";
import { categorySlugs } from "../../db/seed/catalogue";
import { generateProviders, priceRangesCents, type GeneratorInput } from "../../db/seed/providers-generator";
import { loadNilPolygons, loadQuartieri, pointInPolygon } from "../../db/seed/territory";
import { haversineMetres } from "../../app/domain/search/provider-document";
import { languageCodes } from "../../app/domain/search/search-query.server";

const quartieri = loadQuartieri();
const polygons = loadNilPolygons();
const input = (seed: number, count: number): GeneratorInput => ({ seed, count, quartieri, polygons });
const providers = generateProviders(input(42, 2000));
const share = (predicate: (p: (typeof providers)[number]) => boolean, among = providers) => among.filter(predicate).length / among.length;

describe("demo provider generator", () => {
  it("gives the same providers for the same seed and different ones for another seed", () => {
    const a = generateProviders(input(7, 300));
    const b = generateProviders(input(7, 300));
    const c = generateProviders(input(8, 300));
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(new Set([...a, ...c].map((p) => p.id)).size).toBe(600);
    // A longer run with the same seed starts with the same providers.
    expect(generateProviders(input(42, 50))).toEqual(providers.slice(0, 50));
  });

  it("places every provider inside the boundary of its home quartiere", () => {
    for (const p of providers) expect(pointInPolygon(p, polygons.get(p.quartiere_id)!.rings), p.id).toBe(true);
  });

  it("prices each service within its Milan range, in 50-cent steps, and shows the lowest as the provider's price", () => {
    for (const p of providers) {
      expect(p.services.length).toBeGreaterThanOrEqual(1);
      expect(p.services.length).toBeLessThanOrEqual(3);
      expect(new Set(p.services.map((s) => s.category)).size).toBe(p.services.length);
      for (const s of p.services) {
        expect(categorySlugs).toContain(s.category);
        const [min, max] = priceRangesCents[s.category];
        expect(s.hourly_price_cents).toBeGreaterThanOrEqual(min);
        expect(s.hourly_price_cents).toBeLessThanOrEqual(max);
        expect(s.hourly_price_cents % 50).toBe(0);
      }
      expect(p.hourly_price_cents).toBe(Math.min(...p.services.map((s) => s.hourly_price_cents)));
    }
  });

  it("serves the home quartiere and those whose centroid lies within the service radius", () => {
    const byId = new Map(quartieri.map((q) => [q.id, q]));
    for (const p of providers) {
      expect(p.service_radius_m).toBeGreaterThanOrEqual(1000);
      expect(p.service_radius_m).toBeLessThanOrEqual(4000);
      expect(p.zones).toContain(p.quartiere_id);
      expect(p.zones).toEqual([...new Set(p.zones)].sort((a, b) => a - b));
      const expected = quartieri.filter((q) => q.id === p.quartiere_id || haversineMetres(p, q) <= p.service_radius_m).map((q) => q.id);
      expect(p.zones).toEqual(expected.sort((a, b) => a - b));
      for (const id of p.zones) expect(byId.has(id)).toBe(true);
    }
  });

  it("offers 2 to 6 weekly slots on a 30-minute grid that do not overlap", () => {
    for (const p of providers) {
      expect(p.slots.length).toBeGreaterThanOrEqual(2);
      expect(p.slots.length).toBeLessThanOrEqual(6);
      for (const s of p.slots) {
        expect(s.weekday).toBeGreaterThanOrEqual(1);
        expect(s.weekday).toBeLessThanOrEqual(7);
        expect(s.start_minute % 30).toBe(0);
        expect(s.end_minute % 30).toBe(0);
        expect(s.start_minute).toBeGreaterThanOrEqual(0);
        expect(s.start_minute).toBeLessThan(s.end_minute);
        expect(s.end_minute).toBeLessThanOrEqual(1440);
        const overlapping = p.slots.filter((o) => o !== s && o.weekday === s.weekday && o.start_minute < s.end_minute && s.start_minute < o.end_minute);
        expect(overlapping).toEqual([]);
      }
    }
  });

  it("has roughly 92% verified, 4% pending, 2% suspended and 2% draft; only verified ones have verified_at", () => {
    expect(share((p) => p.status === "verified")).toBeGreaterThan(0.89);
    expect(share((p) => p.status === "verified")).toBeLessThan(0.95);
    expect(share((p) => p.status === "pending")).toBeGreaterThan(0.02);
    expect(share((p) => p.status === "pending")).toBeLessThan(0.065);
    for (const status of ["suspended", "draft"]) {
      expect(share((p) => p.status === status)).toBeGreaterThan(0.007);
      expect(share((p) => p.status === status)).toBeLessThan(0.035);
    }
    for (const p of providers) {
      expect(p.verified_at !== null).toBe(p.status === "verified");
      if (p.verified_at) expect(p.verified_at.getTime()).toBeGreaterThan(p.created_at.getTime());
    }
  });

  it("mixes individuals and organisations with realistic names and languages", () => {
    expect(share((p) => p.kind === "organisation")).toBeGreaterThan(0.12);
    expect(share((p) => p.kind === "organisation")).toBeLessThan(0.18);
    for (const p of providers) {
      expect(p.display_name.length).toBeGreaterThan(3);
      if (p.kind === "organisation") expect(p.organisation_name).toMatch(/^(Cooperativa|Associazione)/);
      else expect(p.organisation_name).toBeNull();
      expect(p.languages.length).toBeGreaterThanOrEqual(1);
      expect(new Set(p.languages).size).toBe(p.languages.length);
      for (const code of p.languages) expect(languageCodes).toContain(code);
    }
    expect(share((p) => p.languages.includes("it"))).toBeGreaterThan(0.9);
    // About 30% of individuals have migrant names; all but the Sri Lankans (3%, whose Sinhala has
    // no language code) list their native language first.
    const individuals = providers.filter((p) => p.kind === "individual");
    const nativeNotItalian = share((p) => p.languages[0] !== "it", individuals);
    expect(nativeNotItalian).toBeGreaterThan(0.22);
    expect(nativeNotItalian).toBeLessThan(0.32);
  });

  it("writes an Italian bio for everyone and an English one for about half", () => {
    for (const p of providers) {
      expect(p.bio.it.length).toBeGreaterThan(40);
      expect(p.bio.it.split(/(?<=\.)\s/).length).toBeGreaterThanOrEqual(2);
      if (p.bio.en !== undefined) expect(p.bio.en.length).toBeGreaterThan(40);
    }
    expect(share((p) => p.bio.en !== undefined)).toBeGreaterThan(0.44);
    expect(share((p) => p.bio.en !== undefined)).toBeLessThan(0.56);
  });

  it("marks the minors check only for childcare providers, about 70% of them", () => {
    const childcare = (p: (typeof providers)[number]) => p.services.some((s) => s.category === "babysitter" || s.category === "doposcuola");
    for (const p of providers) if (!childcare(p)) expect(p.minors_check).toBe(false);
    const rate = share((p) => p.minors_check, providers.filter(childcare));
    expect(rate).toBeGreaterThan(0.64);
    expect(rate).toBeLessThan(0.76);
  });

  it("keeps years of experience between 0 and 30", () => {
    for (const p of providers) {
      expect(Number.isInteger(p.years_experience)).toBe(true);
      expect(p.years_experience).toBeGreaterThanOrEqual(0);
      expect(p.years_experience).toBeLessThanOrEqual(30);
    }
  });
});
