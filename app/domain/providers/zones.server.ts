import { readFileSync } from "node:fs";
import path from "node:path";
import { pointInPolygon, type Position } from "../../../db/seed/territory";

/**
 * Where a provider works, from a base point: there is no geocoder offline, so the base point is
 * a quartiere's centroid or the browser's location, and a radius covers the quartieri whose
 * centroid lies within it.
 */

export interface Point {
  lat: number;
  lng: number;
}
export interface Centroid extends Point {
  id: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km. */
export function distanceKm(a: Point, b: Point): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Quartieri whose centroid is within the radius of the base point. */
export function quartieriWithinRadius(centroids: Iterable<Centroid>, base: Point, radiusKm: number): number[] {
  if (radiusKm <= 0) return [];
  const ids: number[] = [];
  for (const c of centroids) if (distanceKm(base, c) <= radiusKm) ids.push(c.id);
  return ids.sort((a, b) => a - b);
}

export function nearestQuartiere(centroids: Iterable<Centroid>, point: Point): number | null {
  let best: { id: number; km: number } | null = null;
  for (const c of centroids) {
    const km = distanceKm(point, c);
    if (!best || km < best.km) best = { id: c.id, km };
  }
  return best?.id ?? null;
}

interface Polygon {
  id: number;
  rings: Position[][];
  bbox: { minLat: number; maxLat: number; minLng: number; maxLng: number };
}

let polygons: Polygon[] | null | undefined;

/**
 * The NIL boundaries, read once from the reference data in the repository (the server runs from
 * its root). db/seed/territory.ts's loader resolves the file next to itself, which the bundled
 * server build cannot; without the file the nearest centroid is used instead.
 */
function nilPolygons(): Polygon[] | null {
  if (polygons !== undefined) return polygons;
  try {
    const file = path.resolve(process.cwd(), "db/seed/data/milano-nil.geojson");
    const collection = JSON.parse(readFileSync(file, "utf8")) as {
      features: Array<{ properties: { id: number }; geometry: { type: string; coordinates: Position[][] } }>;
    };
    polygons = collection.features
      .filter((f) => f.geometry.type === "Polygon")
      .map((f) => {
        const outer = f.geometry.coordinates[0]!;
        const lngs = outer.map((p) => p[0]);
        const lats = outer.map((p) => p[1]);
        return {
          id: f.properties.id,
          rings: f.geometry.coordinates,
          bbox: { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) },
        };
      });
  } catch {
    polygons = null;
  }
  return polygons;
}

/** The quartiere a point lies in (by its NIL boundary), else the one with the nearest centroid. */
export function quartiereAt(centroids: Iterable<Centroid>, point: Point): number | null {
  for (const polygon of nilPolygons() ?? []) {
    const { bbox } = polygon;
    if (point.lat < bbox.minLat || point.lat > bbox.maxLat || point.lng < bbox.minLng || point.lng > bbox.maxLng) continue;
    if (pointInPolygon(point, polygon.rings)) return polygon.id;
  }
  return nearestQuartiere(centroids, point);
}
