import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { cachedReference } from "~/utils/reference-cache.server";

type Centroid = { id: number; name: string; lat: number; lng: number };

/** Quartiere centroids by id, the origins of distance searches. */
export function quartiereCentroids(db: Kysely<Database>): Promise<Map<number, Centroid>> {
  return cachedReference(db, "quartiere-centroids", async () => {
    const rows = await db.selectFrom("quartieri").select(["id", "name", "lat", "lng"]).execute();
    return new Map(rows.map((row) => [row.id, row]));
  });
}
