import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Faker, base } from "@faker-js/faker";
import { aggregateNeeds } from "../app/domain/sharing/aggregation/aggregate-needs.js";
import type { AggregationNeed, HourlyPriceTable, WeeklyWindow } from "../app/domain/sharing/aggregation/types.js";
import type { CategorySlug } from "../db/seed/catalogue.js";
import { priceRangesCents } from "../db/seed/providers-generator.js";
import { loadNilPolygons, loadQuartieri, pointInPolygon, type NilPolygon } from "../db/seed/territory.js";

/**
 * Times the shared-service aggregation engine on N generated needs spread over Milan's NIL
 * quartieri (deterministic for a seed). Only the engine is timed, not the generation.
 * Run directly: `npx tsx bench/aggregation-bench.ts --needs 50000 [--seed 42]` (several sizes: `--needs 10000,50000`).
 */

/** The middle of each category's Milan price range, standing in for the median of verified providers. */
export const benchPrices: HourlyPriceTable = Object.fromEntries(
  Object.entries(priceRangesCents).map(([slug, [min, max]]) => [slug, Math.round((min + max) / 100) * 50]),
);

const categoryWeights: ReadonlyArray<{ value: CategorySlug; weight: number }> = [
  { value: "babysitter", weight: 30 },
  { value: "doposcuola", weight: 20 },
  { value: "badante", weight: 14 },
  { value: "colf", weight: 14 },
  { value: "pet-sitter", weight: 12 },
  { value: "assistenza-disabili", weight: 6 },
  { value: "servizio-condominiale", weight: 4 },
];

/** Typical weekly blocks per category: [first start, last start, shortest, longest] in hours, on a 30-minute grid. */
const blocks: Record<CategorySlug, ReadonlyArray<{ days: number[]; start: [number, number]; length: [number, number] }>> = {
  babysitter: [
    { days: [1, 2, 3, 4, 5], start: [15.5, 17], length: [2, 3.5] },
    { days: [1, 2, 3, 4, 5], start: [18.5, 20], length: [2, 4] },
  ],
  doposcuola: [{ days: [1, 2, 3, 4, 5], start: [14, 15.5], length: [2, 4] }],
  badante: [
    { days: [1, 2, 3, 4, 5], start: [7.5, 9], length: [3, 8] },
    { days: [1, 2, 3, 4, 5, 6, 7], start: [14, 16], length: [3, 5] },
  ],
  colf: [
    { days: [1, 2, 3, 4, 5], start: [8, 10], length: [2, 4] },
    { days: [1, 2, 3, 4, 5, 6], start: [14, 16], length: [2, 3] },
  ],
  "pet-sitter": [
    { days: [1, 2, 3, 4, 5], start: [7, 8.5], length: [1, 2] },
    { days: [1, 2, 3, 4, 5, 6, 7], start: [17.5, 19], length: [1, 2] },
  ],
  "assistenza-disabili": [{ days: [1, 2, 3, 4, 5], start: [8, 15], length: [2, 4] }],
  "servizio-condominiale": [{ days: [1, 2, 3, 4, 5, 6], start: [8, 10], length: [2, 4] }],
};

function onHalfHours(f: Faker, [min, max]: [number, number]): number {
  return f.number.int({ min: min * 2, max: max * 2 }) * 30;
}

function windowsFor(f: Faker, category: CategorySlug): WeeklyWindow[] {
  const block = f.helpers.arrayElement(blocks[category]);
  const startMinute = onHalfHours(f, block.start);
  const endMinute = Math.min(1440, startMinute + onHalfHours(f, block.length));
  const days = f.helpers.arrayElements(block.days, { min: Math.min(2, block.days.length), max: block.days.length });
  return days.sort((a, b) => a - b).map((weekday) => ({ weekday, startMinute, endMinute }));
}

function childrenFor(f: Faker, category: CategorySlug): { ageYears: number }[] | undefined {
  if (category !== "babysitter" && category !== "doposcuola") return undefined;
  const count = f.helpers.weightedArrayElement([{ value: 1, weight: 6 }, { value: 2, weight: 3 }, { value: 3, weight: 1 }]);
  const [min, max] = category === "babysitter" ? [0, 10] : [6, 13];
  return Array.from({ length: count }, () => ({ ageYears: f.number.int({ min, max }) }));
}

function pointIn(f: Faker, polygon: NilPolygon): { lat: number; lng: number } {
  const { minLat, maxLat, minLng, maxLng } = polygon.bbox;
  for (;;) {
    const point = { lat: f.number.float({ min: minLat, max: maxLat }), lng: f.number.float({ min: minLng, max: maxLng }) };
    if (pointInPolygon(point, polygon.rings)) return point;
  }
}

/** N realistic needs: about a third in one of a few condominiums per quartiere, 80% open to sharing. */
export function generateNeeds(count: number, seed: number): AggregationNeed[] {
  const f = new Faker({ locale: [base], seed });
  const quartieri = loadQuartieri();
  const polygons = loadNilPolygons();
  const condominiums = quartieri.flatMap((q) =>
    Array.from({ length: 25 }, (_, i) => ({ id: `condo-${q.id}-${i}`, quartiereId: q.id, ...pointIn(f, polygons.get(q.id)!) })),
  );
  const needs: AggregationNeed[] = [];
  for (let n = 0; n < count; n++) {
    const categorySlug = f.helpers.weightedArrayElement(categoryWeights);
    const inCondominium = categorySlug === "servizio-condominiale" || f.number.float() < 0.33;
    const quartiere = f.helpers.arrayElement(quartieri);
    const place = inCondominium
      ? f.helpers.arrayElement(condominiums)
      : { id: null, quartiereId: quartiere.id, ...pointIn(f, polygons.get(quartiere.id)!) };
    const children = childrenFor(f, categorySlug);
    const persons = children?.length ?? (categorySlug === "pet-sitter" ? f.number.int({ min: 1, max: 2 }) : f.number.float() < 0.1 && categorySlug !== "colf" ? 2 : 1);
    const individual = benchPrices[categorySlug]!;
    needs.push({
      id: f.string.uuid(),
      familyId: `family-${f.number.int({ min: 1, max: Math.ceil(count * 0.8) })}`,
      categorySlug,
      quartiereId: place.quartiereId,
      condominiumId: place.id,
      lat: place.lat,
      lng: place.lng,
      maxWalkMeters: f.number.int({ min: 3, max: 12 }) * 100,
      windows: windowsFor(f, categorySlug),
      children,
      persons,
      budgetCentsPerHour: f.number.float() < 0.4 ? null : Math.round((individual * f.number.float({ min: 0.5, max: 1 })) / 50) * 50,
      openToSharing: f.number.float() < 0.8,
    });
  }
  return needs;
}

export async function runAggregationBench(options: { needs: number; seed: number }): Promise<{ needs: number; groups: number; groupedNeeds: number; ms: number }> {
  const needs = generateNeeds(options.needs, options.seed);
  const started = performance.now();
  const groups = aggregateNeeds(needs, benchPrices);
  const ms = performance.now() - started;
  return { needs: needs.length, groups: groups.length, groupedNeeds: groups.reduce((sum, g) => sum + g.needIds.length, 0), ms };
}

export function formatAggregationRows(rows: ReadonlyArray<Awaited<ReturnType<typeof runAggregationBench>>>): string {
  const header = ["needs", "groups", "grouped needs", "grouped %", "ms"];
  const lines = rows.map((r) => [String(r.needs), String(r.groups), String(r.groupedNeeds), ((100 * r.groupedNeeds) / r.needs).toFixed(1), r.ms.toFixed(0)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines].map((cells) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { needs: { type: "string", default: "50000" }, seed: { type: "string", default: "42" } } });
  const rows = [];
  for (const size of values.needs.split(",").map(Number)) rows.push(await runAggregationBench({ needs: size, seed: Number(values.seed) }));
  console.log(`shared-service aggregation (${cpus().length} cores, Node ${process.version})`);
  console.log(formatAggregationRows(rows));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
