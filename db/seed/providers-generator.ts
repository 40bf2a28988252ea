import { Faker, base, en, it } from "@faker-js/faker";
import type { ProviderKind, ProviderStatus } from "../schema.js";
import type { LanguageCode } from "../../app/domain/search/search-options.js";
import { haversineMetres } from "../../app/domain/search/provider-document.js";
import { categorySlugs, type CategorySlug } from "./catalogue.js";
import { writeBio } from "./provider-bios.js";
import { italianOrigin, migrantOrigins, organisationCores, organisationPrefixes, type Origin } from "./provider-names.js";
import { nilShortName, pointInPolygon, type NilPolygon, type QuartiereRecord } from "./territory.js";

/**
 * A pure, deterministic generator of realistic demo providers for Milan: the same input (seed,
 * count, quartieri, polygons, now) always gives the same output. It never touches a database.
 */

export interface GeneratedService {
  category: CategorySlug;
  hourly_price_cents: number;
}

export interface GeneratedSlot {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  start_minute: number;
  end_minute: number;
}

export interface GeneratedProvider {
  /** Deterministic UUID, so the same seed gives the same ids (stable demo links). */
  id: string;
  kind: ProviderKind;
  display_name: string;
  organisation_name: string | null;
  status: ProviderStatus;
  languages: LanguageCode[];
  /** The lowest of the provider's service prices ("from … €/h"). */
  hourly_price_cents: number;
  quartiere_id: number;
  lat: number;
  lng: number;
  service_radius_m: number;
  bio: { it: string; en?: string };
  years_experience: number;
  minors_check: boolean;
  verified_at: Date | null;
  created_at: Date;
  services: GeneratedService[];
  /** Quartiere ids served, ascending; always includes the home quartiere. */
  zones: number[];
  slots: GeneratedSlot[];
}

export interface GeneratorInput {
  count: number;
  seed: number;
  quartieri: ReadonlyArray<Pick<QuartiereRecord, "id" | "name" | "lat" | "lng">>;
  polygons: ReadonlyMap<number, NilPolygon>;
  /** Reference time for created_at / verified_at. Defaults to a fixed date, to stay deterministic. */
  now?: Date;
}

/** Realistic Milan hourly rates, in cents (inclusive; multiples of 50). */
export const priceRangesCents: Record<CategorySlug, readonly [number, number]> = {
  babysitter: [900, 1500],
  badante: [800, 1300],
  colf: [900, 1400],
  doposcuola: [1200, 2200],
  "pet-sitter": [800, 1500],
  "assistenza-disabili": [1200, 2000],
  "servizio-condominiale": [1000, 1600],
};

export const statusWeights: ReadonlyArray<{ value: ProviderStatus; weight: number }> = [
  { value: "verified", weight: 92 },
  { value: "pending", weight: 4 },
  { value: "suspended", weight: 2 },
  { value: "draft", weight: 2 },
];

const DEFAULT_NOW = new Date("2025-06-01T09:00:00Z");
const DAY_MS = 86_400_000;

/**
 * Rough weights of where providers live: parks and farmland NILs have few residents, large
 * residential ones many. Unlisted NILs weigh 1.
 */
const homeWeights: Record<number, number> = {
  // parks
  8: 0.3, 24: 0.6, 84: 0.15, 85: 0.15, 86: 0.15, 88: 0.15,
  // farmland, rail yards, markets, stadiums, business districts
  29: 0.35, 31: 0.35, 32: 0.35, 34: 0.35, 36: 0.35, 39: 0.35, 40: 0.35, 54: 0.35, 59: 0.35, 60: 0.35,
  62: 0.35, 63: 0.35, 73: 0.35, 74: 0.35, 75: 0.35, 81: 0.35, 87: 0.35,
  // historic centre: few residents
  1: 0.6,
  // large, dense residential NILs
  14: 1.6, 19: 1.6, 20: 1.6, 21: 1.6, 22: 1.6, 26: 1.6, 28: 1.6, 35: 1.6, 41: 1.6, 42: 1.6,
  46: 1.6, 49: 1.6, 53: 1.6, 55: 1.6, 65: 1.6, 69: 1.6, 70: 1.6, 71: 1.6, 72: 1.6, 76: 1.6,
};

type Weighted<T> = ReadonlyArray<{ value: T; weight: number }>;

const individualCategoryWeights: Record<"italian" | "migrant", Record<CategorySlug, number>> = {
  italian: { babysitter: 30, doposcuola: 18, "pet-sitter": 16, colf: 10, badante: 10, "assistenza-disabili": 10, "servizio-condominiale": 6 },
  migrant: { badante: 32, colf: 28, babysitter: 18, "assistenza-disabili": 8, "pet-sitter": 6, "servizio-condominiale": 5, doposcuola: 3 },
};
const organisationCategoryWeights: Record<CategorySlug, number> = {
  "assistenza-disabili": 20, "servizio-condominiale": 20, doposcuola: 18, badante: 16, babysitter: 12, colf: 8, "pet-sitter": 6,
};

/** How much more likely a second service is, given one already offered (symmetric). */
const affinities: ReadonlyArray<[CategorySlug, CategorySlug, number]> = [
  ["babysitter", "doposcuola", 3],
  ["babysitter", "pet-sitter", 1.5],
  ["badante", "colf", 3],
  ["badante", "assistenza-disabili", 2.5],
  ["colf", "pet-sitter", 1.5],
  ["servizio-condominiale", "colf", 2],
  ["servizio-condominiale", "badante", 2],
];

function affinity(a: CategorySlug, b: CategorySlug): number {
  for (const [x, y, factor] of affinities) if ((x === a && y === b) || (x === b && y === a)) return factor;
  return 1;
}

/** Share of women by service, used to pick a first name. */
const femaleShare: Record<CategorySlug, number> = {
  babysitter: 0.92, badante: 0.85, colf: 0.88, doposcuola: 0.7, "pet-sitter": 0.55, "assistenza-disabili": 0.65, "servizio-condominiale": 0.5,
};

/** A recurring weekly block: start and length ranges in minutes, on a 30-minute grid. */
interface Block {
  days: "weekdays" | "weekend";
  start: [number, number];
  length: [number, number];
}
const h = (hours: number) => hours * 60;
const blocks = {
  afterSchool: { days: "weekdays", start: [h(15.5), h(16.5)], length: [h(2.5), h(3.5)] },
  doposcuola: { days: "weekdays", start: [h(14), h(15)], length: [h(3), h(4)] },
  morning: { days: "weekdays", start: [h(7.5), h(9)], length: [h(3), h(5)] },
  afternoon: { days: "weekdays", start: [h(13.5), h(15)], length: [h(3), h(4.5)] },
  evening: { days: "weekdays", start: [h(18.5), h(20)], length: [h(3), h(4)] },
  fullDay: { days: "weekdays", start: [h(7.5), h(9)], length: [h(8), h(10)] },
  walkMorning: { days: "weekdays", start: [h(7), h(8)], length: [h(1.5), h(2)] },
  walkEvening: { days: "weekdays", start: [h(17.5), h(19)], length: [h(1.5), h(2.5)] },
  weekendMorning: { days: "weekend", start: [h(8.5), h(10)], length: [h(3), h(4)] },
  weekendDay: { days: "weekend", start: [h(9), h(10)], length: [h(6), h(8)] },
} as const satisfies Record<string, Block>;
type BlockName = keyof typeof blocks;

const blockWeights: Record<CategorySlug, Partial<Record<BlockName, number>>> = {
  babysitter: { afterSchool: 5, evening: 3, morning: 1, weekendDay: 1, weekendMorning: 1 },
  doposcuola: { doposcuola: 6, afternoon: 2, weekendMorning: 1 },
  badante: { fullDay: 3, morning: 4, afternoon: 3, evening: 1, weekendDay: 1, weekendMorning: 1 },
  colf: { morning: 5, afternoon: 3, weekendMorning: 1 },
  "pet-sitter": { walkMorning: 3, walkEvening: 3, weekendDay: 2, weekendMorning: 1, afternoon: 1 },
  "assistenza-disabili": { morning: 4, afternoon: 3, evening: 1, weekendMorning: 1 },
  "servizio-condominiale": { morning: 4, afternoon: 3, weekendMorning: 1 },
};

const toWeighted = <T extends string>(weights: Partial<Record<T, number>>): Weighted<T> =>
  (Object.entries(weights) as Array<[T, number]>).map(([value, weight]) => ({ value, weight }));

/** A multiple of `step` in [min, max] (both multiples of `step`). */
function onGrid(f: Faker, min: number, max: number, step: number): number {
  return f.number.int({ min: min / step, max: max / step }) * step;
}

function chance(f: Faker, probability: number): boolean {
  return f.number.float({ min: 0, max: 1 }) < probability;
}

function pickCategories(f: Faker, weights: Record<CategorySlug, number>, howMany: number): CategorySlug[] {
  const chosen: CategorySlug[] = [];
  while (chosen.length < howMany) {
    const options = categorySlugs
      .filter((c) => !chosen.includes(c))
      .map((c) => ({ value: c, weight: weights[c] * chosen.reduce((w, other) => w * affinity(c, other), 1) }));
    chosen.push(f.helpers.weightedArrayElement(options));
  }
  return chosen;
}

function pickLanguages(f: Faker, options: ReadonlyArray<{ code: LanguageCode; probability: number }>): LanguageCode[] {
  const languages = options.filter((o) => o.probability >= 1 || chance(f, o.probability)).map((o) => o.code);
  return [...new Set(languages)];
}

function weeklySlots(f: Faker, categories: readonly CategorySlug[]): GeneratedSlot[] {
  const target = f.number.int({ min: 2, max: 6 });
  const slots: GeneratedSlot[] = [];
  const overlaps = (s: GeneratedSlot) =>
    slots.some((o) => o.weekday === s.weekday && o.start_minute < s.end_minute && s.start_minute < o.end_minute);
  for (let round = 0; slots.length < target && round < 30; round++) {
    const category = round === 0 ? categories[0]! : f.helpers.arrayElement(categories);
    const block = blocks[f.helpers.weightedArrayElement(toWeighted(blockWeights[category]))];
    const start = onGrid(f, block.start[0], block.start[1], 30);
    const end = Math.min(h(24), start + onGrid(f, block.length[0], block.length[1], 30));
    const days = block.days === "weekend" ? [6, 7] : [1, 2, 3, 4, 5];
    const count = f.number.int({ min: 1, max: days.length });
    for (const weekday of f.helpers.arrayElements(days, count)) {
      const slot = { weekday, start_minute: start, end_minute: end };
      if (slots.length < target && !overlaps(slot)) slots.push(slot);
    }
  }
  return slots.sort((a, b) => a.weekday - b.weekday || a.start_minute - b.start_minute);
}

/** Uniform point inside the polygon: rejection sampling in its bounding box (rounded to 1e-6°, ~0.1 m). */
function pointInside(f: Faker, polygon: NilPolygon): { lat: number; lng: number } {
  const { minLat, maxLat, minLng, maxLng } = polygon.bbox;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const point = {
      lat: Math.round(f.number.float({ min: minLat, max: maxLat }) * 1e6) / 1e6,
      lng: Math.round(f.number.float({ min: minLng, max: maxLng }) * 1e6) / 1e6,
    };
    if (pointInPolygon(point, polygon.rings)) return point;
  }
  throw new Error(`Could not place a point inside NIL ${polygon.id}`);
}

function organisationName(f: Faker, area: string): string {
  const prefix = f.helpers.weightedArrayElement(organisationPrefixes);
  if (prefix === "Associazione" && chance(f, 0.3)) return `Associazione Genitori ${area}`;
  const core = f.helpers.arrayElement(organisationCores);
  return chance(f, 0.35) ? `${prefix} ${core} ${area}` : `${prefix} ${core}`;
}

export function generateProviders(input: GeneratorInput): GeneratedProvider[] {
  const f = new Faker({ locale: [it, en, base], seed: input.seed });
  const now = (input.now ?? DEFAULT_NOW).getTime();
  const homes = input.quartieri.map((q) => ({ value: q, weight: homeWeights[q.id] ?? 1 }));
  const origins: Weighted<Origin | typeof italianOrigin> = [italianOrigin, ...migrantOrigins].map((o) => ({ value: o, weight: o.weight }));
  const providers: GeneratedProvider[] = [];

  for (let n = 0; n < input.count; n++) {
    const id = f.string.uuid();
    const kind: ProviderKind = chance(f, 0.15) ? "organisation" : "individual";
    const home = f.helpers.weightedArrayElement(homes);
    const polygon = input.polygons.get(home.id);
    if (!polygon) throw new Error(`No polygon for quartiere ${home.id}`);
    const area = nilShortName(home.name);

    let displayName: string;
    let organisation: string | null = null;
    let languages: LanguageCode[];
    let categories: CategorySlug[];
    let yearsExperience: number;
    let female = true;
    let firstName: string;

    if (kind === "organisation") {
      organisation = organisationName(f, area);
      displayName = organisation;
      firstName = organisation;
      categories = pickCategories(f, organisationCategoryWeights, f.helpers.weightedArrayElement([
        { value: 1, weight: 2 }, { value: 2, weight: 4.5 }, { value: 3, weight: 3.5 },
      ]));
      // Cooperatives in Milan often have multilingual staff.
      languages = pickLanguages(f, [
        { code: "it", probability: 1 },
        { code: "en", probability: 0.6 },
        { code: f.helpers.arrayElement(["es", "ar", "uk", "ro", "zh", "tl"] as const), probability: 0.35 },
        { code: f.helpers.arrayElement(["fr", "es", "ar"] as const), probability: 0.15 },
      ]);
      yearsExperience = f.number.int({ min: 3, max: 30 });
    } else {
      const origin = f.helpers.weightedArrayElement(origins);
      const migrant = origin.key !== "italian";
      categories = pickCategories(f, individualCategoryWeights[migrant ? "migrant" : "italian"], f.helpers.weightedArrayElement([
        { value: 1, weight: 5 }, { value: 2, weight: 3.5 }, { value: 3, weight: 1.5 },
      ]));
      female = chance(f, femaleShare[categories[0]!]);
      firstName = f.helpers.arrayElement(female ? origin.female : origin.male);
      const surname = "surnames" in origin ? f.helpers.arrayElement(origin.surnames) : f.person.lastName();
      displayName = `${firstName} ${surname}`;
      languages = pickLanguages(f, origin.languages);
      // Skewed towards fewer years: many students, a long tail of career carers.
      yearsExperience = Math.min(30, Math.round(30 * f.number.float({ min: 0, max: 1 }) ** 1.7));
    }

    // One price level per provider keeps its services coherent; organisations charge a bit more.
    const level = f.number.float({ min: 0, max: 0.5 }) + f.number.float({ min: 0, max: 0.5 }) + (kind === "organisation" ? 0.1 : 0);
    const services = categories.map((category): GeneratedService => {
      const [min, max] = priceRangesCents[category];
      const position = Math.min(1, Math.max(0, level + f.number.float({ min: -0.15, max: 0.15 })));
      return { category, hourly_price_cents: min + Math.round(((max - min) * position) / 50) * 50 };
    });

    const point = pointInside(f, polygon);
    const serviceRadius = f.helpers.weightedArrayElement(
      kind === "organisation"
        ? [{ value: 2000, weight: 1 }, { value: 2500, weight: 1 }, { value: 3000, weight: 2 }, { value: 3500, weight: 1 }, { value: 4000, weight: 2 }]
        : [{ value: 1000, weight: 3 }, { value: 1500, weight: 4 }, { value: 2000, weight: 5 }, { value: 2500, weight: 4 }, { value: 3000, weight: 3 }, { value: 3500, weight: 2 }, { value: 4000, weight: 1 }],
    );
    const zones = new Set([home.id]);
    for (const q of input.quartieri) if (haversineMetres(point, q) <= serviceRadius) zones.add(q.id);

    const withMinors = categories.includes("babysitter") || categories.includes("doposcuola");
    const minorsCheck = withMinors && chance(f, 0.7);
    const status = f.helpers.weightedArrayElement(statusWeights);
    const createdAt = now - f.number.int({ min: 14 * DAY_MS, max: 900 * DAY_MS });
    const verifiedAt = status === "verified" ? Math.min(now - 3_600_000, createdAt + f.number.int({ min: DAY_MS / 4, max: 14 * DAY_MS })) : null;

    const bio = writeBio(
      f,
      { kind, name: firstName, female, categories, yearsExperience, languages, minorsCheck, area },
      chance(f, 0.5),
    );

    providers.push({
      id,
      kind,
      display_name: displayName,
      organisation_name: organisation,
      status,
      languages,
      hourly_price_cents: Math.min(...services.map((s) => s.hourly_price_cents)),
      quartiere_id: home.id,
      lat: point.lat,
      lng: point.lng,
      service_radius_m: serviceRadius,
      bio,
      years_experience: yearsExperience,
      minors_check: minorsCheck,
      verified_at: verifiedAt === null ? null : new Date(verifiedAt),
      created_at: new Date(createdAt),
      services,
      zones: [...zones].sort((a, b) => a - b),
      slots: weeklySlots(f, categories),
    });
  }
  return providers;
}
