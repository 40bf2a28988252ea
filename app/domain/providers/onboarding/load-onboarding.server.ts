import type { Kysely } from "kysely";
import type { Database, ProviderMemberRole, ProviderStatus } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { quartiereCentroids } from "../../territory/quartiere-origins.server";
import {
  completedSteps,
  editableStatuses,
  identityEditableStatuses,
  missingItems,
  submittableStatuses,
  type MissingItem,
  type ProgressFacts,
} from "../onboarding-progress";
import { furthestStep, todayInMilan, type OnboardingStep, type WeeklySlot } from "../onboarding-schemas";
import { acceptWorkerInvitations, assertProviderMember, hasPendingInvitation, ownMembership } from "../provider-access.server";
import type { DocumentSummary } from "../document-summary";
import { listProviderServices, listWeeklySlots } from "../provider-details.server";
import { providerIdentityOf, type ProviderIdentity } from "../provider-identity";
import { quartieriWithinRadius } from "../zones.server";
import { currentDocuments } from "./current-documents.server";

type DB = Kysely<Database>;

export interface OnboardingView {
  role: ProviderMemberRole;
  provider: ProviderIdentity & {
    quartiereId: number | null;
    lat: number | null;
    lng: number | null;
    serviceRadiusKm: number;
    languages: string[];
    bio: Record<string, string>;
    yearsExperience: number;
    onboardingStep: OnboardingStep;
    submittedAt: string | null;
    verifiedAt: string | null;
  };
  /** For an organisation's worker: the organisation. */
  organisation: { id: string; name: string; status: ProviderStatus } | null;
  services: Array<{ slug: string; cents: number }>;
  zoneIds: number[];
  /** The zones that come from the radius around the base point (the rest were picked one by one). */
  radiusZoneIds: number[];
  /** The base point is a device location (not the base quartiere's centroid). */
  baseFromLocation: boolean;
  slots: WeeklySlot[];
  documents: DocumentSummary[];
  photo: DocumentSummary | null;
  missing: MissingItem[];
  completed: OnboardingStep[];
  canEdit: boolean;
  canEditIdentity: boolean;
  canSubmit: boolean;
  /** The latest status change with a message from the operator (changes requested, rejection…). */
  lastDecision: { toStatus: ProviderStatus; reason: string | null; at: string } | null;
  workerCount: number;
}

/** The whole draft as the wizard shows it. Only the provider's members may read it. */
export async function loadOnboarding(db: DB, user: CurrentUser, providerId: string): Promise<OnboardingView> {
  const role = await assertProviderMember(db, user, providerId);
  const p = await db
    .selectFrom("providers")
    .selectAll()
    .where("id", "=", providerId)
    .executeTakeFirstOrThrow();

  const [services, zones, slots, documents, lastDecision, organisation, workers, centroids] = await Promise.all([
    listProviderServices(db, providerId),
    db.selectFrom("provider_zones").select("quartiere_id").where("provider_id", "=", providerId).orderBy("quartiere_id").execute(),
    listWeeklySlots(db, providerId),
    currentDocuments(db, providerId),
    db
      .selectFrom("provider_status_transitions")
      .select(["to_status", "reason", "created_at"])
      .where("provider_id", "=", providerId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst(),
    p.organisation_id
      ? db.selectFrom("providers").select(["id", "display_name", "organisation_name", "status"]).where("id", "=", p.organisation_id).executeTakeFirst()
      : Promise.resolve(undefined),
    p.kind === "organisation"
      ? db.selectFrom("providers").select((eb) => eb.fn.countAll<string>().as("n")).where("organisation_id", "=", providerId).executeTakeFirst()
      : Promise.resolve(undefined),
    quartiereCentroids(db),
  ]);

  const bio = (p.bio ?? {}) as Record<string, string>;
  const docs = documents.filter((d) => d.docType !== "photo");
  const facts: ProgressFacts = {
    kind: p.kind,
    displayName: p.display_name,
    fiscalCode: p.fiscal_code,
    vatNumber: p.vat_number,
    organisationName: p.organisation_name,
    serviceSlugs: services.map((s) => s.slug),
    zoneCount: zones.length,
    hasBasePoint: p.quartiere_id !== null && p.lat !== null && p.lng !== null,
    baseAddress: p.base_address,
    languages: p.languages,
    slotCount: slots.length,
    bio,
    documents: docs.map((d) => ({ docType: d.docType, expiresOn: d.expiresOn })),
  };
  const today = todayInMilan();
  const missing = missingItems(facts, today);
  const radiusKm = p.service_radius_m / 1000;
  const zoneIds = zones.map((z) => z.quartiere_id);
  const radiusZoneIds =
    p.lat !== null && p.lng !== null && radiusKm > 0
      ? [...new Set([...(p.quartiere_id !== null ? [p.quartiere_id] : []), ...quartieriWithinRadius(centroids.values(), { lat: p.lat, lng: p.lng }, radiusKm)])]
          .filter((id) => zoneIds.includes(id))
          .sort((a, b) => a - b)
      : [];

  return {
    role,
    provider: {
      ...providerIdentityOf(p),
      quartiereId: p.quartiere_id,
      lat: p.lat,
      lng: p.lng,
      serviceRadiusKm: radiusKm,
      languages: p.languages,
      bio,
      yearsExperience: p.years_experience,
      onboardingStep: furthestStep(p.onboarding_step, "identity"),
      submittedAt: p.submitted_at ? p.submitted_at.toISOString() : null,
      verifiedAt: p.verified_at ? p.verified_at.toISOString() : null,
    },
    organisation: organisation
      ? { id: organisation.id, name: organisation.organisation_name ?? organisation.display_name, status: organisation.status }
      : null,
    services: services.map((s) => ({ slug: s.slug, cents: s.hourlyPriceCents })),
    zoneIds,
    radiusZoneIds,
    baseFromLocation: baseFromLocation(p, centroids),
    slots,
    documents: docs,
    photo: documents.find((d) => d.docType === "photo") ?? null,
    missing,
    completed: [...completedSteps(facts, today)],
    canEdit: editableStatuses.has(p.status),
    canEditIdentity: identityEditableStatuses.has(p.status),
    canSubmit: submittableStatuses.has(p.status) && missing.length === 0,
    lastDecision: lastDecision
      ? { toStatus: lastDecision.to_status, reason: lastDecision.reason, at: lastDecision.created_at.toISOString() }
      : null,
    workerCount: Number(workers?.n ?? 0),
  };
}

function baseFromLocation(p: { quartiere_id: number | null; lat: number | null; lng: number | null }, centroids: Map<number, { lat: number; lng: number }>): boolean {
  if (p.quartiere_id === null || p.lat === null || p.lng === null) return false;
  const centroid = centroids.get(p.quartiere_id);
  return !centroid || Math.abs(centroid.lat - p.lat) > 1e-9 || Math.abs(centroid.lng - p.lng) > 1e-9;
}

export interface ProviderHome {
  view: OnboardingView | null;
  /** An organisation added this person as a worker, but their e-mail is not verified yet. */
  invitationWaitingForVerifiedEmail: boolean;
}

/** The provider area's starting point: accepts waiting worker invitations, then loads the draft. */
export async function loadProviderHome(db: DB, user: CurrentUser): Promise<ProviderHome> {
  await acceptWorkerInvitations(db, user);
  const membership = await ownMembership(db, user);
  return {
    view: membership ? await loadOnboarding(db, user, membership.providerId) : null,
    invitationWaitingForVerifiedEmail: !user.emailVerified && (await hasPendingInvitation(db, user)),
  };
}
