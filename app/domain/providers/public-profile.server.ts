import type { DB } from "../../../db/client";
import type { ProviderKind } from "../../../db/schema";
import { listProviderServices, listProviderZones, listWeeklySlots } from "./provider-details.server";
import { isPublicProvider } from "./public-visibility";
import { isUuid } from "../../utils/uuid";

export interface PublicProviderProfile {
  id: string;
  kind: ProviderKind;
  displayName: string;
  organisationName: string | null;
  /** Introduction texts keyed by language code ("it", "en", …). */
  bio: Record<string, string>;
  languages: string[];
  yearsExperience: number;
  minorsCheck: boolean;
  /** ISO 8601 timestamp of the last verification. */
  verifiedAt: string | null;
  homeQuartiere: { id: number; name: string };
  services: Array<{ categorySlug: string; hourlyPriceCents: number; currency: string }>;
  zones: Array<{ id: number; name: string }>;
  /** Weekly slots, ISO weekday (1 = Monday), minutes after midnight, ordered by weekday then start. */
  availability: Array<{ weekday: number; startMinute: number; endMinute: number }>;
}


/**
 * What anyone may see of a provider: only verified and active providers have a public profile.
 * Any other id (unknown, malformed, pending, suspended, inactive) is simply not found.
 */
export async function getPublicProviderProfile(db: DB, id: string): Promise<PublicProviderProfile | null> {
  if (!isUuid(id)) return null;

  const provider = await db
    .selectFrom("providers as p")
    .innerJoin("quartieri as q", "q.id", "p.quartiere_id")
    .select([
      "p.id",
      "p.kind",
      "p.display_name",
      "p.organisation_name",
      "p.bio",
      "p.languages",
      "p.years_experience",
      "p.minors_check",
      "p.verified_at",
      "p.currency",
      "q.id as quartiere_id",
      "q.name as quartiere_name",
    ])
    .where("p.id", "=", id)
    .where(isPublicProvider("p"))
    .executeTakeFirst();
  if (!provider) return null;

  const [services, zones, availability] = await Promise.all([
    listProviderServices(db, id),
    listProviderZones(db, id),
    listWeeklySlots(db, id),
  ]);

  const currency = provider.currency.trim();
  return {
    id: provider.id,
    kind: provider.kind,
    displayName: provider.display_name,
    organisationName: provider.organisation_name,
    bio: provider.bio ?? {},
    languages: provider.languages,
    yearsExperience: provider.years_experience,
    minorsCheck: provider.minors_check,
    verifiedAt: provider.verified_at ? new Date(provider.verified_at).toISOString() : null,
    homeQuartiere: { id: provider.quartiere_id, name: provider.quartiere_name },
    services: services.map((s) => ({ categorySlug: s.slug, hourlyPriceCents: s.hourlyPriceCents, currency })),
    zones,
    availability,
  };
}
