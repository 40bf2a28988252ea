import type { PreparedInput } from "./prepare-needs";

/**
 * Finds a need's possible partners without comparing all pairs: needs are bucketed by
 * compatibility class and grid cell, and a seed looks only at the cells within its walking
 * distance (the 3x3 block around it when the cell is as large as the walk). Weekdays are checked
 * with a bitmask rather than bucketed, so a need available on five days is scanned once, not five
 * times. Households of the same condominium are always offered, whatever their coordinates.
 */
export interface NeighbourIndex {
  forEachNear(seed: number, visit: (index: number) => void): void;
}

// Cells are counted from the grid origin, so they are small non-negative integers; 2^20 cells of
// 500 m span the Earth, and classes stay far below 2^12: the key fits a double exactly.
const CELL_SPAN = 2 ** 20;
const cellKey = (classIndex: number, cx: number, cy: number) => (classIndex * CELL_SPAN + cx) * CELL_SPAN + cy;

export function createNeighbourIndex({ needs, grid }: PreparedInput): NeighbourIndex {
  const cells = new Map<number, number[]>();
  const condominiums = new Map<string, number[]>();
  needs.forEach((n, index) => {
    const key = cellKey(n.classIndex, n.cx, n.cy);
    const bucket = cells.get(key);
    if (bucket) bucket.push(index);
    else cells.set(key, [index]);
    const condominium = n.need.condominiumId;
    if (condominium !== null) {
      const residents = condominiums.get(condominium);
      if (residents) residents.push(index);
      else condominiums.set(condominium, [index]);
    }
  });

  return {
    forEachNear(seed, visit) {
      const s = needs[seed]!;
      const ring = grid.ringFor(s.walkMeters);
      for (let cx = Math.max(0, s.cx - ring); cx <= s.cx + ring; cx++) {
        for (let cy = Math.max(0, s.cy - ring); cy <= s.cy + ring; cy++) {
          const bucket = cells.get(cellKey(s.classIndex, cx, cy));
          if (bucket) for (const index of bucket) visit(index);
        }
      }
      const condominium = s.need.condominiumId;
      if (condominium !== null) for (const index of condominiums.get(condominium)!) visit(index);
    },
  };
}
