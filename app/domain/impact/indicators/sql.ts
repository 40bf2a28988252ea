import { sql, type RawBuilder } from "kysely";
import type { Period } from "../period";

/**
 * What every indicator query is built from: the area (quartiere ids, or null for the whole city,
 * where rows without a quartiere count too) and the period's bounds [start, end).
 */
export interface IndicatorScope {
  quartiereIds: number[] | null;
  period: Period;
}

/** `column` is one of the area's quartieri (always true for the whole city). */
export function inArea(column: string, quartiereIds: number[] | null): RawBuilder<boolean> {
  if (quartiereIds === null) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(column)} = any(${quartiereIds}::int[])`;
}

/** `column` (a timestamptz) falls within the period. */
export function inPeriod(column: string, period: Period): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)} >= ${period.start} and ${sql.ref(column)} < ${period.end})`;
}

/** A count as PostgreSQL returns it (bigint → string) made a number; null stays 0. */
export const toCount = (value: string | number | bigint | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));

/** One number per (quartiere, category): the shape most measures are read in. */
export interface Cell {
  quartiereId: number | null;
  categoryId: number | null;
  n: number;
}
