import { haversineMetres } from "../../search/provider-document";

/** Great-circle distance in metres (the one used by search, so both agree on "how far"). */
export { haversineMetres };

export interface LatLng {
  lat: number;
  lng: number;
}

const METRES_PER_DEGREE_LAT = (Math.PI * 6_371_008.8) / 180;
/** Room for the gap between the flat grid and the sphere, so no neighbour is ever missed. */
const GRID_SLACK = 1.02;

/**
 * A square grid over a city-sized area, to find neighbours without comparing every pair. Degrees of
 * longitude are scaled at the input's highest latitude, where they are shortest, so grid distances
 * never exceed true ones. Not meant for areas crossing the antimeridian or the poles.
 */
export interface Grid {
  cellSizeMeters: number;
  /** Projected metres from the grid's origin. */
  project(point: LatLng): { x: number; y: number };
  cellOf(point: LatLng): { cx: number; cy: number };
  /** How many cells around a point to look at to see everything within `meters`. */
  ringFor(meters: number): number;
}

export function createGrid(points: readonly LatLng[], cellSizeMeters: number): Grid {
  if (!(cellSizeMeters > 0)) throw new RangeError(`cellSizeMeters must be positive, got ${cellSizeMeters}`);
  let minLat = Infinity;
  let minLng = Infinity;
  let maxAbsLat = 0;
  for (const p of points) {
    if (p.lat < minLat) minLat = p.lat;
    if (p.lng < minLng) minLng = p.lng;
    if (Math.abs(p.lat) > maxAbsLat) maxAbsLat = Math.abs(p.lat);
  }
  if (points.length === 0) minLat = minLng = 0;
  const metresPerDegreeLng = METRES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((maxAbsLat * Math.PI) / 180));
  const project = (p: LatLng) => ({ x: (p.lng - minLng) * metresPerDegreeLng, y: (p.lat - minLat) * METRES_PER_DEGREE_LAT });
  return {
    cellSizeMeters,
    project,
    cellOf(p) {
      const { x, y } = project(p);
      return { cx: Math.floor(x / cellSizeMeters), cy: Math.floor(y / cellSizeMeters) };
    },
    ringFor: (meters) => Math.ceil((meters * GRID_SLACK) / cellSizeMeters),
  };
}

/** True when two projected points may be within `meters`: a cheap filter before the exact haversine. */
export function mayBeWithin(a: { x: number; y: number }, b: { x: number; y: number }, meters: number): boolean {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  const limit = meters * GRID_SLACK;
  return dx * dx + dy * dy <= limit * limit;
}

export function centroidOf(points: readonly LatLng[]): LatLng {
  let lat = 0;
  let lng = 0;
  for (const p of points) {
    lat += p.lat;
    lng += p.lng;
  }
  return { lat: lat / points.length, lng: lng / points.length };
}
