import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";

/**
 * Milan's territory as reference data: the 9 Municipi and the 88 NIL quartieri (PGT 2030),
 * read from the files in db/seed/data (see its README for sources and licence), and an
 * idempotent upsert of them into PostgreSQL.
 */

export interface MunicipioRecord {
  id: number;
  name: string;
  areas: string;
}

export interface QuartiereRecord {
  id: number;
  /** Verbatim NIL name from the Comune's dataset, e.g. "PORTA GARIBALDI - PORTA NUOVA". */
  name: string;
  slug: string;
  lat: number;
  lng: number;
  /** The single municipio from the data, or null for the NILs that straddle two municipi. */
  municipio: number | null;
}

export interface QuartiereMunicipio {
  quartiereId: number;
  municipioId: number;
  isPrimary: boolean;
}

/** [lng, lat], as in GeoJSON. */
export type Position = [number, number];

export interface NilPolygon {
  id: number;
  name: string;
  /** Exterior ring first, then holes (NIL 85 has one). Each ring is closed. */
  rings: Position[][];
  bbox: { minLat: number; maxLat: number; minLng: number; maxLng: number };
}

const dataFile = (name: string) => new URL(`./data/${name}`, import.meta.url);

/**
 * The NILs the dataset leaves without a municipio because they straddle two; shares are the
 * estimates in data/README.md ("municipio (derived)"). The first, larger share is the primary.
 * NIL 52 is an even split: its first-listed municipio (6) is taken as primary.
 */
export const straddlingNils: ReadonlyArray<{ quartiereId: number; municipi: readonly [number, number]; shares: readonly [number, number] }> = [
  { quartiereId: 5, municipi: [5, 1], shares: [56, 44] },
  { quartiereId: 6, municipi: [5, 1], shares: [63, 37] },
  { quartiereId: 12, municipi: [2, 9], shares: [58, 42] },
  { quartiereId: 27, municipi: [4, 5], shares: [52, 48] },
  { quartiereId: 52, municipi: [6, 7], shares: [50, 50] },
  { quartiereId: 58, municipi: [7, 8], shares: [55, 45] },
];

/** RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" escapes a quote). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw new Error("CSV ends inside a quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

/** Rows as objects keyed by the header line; every row must have the header's width. */
function readCsvRecords(name: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(readFileSync(dataFile(name), "utf8"));
  if (!header) throw new Error(`${name} is empty`);
  return rows.map((row, index) => {
    if (row.length !== header.length) throw new Error(`${name} line ${index + 2}: ${row.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((key, i) => [key, row[i]!]));
  });
}

function toInt(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`${what}: not an integer: ${JSON.stringify(value)}`);
  return n;
}

function toFloat(value: string, what: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new Error(`${what}: not a number: ${JSON.stringify(value)}`);
  return n;
}

/** "CITTA' STUDI" → "citta-studi", "Q.RE GALLARATESE - …" → "q-re-gallaratese-…". */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const lowercaseWords = new Set(["del", "della", "delle", "dei", "degli", "di", "il", "in", "sul"]);
const wordOverrides: Record<string, string> = { "P.TA": "Porta", PTA: "Porta", "Q.RE": "Q.re", QT: "QT", XXII: "XXII" };

/**
 * A readable form of a NIL name for running text, e.g. "CITTA' STUDI" → "Città Studi",
 * "GIARDINI P.TA VENEZIA" → "Giardini Porta Venezia". The database keeps the verbatim name.
 */
export function nilDisplayName(name: string): string {
  return name
    .split(" ")
    .map((word, index) => {
      if (wordOverrides[word]) return wordOverrides[word];
      const lower = word.toLowerCase();
      if (index > 0 && lowercaseWords.has(lower)) return lower;
      // The dataset writes final accents as an apostrophe (CITTA', MONLUE'); CA' is a real one.
      const accented = word.length > 3 ? lower.replace(/a'$/, "à").replace(/e'$/, "è") : lower;
      return accented.charAt(0).toUpperCase() + accented.slice(1);
    })
    .join(" ")
    .replace(/^QT 8$/, "QT8");
}

/**
 * The first part of a NIL name, the one people use: "NIGUARDA - CA' GRANDA - …" → "Niguarda",
 * "Q.RE GALLARATESE - …" → "Gallaratese".
 */
export function nilShortName(name: string): string {
  return nilDisplayName(name.split(" - ")[0]!).replace(/^Q\.re /, "");
}

export function loadMunicipi(): MunicipioRecord[] {
  return readCsvRecords("municipi.csv").map((r) => ({
    id: toInt(r.id!, "municipi.csv id"),
    name: r.name!,
    areas: r.areas!,
  }));
}

export function loadQuartieri(): QuartiereRecord[] {
  return readCsvRecords("milano-nil-centroids.csv").map((r) => ({
    id: toInt(r.id!, "NIL id"),
    name: r.name!,
    slug: slugify(r.name!),
    lat: toFloat(r.lat!, `NIL ${r.id} lat`),
    lng: toFloat(r.lng!, `NIL ${r.id} lng`),
    municipio: r.municipio === "" ? null : toInt(r.municipio!, `NIL ${r.id} municipio`),
  }));
}

/**
 * Which municipi each quartiere belongs to: its one municipio (primary), or for the six NILs
 * that straddle two, both of them with the larger share as primary.
 */
export function quartiereMunicipi(quartieri: readonly QuartiereRecord[]): QuartiereMunicipio[] {
  const straddling = new Map(straddlingNils.map((s) => [s.quartiereId, s]));
  return quartieri.flatMap((q): QuartiereMunicipio[] => {
    if (q.municipio !== null) return [{ quartiereId: q.id, municipioId: q.municipio, isPrimary: true }];
    const split = straddling.get(q.id);
    if (!split) throw new Error(`NIL ${q.id} (${q.name}) has no municipio and no known split`);
    return split.municipi.map((municipioId, i) => ({ quartiereId: q.id, municipioId, isPrimary: i === 0 }));
  });
}

interface NilFeatureCollection {
  type: "FeatureCollection";
  features: Array<{
    type: "Feature";
    properties: { id: number; name: string; municipio: number | null };
    geometry: { type: "Polygon"; coordinates: Position[][] };
  }>;
}

/** The NIL boundaries by id (every NIL is a single polygon; see data/README.md). */
export function loadNilPolygons(): Map<number, NilPolygon> {
  const collection = JSON.parse(readFileSync(dataFile("milano-nil.geojson"), "utf8")) as NilFeatureCollection;
  const polygons = new Map<number, NilPolygon>();
  for (const feature of collection.features) {
    if (feature.geometry.type !== "Polygon") throw new Error(`NIL ${feature.properties.id}: unexpected ${feature.geometry.type}`);
    const rings = feature.geometry.coordinates;
    const outer = rings[0]!;
    const lngs = outer.map((p) => p[0]);
    const lats = outer.map((p) => p[1]);
    polygons.set(feature.properties.id, {
      id: feature.properties.id,
      name: feature.properties.name,
      rings,
      bbox: { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) },
    });
  }
  return polygons;
}

/**
 * Even-odd ray casting over all rings, so a point inside a hole is outside the polygon.
 * Fine for city-sized polygons in lon/lat (no antimeridian, no poles).
 */
export function pointInPolygon(point: { lat: number; lng: number }, rings: readonly Position[][]): boolean {
  const x = point.lng;
  const y = point.lat;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Upserts the municipi, quartieri and their links (safe to run on every start). Links that are
 * no longer in the data are removed; quartieri and municipi are never deleted, since providers
 * reference them.
 */
export async function seedTerritory(db: Kysely<Database>): Promise<{ municipi: number; quartieri: number }> {
  const municipi = loadMunicipi();
  const quartieri = loadQuartieri();
  const links = quartiereMunicipi(quartieri);
  const write = async (trx: Kysely<Database>) => {
    await trx
      .insertInto("municipi")
      .values(municipi)
      .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ name: eb.ref("excluded.name"), areas: eb.ref("excluded.areas") })))
      .execute();
    await trx
      .insertInto("quartieri")
      .values(quartieri.map(({ id, name, slug, lat, lng }) => ({ id, name: nilDisplayName(name), slug, lat, lng })))
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          slug: eb.ref("excluded.slug"),
          lat: eb.ref("excluded.lat"),
          lng: eb.ref("excluded.lng"),
        })),
      )
      .execute();
    await trx
      .deleteFrom("quartiere_municipi")
      .where(({ eb, refTuple, tuple }) =>
        eb(refTuple("quartiere_id", "municipio_id"), "not in", links.map((l) => tuple(l.quartiereId, l.municipioId))),
      )
      .execute();
    await trx
      .insertInto("quartiere_municipi")
      .values(links.map((l) => ({ quartiere_id: l.quartiereId, municipio_id: l.municipioId, is_primary: l.isPrimary })))
      .onConflict((oc) => oc.columns(["quartiere_id", "municipio_id"]).doUpdateSet((eb) => ({ is_primary: eb.ref("excluded.is_primary") })))
      .execute();
  };
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
  return { municipi: municipi.length, quartieri: quartieri.length };
}
