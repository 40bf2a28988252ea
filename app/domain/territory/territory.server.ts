import { sql } from "kysely";
import type { DB } from "../../../db/client";
import { cachedReference } from "~/utils/reference-cache.server";

export interface QuartiereSummary {
  id: number;
  name: string;
  /** The municipi the quartiere lies in, the primary one first (empty if none is recorded). */
  municipioIds: number[];
}

export interface MunicipioSummary {
  id: number;
  name: string;
  areas: string;
}

/** The 88 NIL quartieri of Milan, by name, each with its municipi (primary first). */
export function listQuartieri(db: DB): Promise<QuartiereSummary[]> {
  return cachedReference(db, "quartieri", () => loadQuartieri(db));
}

async function loadQuartieri(db: DB): Promise<QuartiereSummary[]> {
  const rows = await db
    .selectFrom("quartieri as q")
    .leftJoin("quartiere_municipi as qm", "qm.quartiere_id", "q.id")
    .select([
      "q.id",
      "q.name",
      sql<number[]>`coalesce(
        array_agg(qm.municipio_id order by qm.is_primary desc, qm.municipio_id)
          filter (where qm.municipio_id is not null),
        '{}'
      )`.as("municipioIds"),
    ])
    .groupBy(["q.id", "q.name"])
    .orderBy("q.name")
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, municipioIds: row.municipioIds.map(Number) }));
}

/** The 9 municipi, in number order. */
export function listMunicipi(db: DB): Promise<MunicipioSummary[]> {
  return cachedReference(db, "municipi", () => db.selectFrom("municipi").select(["id", "name", "areas"]).orderBy("id").execute());
}
