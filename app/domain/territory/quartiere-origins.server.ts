import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/** Quartiere centroids change only with a migration, so each process keeps them after the first read. */
type Centroid = { id: number; name: string; lat: number; lng: number };
const cache = new WeakMap<object, Promise<Map<number, Centroid>>>();

export function quartiereCentroids(db: Kysely<Database>): Promise<Map<number, Centroid>> {
  let loaded = cache.get(db);
  if (!loaded) {
    loaded = db
      .selectFrom("quartieri")
      .select(["id", "name", "lat", "lng"])
      .execute()
      .then((rows) => new Map(rows.map((row) => [row.id, row])));
    loaded.catch(() => cache.delete(db));
    cache.set(db, loaded);
  }
  return loaded;
}
