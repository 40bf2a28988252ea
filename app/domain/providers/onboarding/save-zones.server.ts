import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { quartiereCentroids } from "../../territory/quartiere-origins.server";
import { fieldErrorsOf, zonesSchema } from "../onboarding-schemas";
import { quartiereAt, quartieriWithinRadius } from "../zones.server";
import { failure, writeStep, type SaveResult } from "./write-step.server";

/**
 * Step 3: the base point (a quartiere's centroid or the browser's location) with the address
 * typed for the operator, and the zones: the quartieri picked ∪ those within the radius.
 */
export async function saveZones(db: Kysely<Database>, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
  const parsed = zonesSchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const centroids = await quartiereCentroids(db);
  if (data.quartieri.some((id) => !centroids.has(id))) return failure({ quartieri: "errors.quartiereUnknown" });
  if (data.baseQuartiereId !== undefined && !centroids.has(data.baseQuartiereId)) return failure({ baseQuartiereId: "errors.quartiereUnknown" });

  let base: { lat: number; lng: number; quartiereId: number };
  if (data.lat !== undefined && data.lng !== undefined) {
    const point = { lat: data.lat, lng: data.lng };
    const quartiereId = quartiereAt(centroids.values(), point) ?? data.baseQuartiereId;
    if (quartiereId === undefined) return failure({ lat: "errors.locationOutside" });
    base = { ...point, quartiereId };
  } else {
    const centroid = centroids.get(data.baseQuartiereId!)!;
    base = { lat: centroid.lat, lng: centroid.lng, quartiereId: centroid.id };
  }
  // A radius is drawn around the base point, so it always includes the base quartiere itself.
  const aroundBase = data.radiusKm > 0 ? [base.quartiereId, ...quartieriWithinRadius(centroids.values(), base, data.radiusKm)] : [];
  const zones = [...new Set([...data.quartieri, ...aroundBase])].sort((a, b) => a - b);
  if (zones.length === 0) return failure({ quartieri: "errors.radiusCoversNothing" });

  return writeStep(db, user, input.providerId, "zones", async (trx, provider) => {
    await trx
      .updateTable("providers")
      .set({
        lat: base.lat,
        lng: base.lng,
        quartiere_id: base.quartiereId,
        service_radius_m: Math.round(data.radiusKm * 1000),
        base_address: data.baseAddress,
      })
      .where("id", "=", provider.id)
      .execute();
    await trx.deleteFrom("provider_zones").where("provider_id", "=", provider.id).execute();
    await trx.insertInto("provider_zones").values(zones.map((quartiere_id) => ({ provider_id: provider.id, quartiere_id }))).execute();
  });
}
