import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { geoMercator, geoPath, type GeoContext, type GeoPermissibleObjects } from "d3-geo";

/**
 * Milan's 88 NIL quartieri as SVG paths, projected once per process from the shipped open data
 * (db/seed/data/milano-nil.geojson, already simplified to ~5,300 vertices) with d3-geo's Mercator
 * fitted to the map's box, then cached. Coordinates are rounded to whole map units and written
 * as relative moves, which keeps the 88 paths at about 25 kB; no tiles, no external requests.
 */

export const MAP_WIDTH = 600;
export const MAP_HEIGHT = 560;

export interface QuartiereShape {
  id: number;
  /** SVG path data in the map's coordinates (viewBox 0 0 MAP_WIDTH MAP_HEIGHT). */
  d: string;
  /** Where a label or marker would go (the projected centre of its box). */
  cx: number;
  cy: number;
}

export interface MapGeometry {
  width: number;
  height: number;
  shapes: QuartiereShape[];
}

type Position = [number, number];
interface NilCollection {
  type: "FeatureCollection";
  features: Array<{ type: "Feature"; properties: { id: number }; geometry: { type: "Polygon"; coordinates: Position[][] } }>;
}

const dataFile = "db/seed/data/milano-nil.geojson";

/** The GeoJSON's place: beside the sources (tsx, vitest), beside build/ (the Remix bundle), or the working directory. */
function geojsonPath(): string {
  const candidates = [
    new URL(`../../../${dataFile}`, import.meta.url),
    new URL(`../${dataFile}`, import.meta.url),
    new URL(`${dataFile}`, `file://${process.cwd()}/`),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`cannot find ${dataFile} (looked in ${candidates.join(", ")})`);
  return found;
}

/** A d3 path context that writes integer, relative SVG commands and drops repeated points. */
class CompactPath implements GeoContext {
  private parts: string[] = [];
  private x = 0;
  private y = 0;
  private started = false;
  moveTo(x: number, y: number) {
    const rx = Math.round(x);
    const ry = Math.round(y);
    this.parts.push(this.started ? `m${rx - this.x} ${ry - this.y}` : `M${rx} ${ry}`);
    this.started = true;
    this.x = rx;
    this.y = ry;
  }
  lineTo(x: number, y: number) {
    const rx = Math.round(x);
    const ry = Math.round(y);
    if (rx === this.x && ry === this.y) return;
    this.parts.push(`l${rx - this.x} ${ry - this.y}`);
    this.x = rx;
    this.y = ry;
  }
  closePath() {
    this.parts.push("z");
  }
  arc() {}
  beginPath() {}
  toString() {
    return this.parts.join("").replace(/ -/g, "-");
  }
}

export function projectNilGeometry(collection: NilCollection, width = MAP_WIDTH, height = MAP_HEIGHT): MapGeometry {
  // RFC 7946 winds exterior rings anticlockwise; d3-geo (spherical) wants them clockwise.
  const rewound = {
    ...collection,
    features: collection.features.map((f) => ({
      ...f,
      geometry: { ...f.geometry, coordinates: f.geometry.coordinates.map((ring) => [...ring].reverse()) },
    })),
  };
  const projection = geoMercator()
    .precision(0)
    .fitExtent(
      [
        [4, 4],
        [width - 4, height - 4],
      ],
      rewound as unknown as GeoPermissibleObjects,
    );
  const bounds = geoPath(projection);
  const shapes = rewound.features.map((feature) => {
    const context = new CompactPath();
    geoPath(projection, context).digits(0)(feature as unknown as GeoPermissibleObjects);
    const [[x0, y0], [x1, y1]] = bounds.bounds(feature as unknown as GeoPermissibleObjects);
    return { id: feature.properties.id, d: context.toString(), cx: Math.round((x0 + x1) / 2), cy: Math.round((y0 + y1) / 2) };
  });
  shapes.sort((a, b) => a.id - b.id);
  return { width, height, shapes };
}

let cached: MapGeometry | undefined;

/** The projected quartieri, computed on first use and kept for the life of the process. */
export function milanMapGeometry(): MapGeometry {
  cached ??= projectNilGeometry(JSON.parse(readFileSync(geojsonPath(), "utf8")) as NilCollection);
  return cached;
}
