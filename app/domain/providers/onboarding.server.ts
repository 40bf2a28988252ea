import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, DocumentType, ProviderKind, ProviderMemberRole, ProviderStatus } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { quartiereCentroids } from "../territory/quartiere-origins.server";
import { changeProviderStatus, ProviderStatusError } from "../verification/change-provider-status.server";
import { documentProblems } from "../verification/verification-rules";
import { checkUploadedFile, cleanFileName, type DocumentStore, type UploadedFile } from "./document-store.server";
import { editableStatuses, missingItems, completedSteps, submittableStatuses, type MissingItem, type ProgressFacts } from "./onboarding-progress";
import {
  availabilitySchema,
  documentUploadSchema,
  fieldErrorsOf,
  furthestStep,
  identitySchema,
  languagesSchema,
  profileSchema,
  servicesSchema,
  stepAfter,
  todayInMilan,
  zonesSchema,
  type FieldErrors,
  type OnboardingStep,
  type WeeklySlot,
} from "./onboarding-schemas";
import { acceptWorkerInvitations, assertProviderMember, grantRole, hasPendingInvitation, ownMembership } from "./provider-access.server";
import { quartiereAt, quartieriWithinRadius } from "./zones.server";

/**
 * The provider onboarding wizard's business rules. Every function checks that the signed-in
 * person is a member of the provider (provider_members) before reading or writing anything, and
 * saves one step at a time, so nothing already saved is lost on an error or a reload.
 */

type DB = Kysely<Database>;

export type SaveResult = { ok: true; providerId: string; next: OnboardingStep } | { ok: false; errors: FieldErrors };

const failure = (errors: FieldErrors): { ok: false; errors: FieldErrors } => ({ ok: false, errors });

export interface DocumentSummary {
  id: string;
  docType: DocumentType;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  expiresOn: string | null;
  uploadedAt: string;
}

export interface OnboardingView {
  role: ProviderMemberRole;
  provider: {
    id: string;
    kind: ProviderKind;
    status: ProviderStatus;
    displayName: string;
    organisationName: string | null;
    fiscalCode: string | null;
    vatNumber: string | null;
    baseAddress: string | null;
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

const identityEditable: ReadonlySet<ProviderStatus> = new Set(["draft", "changes_requested", "expired"]);

function editProblem(status: ProviderStatus, step: OnboardingStep): string | null {
  if (!editableStatuses.has(status)) return status === "pending" ? "errors.underReview" : "errors.notEditable";
  if (step === "identity" && !identityEditable.has(status)) return "errors.identityLocked";
  return null;
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

/** The whole draft as the wizard shows it. Only the provider's members may read it. */
export async function loadOnboarding(db: DB, user: CurrentUser, providerId: string): Promise<OnboardingView> {
  const role = await assertProviderMember(db, user, providerId);
  const p = await db
    .selectFrom("providers")
    .selectAll()
    .where("id", "=", providerId)
    .executeTakeFirstOrThrow();

  const [services, zones, slots, documents, lastDecision, organisation, workers, centroids] = await Promise.all([
    db
      .selectFrom("provider_services as s")
      .innerJoin("service_categories as c", "c.id", "s.category_id")
      .select(["c.slug", "s.hourly_price_cents"])
      .where("s.provider_id", "=", providerId)
      .orderBy("c.sort_order")
      .execute(),
    db.selectFrom("provider_zones").select("quartiere_id").where("provider_id", "=", providerId).orderBy("quartiere_id").execute(),
    db
      .selectFrom("availability_slots")
      .select(["weekday", "start_minute", "end_minute"])
      .where("provider_id", "=", providerId)
      .orderBy("weekday")
      .orderBy("start_minute")
      .execute(),
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
      id: p.id,
      kind: p.kind,
      status: p.status,
      displayName: p.display_name,
      organisationName: p.organisation_name,
      fiscalCode: p.fiscal_code,
      vatNumber: p.vat_number,
      baseAddress: p.base_address,
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
    services: services.map((s) => ({ slug: s.slug, cents: s.hourly_price_cents })),
    zoneIds,
    radiusZoneIds,
    baseFromLocation: baseFromLocation(p, centroids),
    slots: slots.map((s) => ({ weekday: s.weekday, startMinute: s.start_minute, endMinute: s.end_minute })),
    documents: docs,
    photo: documents.find((d) => d.docType === "photo") ?? null,
    missing,
    completed: [...completedSteps(facts, today)],
    canEdit: editableStatuses.has(p.status),
    canEditIdentity: identityEditable.has(p.status),
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

async function currentDocuments(db: DB, providerId: string): Promise<DocumentSummary[]> {
  const rows = await db
    .selectFrom("provider_documents")
    .select([
      "id",
      "doc_type",
      "original_name",
      "content_type",
      "size_bytes",
      sql<string | null>`to_char(expires_on, 'YYYY-MM-DD')`.as("expires_on"),
      "uploaded_at",
    ])
    .where("provider_id", "=", providerId)
    .where("replaced_at", "is", null)
    .orderBy("uploaded_at")
    .execute();
  return rows.map((d) => ({
    id: d.id,
    docType: d.doc_type,
    originalName: d.original_name,
    contentType: d.content_type,
    sizeBytes: d.size_bytes,
    expiresOn: d.expires_on,
    uploadedAt: d.uploaded_at.toISOString(),
  }));
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

// ─── Saving a step ──────────────────────────────────────────────────────────────────────────

/**
 * Runs one step's write on the locked provider row, after checking membership and that the
 * profile may be changed now, and moves the resume point forward.
 */
async function writeStep(
  db: DB,
  user: CurrentUser,
  providerId: string,
  step: OnboardingStep,
  work: (trx: Transaction<Database>, provider: { id: string; status: ProviderStatus; kind: ProviderKind; organisation_id: string | null }) => Promise<FieldErrors | void>,
): Promise<SaveResult> {
  await assertProviderMember(db, user, providerId);
  return db.transaction().execute(async (trx) => {
    const provider = await trx
      .selectFrom("providers")
      .select(["id", "status", "kind", "organisation_id", "onboarding_step"])
      .where("id", "=", providerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const problem = editProblem(provider.status, step);
    if (problem) return failure({ _form: problem });
    const errors = await work(trx, provider);
    if (errors && Object.keys(errors).length > 0) return failure(errors);
    const next = stepAfter(step);
    await trx
      .updateTable("providers")
      .set({ onboarding_step: furthestStep(provider.onboarding_step, next), updated_at: new Date() })
      .where("id", "=", providerId)
      .execute();
    return { ok: true as const, providerId, next };
  });
}

/**
 * Step 1. Without a provider yet, this creates the draft and makes the person its owner (and
 * gives them the provider or organisation role); afterwards it updates the same draft.
 */
export async function saveIdentity(db: DB, user: CurrentUser, input: { providerId: string | null; raw: unknown }): Promise<SaveResult> {
  const parsed = identitySchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const columns = {
    kind: data.kind,
    display_name: data.displayName,
    organisation_name: data.kind === "organisation" ? data.organisationName : null,
    fiscal_code: data.fiscalCode,
    vat_number: data.kind === "organisation" ? data.vatNumber : null,
  };

  const providerId = input.providerId ?? (await ownMembership(db, user))?.providerId ?? null;
  if (providerId === null) {
    const created = await db.transaction().execute(async (trx) => {
      // One draft per person even when the form is sent twice at once.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`provider-draft:${user.id}`}, 0))`.execute(trx);
      if (await ownMembership(trx, user)) return null;
      const { id } = await trx
        .insertInto("providers")
        .values({
          ...columns,
          status: "draft",
          languages: [],
          hourly_price_cents: null,
          quartiere_id: null,
          lat: null,
          lng: null,
          service_radius_m: 0,
          bio: "{}",
          years_experience: 0,
          photo_url: null,
          onboarding_step: stepAfter("identity"),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("provider_members").values({ provider_id: id, user_id: user.id, member_role: "owner" }).execute();
      await grantRole(trx, user.id, data.kind === "organisation" ? "organisation_member" : "provider");
      return { ok: true as const, providerId: id, next: stepAfter("identity") };
    });
    // Someone else's request created it first: save into that draft instead.
    if (created) return created;
    return saveIdentity(db, user, { providerId: (await ownMembership(db, user))!.providerId, raw: input.raw });
  }

  return writeStep(db, user, providerId, "identity", async (trx, provider) => {
    if (provider.organisation_id !== null && data.kind !== "individual") return { kind: "errors.workerIsIndividual" };
    if (provider.kind === "organisation" && data.kind === "individual") {
      const worker = await trx.selectFrom("providers").select("id").where("organisation_id", "=", provider.id).executeTakeFirst();
      if (worker) return { kind: "errors.organisationHasWorkers" };
    }
    await trx.updateTable("providers").set(columns).where("id", "=", provider.id).execute();
    if (data.kind === "organisation") await grantRole(trx, user.id, "organisation_member");
  });
}

/** Step 2: the services offered, each with its hourly price. */
export async function saveServices(db: DB, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
  const parsed = servicesSchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  const { services } = parsed.data;
  const categories = await db.selectFrom("service_categories").select(["id", "slug"]).execute();
  const idOf = new Map(categories.map((c) => [c.slug, c.id]));
  if (services.some((s) => !idOf.has(s.slug))) return failure({ categories: "errors.categoryUnknown" });

  return writeStep(db, user, input.providerId, "services", async (trx, provider) => {
    // A published profile cannot start offering a service whose documents it does not hold
    // (e.g. babysitting without the criminal record certificate): upload them first.
    if (provider.status === "verified") {
      const held = await currentDocuments(trx, provider.id);
      const problems = documentProblems(
        { kind: provider.kind, categorySlugs: services.map((s) => s.slug) },
        held.map((d) => ({ docType: d.docType, expiresOn: d.expiresOn, replaced: false })),
        todayInMilan(),
      );
      if (problems.length > 0) return { categories: "errors.servicesNeedDocuments" };
    }
    await trx.deleteFrom("provider_services").where("provider_id", "=", provider.id).execute();
    await trx
      .insertInto("provider_services")
      .values(services.map((s) => ({ provider_id: provider.id, category_id: idOf.get(s.slug)!, hourly_price_cents: s.cents })))
      .execute();
    // The "from" price shown in search results.
    await trx
      .updateTable("providers")
      .set({ hourly_price_cents: Math.min(...services.map((s) => s.cents)) })
      .where("id", "=", provider.id)
      .execute();
  });
}

/**
 * Step 3: the base point (a quartiere's centroid or the browser's location) with the address
 * typed for the operator, and the zones: the quartieri picked ∪ those within the radius.
 */
export async function saveZones(db: DB, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
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

/** Step 4: the languages spoken. */
export async function saveLanguages(db: DB, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
  const parsed = languagesSchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  return writeStep(db, user, input.providerId, "languages", async (trx, provider) => {
    await trx.updateTable("providers").set({ languages: parsed.data.languages }).where("id", "=", provider.id).execute();
  });
}

/** Step 5: the weekly time ranges (structured, checked for order and overlaps). */
export async function saveAvailability(db: DB, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
  const parsed = availabilitySchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  return writeStep(db, user, input.providerId, "availability", async (trx, provider) => {
    await trx.deleteFrom("availability_slots").where("provider_id", "=", provider.id).execute();
    await trx
      .insertInto("availability_slots")
      .values(parsed.data.slots.map((s) => ({ provider_id: provider.id, weekday: s.weekday, start_minute: s.startMinute, end_minute: s.endMinute })))
      .execute();
  });
}

export type FileInput = UploadedFile | { tooLarge: true } | null;

/**
 * Step 6: introduction texts, years of experience and the photo. A valid photo is kept even
 * when a text has an error, since a file cannot be put back into the form.
 */
export async function saveProfile(
  db: DB,
  store: DocumentStore,
  user: CurrentUser,
  input: { providerId: string; raw: unknown; photo: FileInput },
): Promise<SaveResult & { photoSaved?: boolean }> {
  await assertProviderMember(db, user, input.providerId);
  const errors: FieldErrors = {};
  let photoSaved = false;
  if (input.photo) {
    const stored = await storeFile(db, store, user, {
      providerId: input.providerId,
      step: "profile",
      docType: "photo",
      file: input.photo,
      expiresOn: null,
      field: "photo",
    });
    if (stored.ok) photoSaved = true;
    else Object.assign(errors, stored.errors);
  }
  const parsed = profileSchema.safeParse(input.raw);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, photoSaved };
  const result = await writeStep(db, user, input.providerId, "profile", async (trx, provider) => {
    await trx
      .updateTable("providers")
      .set({ bio: JSON.stringify(parsed.data.bio), years_experience: parsed.data.yearsExperience })
      .where("id", "=", provider.id)
      .execute();
  });
  return { ...result, photoSaved };
}

// ─── Documents ──────────────────────────────────────────────────────────────────────────────

async function storeFile(
  db: DB,
  store: DocumentStore,
  user: CurrentUser,
  input: {
    providerId: string;
    step: OnboardingStep;
    docType: DocumentType;
    file: Exclude<FileInput, null>;
    expiresOn: string | null;
    field: string;
  },
): Promise<{ ok: true; documentId: string } | { ok: false; errors: FieldErrors }> {
  const rule = input.docType === "photo" ? "photo" : "document";
  if ("tooLarge" in input.file) return failure({ [input.field]: rule === "photo" ? "errors.photoTooLarge" : "errors.fileTooLarge" });
  const file = input.file;
  const check = await checkUploadedFile(file, rule);
  if (!check.ok) return failure({ [input.field]: check.error });

  // Refuse early (before writing a file) when the profile cannot change now.
  const status = await db.selectFrom("providers").select("status").where("id", "=", input.providerId).executeTakeFirstOrThrow();
  const problem = editProblem(status.status, input.step);
  if (problem) return failure({ _form: problem });

  const key = await store.save(file.bytes);
  try {
    return await db.transaction().execute(async (trx) => {
      const provider = await trx
        .selectFrom("providers")
        .select(["id", "status"])
        .where("id", "=", input.providerId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const lockedProblem = editProblem(provider.status, input.step);
      if (lockedProblem) {
        await store.remove(key);
        return failure({ _form: lockedProblem });
      }
      const now = new Date();
      // One current document per type (qualifications can be several); the old one is kept,
      // marked replaced, for the operators' history.
      if (input.docType !== "qualification") {
        await trx
          .updateTable("provider_documents")
          .set({ replaced_at: now })
          .where("provider_id", "=", provider.id)
          .where("doc_type", "=", input.docType)
          .where("replaced_at", "is", null)
          .execute();
      }
      const { id } = await trx
        .insertInto("provider_documents")
        .values({
          provider_id: provider.id,
          doc_type: input.docType,
          original_name: cleanFileName(file.name, check.extension),
          storage_key: key,
          content_type: check.contentType,
          size_bytes: file.bytes.byteLength,
          expires_on: input.expiresOn,
          uploaded_by: user.id,
          uploaded_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (input.docType === "photo") {
        await trx.updateTable("providers").set({ photo_url: `/providers/${provider.id}/photo`, updated_at: now }).where("id", "=", provider.id).execute();
      }
      return { ok: true as const, documentId: id };
    });
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

/**
 * Step 7: one document with its type and, for identity, criminal record and insurance, its
 * expiry date. The file must be a PDF, JPEG or PNG (by its bytes) of at most 10 MB.
 */
export async function uploadProviderDocument(
  db: DB,
  store: DocumentStore,
  user: CurrentUser,
  input: { providerId: string; raw: unknown; file: FileInput },
): Promise<{ ok: true; documentId: string } | { ok: false; errors: FieldErrors }> {
  await assertProviderMember(db, user, input.providerId);
  const parsed = documentUploadSchema().safeParse(input.raw);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (!input.file) errors.file = "errors.fileRequired";
  else if ("tooLarge" in input.file) errors.file = "errors.fileTooLarge";
  else {
    const check = await checkUploadedFile(input.file, "document");
    if (!check.ok) errors.file = check.error;
  }
  if (!parsed.success || Object.keys(errors).length > 0 || !input.file) return failure(errors);
  return storeFile(db, store, user, {
    providerId: input.providerId,
    step: "documents",
    docType: parsed.data.docType,
    file: input.file,
    expiresOn: parsed.data.expiresOn,
    field: "file",
  });
}

/** Takes back a qualification (kept, marked replaced, for the history). Other types are replaced by uploading. */
export async function withdrawQualification(
  db: DB,
  user: CurrentUser,
  input: { providerId: string; documentId: string },
): Promise<SaveResult> {
  return writeStep(db, user, input.providerId, "documents", async (trx, provider) => {
    const result = await trx
      .updateTable("provider_documents")
      .set({ replaced_at: new Date() })
      .where("id", "=", input.documentId)
      .where("provider_id", "=", provider.id)
      .where("doc_type", "=", "qualification")
      .where("replaced_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { _form: "errors.documentNotFound" };
  });
}

/** "Continue" on the documents step: documents are saved one by one, this only moves on. */
export async function finishDocumentsStep(db: DB, user: CurrentUser, providerId: string): Promise<SaveResult> {
  return writeStep(db, user, providerId, "documents", async () => {});
}

// ─── Sending for verification ───────────────────────────────────────────────────────────────

export type SubmitResult = { ok: true } | { ok: false; missing: MissingItem[]; errors: FieldErrors };

/** Review & submit: only a complete profile moves to "pending" (a recorded transition). */
export async function submitForVerification(db: DB, user: CurrentUser, providerId: string): Promise<SubmitResult> {
  const view = await loadOnboarding(db, user, providerId);
  if (view.missing.length > 0) return { ok: false, missing: view.missing, errors: { _form: "errors.incomplete" } };
  if (!submittableStatuses.has(view.provider.status)) {
    return { ok: false, missing: [], errors: { _form: view.provider.status === "pending" ? "errors.alreadySubmitted" : "errors.notSubmittable" } };
  }
  try {
    await db.transaction().execute(async (trx) => {
      await changeProviderStatus(trx, { providerId, action: "submit", actor: "provider", actorUserId: user.id });
      await trx.updateTable("providers").set({ submitted_at: new Date(), onboarding_step: "review" }).where("id", "=", providerId).execute();
    });
  } catch (error) {
    if (error instanceof ProviderStatusError && error.code === "transition_not_allowed") {
      return { ok: false, missing: [], errors: { _form: "errors.notSubmittable" } };
    }
    throw error;
  }
  return { ok: true };
}
