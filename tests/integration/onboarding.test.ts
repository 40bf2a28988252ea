import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DB } from "../../db/client";
import type { UserRole } from "../../db/schema";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import { openDocumentForUser, openPublicPhoto } from "../../app/domain/providers/document-access.server";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { createDocumentStore, type DocumentStore } from "../../app/domain/providers/document-store.server";
import {
  finishDocumentsStep,
  loadOnboarding,
  loadProviderHome,
  saveAvailability,
  saveIdentity,
  saveLanguages,
  saveProfile,
  saveServices,
  saveZones,
  submitForVerification,
  uploadProviderDocument,
  withdrawQualification,
} from "../../app/domain/providers/onboarding.server";
import { addWorker, listWorkers, type WorkerInvitationEmail, type WorkerNotifier } from "../../app/domain/providers/organisation-workers.server";
import { acceptWorkerInvitations } from "../../app/domain/providers/provider-access.server";
import { loadProviderDocuments } from "../../app/domain/search/provider-documents.server";
import { changeProviderStatus } from "../../app/domain/verification/change-provider-status.server";
import { runQueuedJobs } from "../support/jobs";
import { waitForEmail } from "../support/mail";
import { createTestContext, type TestContext } from "../support/test-context";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA, 21 LORETO (NoLo, municipio 2).
const DUOMO = 1;
const BRERA = 2;
const FUTURE = "2099-12-31";

let ctx: TestContext;
let store: DocumentStore;

beforeAll(async () => {
  ctx = await createTestContext();
  store = createDocumentStore(path.join(inject("testDataDir"), `uploads-${crypto.randomBytes(4).toString("hex")}`));
});
afterAll(async () => {
  await ctx?.cleanup();
});

async function insertUser(
  db: DB,
  options: { roles?: UserRole[]; quartieri?: number[]; email?: string; verified?: boolean; locale?: string } = {},
): Promise<CurrentUser> {
  const email = options.email ?? `${crypto.randomBytes(5).toString("hex")}@example.test`;
  const { id } = await db
    .insertInto("users")
    .values({ email, password_hash: null, display_name: email, locale: options.locale ?? "it", email_verified_at: options.verified === false ? null : new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const roles = options.roles ?? ["provider"];
  if (roles.length > 0) await db.insertInto("user_roles").values(roles.map((role) => ({ user_id: id, role }))).execute();
  if (options.quartieri?.length) {
    await db.insertInto("operator_quartieri").values(options.quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  }
  return (await loadCurrentUser(db, id))!;
}

const refresh = async (user: CurrentUser) => (await loadCurrentUser(ctx.db, user.id))!;

// Tiny but real files: the checks read their magic bytes.
const pdf = (extra = 0) => ({ name: "documento.pdf", bytes: new Uint8Array(Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), Buffer.alloc(extra)])) });
const png = () => ({
  name: "foto.png",
  bytes: new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64")),
});
const textPretendingToBePdf = () => ({ name: "documento.pdf", bytes: new Uint8Array(Buffer.from("<html><script>alert(1)</script></html>")) });

const week = (filled: Record<string, { start: string; end: string }>) =>
  Array.from({ length: 7 }, (_, d) => Array.from({ length: 3 }, (_, r) => filled[`${d}.${r}`] ?? { start: "", end: "" }));

const bio = "Sono Giulia, faccio la babysitter a Milano da otto anni e parlo italiano e inglese.";

/** A person who goes through every step; returns their provider id. */
async function completeWizard(user: CurrentUser, options: { categories?: string[] } = {}): Promise<string> {
  const categories = options.categories ?? ["babysitter", "colf"];
  const identity = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName: "Giulia R.", fiscalCode: "RSSMRA85T10A562S" } });
  if (!identity.ok) throw new Error(JSON.stringify(identity.errors));
  const providerId = identity.providerId;
  const prices = Object.fromEntries(categories.map((c) => [c, "12,50"]));
  const steps = [
    await saveServices(ctx.db, user, { providerId, raw: { categories, prices } }),
    await saveZones(ctx.db, user, { providerId, raw: { quartieri: [String(BRERA)], baseQuartiereId: String(DUOMO), lat: "", lng: "", baseAddress: "Via Larga 12", radiusKm: "0" } }),
    await saveLanguages(ctx.db, user, { providerId, raw: { languages: ["it", "en"] } }),
    await saveAvailability(ctx.db, user, { providerId, raw: { days: week({ "0.0": { start: "16:00", end: "19:00" }, "2.0": { start: "09:00", end: "12:30" } }) } }),
    await saveProfile(ctx.db, store, user, { providerId, raw: { bio: { it: bio }, yearsExperience: "8" }, photo: png() }),
  ];
  for (const step of steps) if (!step.ok) throw new Error(JSON.stringify(step.errors));
  const documents = [
    await uploadProviderDocument(ctx.db, store, user, { providerId, raw: { docType: "identity", expiresOn: FUTURE }, file: pdf() }),
    ...(categories.some((c) => c === "babysitter" || c === "doposcuola")
      ? [await uploadProviderDocument(ctx.db, store, user, { providerId, raw: { docType: "criminal_record_minors", expiresOn: FUTURE }, file: pdf() })]
      : []),
  ];
  for (const doc of documents) if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
  await finishDocumentsStep(ctx.db, user, providerId);
  return providerId;
}

describe("the provider onboarding wizard", () => {
  it("creates the draft and the owner membership at the first step", async () => {
    const user = await insertUser(ctx.db, { roles: [] });
    const result = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName: "Marta B.", fiscalCode: "mrtmtt25d09f205z" } });
    expect(result).toMatchObject({ ok: true, next: "services" });
    if (!result.ok) return;
    const provider = await ctx.db.selectFrom("providers").selectAll().where("id", "=", result.providerId).executeTakeFirstOrThrow();
    expect(provider).toMatchObject({ status: "draft", kind: "individual", display_name: "Marta B.", fiscal_code: "MRTMTT25D09F205Z", onboarding_step: "services" });
    const members = await ctx.db.selectFrom("provider_members").selectAll().where("provider_id", "=", result.providerId).execute();
    expect(members).toEqual([{ provider_id: result.providerId, user_id: user.id, member_role: "owner" }]);
    expect((await refresh(user)).roles).toContain("provider");

    // Saving the first step again updates the same draft instead of creating another one.
    const again = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName: "Marta Bianchi", fiscalCode: "MRTMTT25D09F205Z" } });
    expect(again.ok && again.providerId).toBe(result.providerId);
    expect(await ctx.db.selectFrom("provider_members").select("provider_id").where("user_id", "=", user.id).execute()).toHaveLength(1);
  });

  it("saves each step and shows everything again when the person comes back", async () => {
    const user = await insertUser(ctx.db);
    const providerId = await completeWizard(user);

    const { view } = await loadProviderHome(ctx.db, user);
    expect(view).not.toBeNull();
    expect(view!.provider).toMatchObject({
      id: providerId,
      status: "draft",
      displayName: "Giulia R.",
      fiscalCode: "RSSMRA85T10A562S",
      baseAddress: "Via Larga 12",
      quartiereId: DUOMO,
      languages: ["it", "en"],
      bio: { it: bio },
      yearsExperience: 8,
      onboardingStep: "review",
    });
    expect(view!.services).toEqual([
      { slug: "babysitter", cents: 1250 },
      { slug: "colf", cents: 1250 },
    ]);
    expect(view!.zoneIds).toEqual([BRERA]);
    expect(view!.slots).toEqual([
      { weekday: 1, startMinute: 960, endMinute: 1140 },
      { weekday: 3, startMinute: 540, endMinute: 750 },
    ]);
    expect(view!.documents.map((d) => [d.docType, d.expiresOn])).toEqual([
      ["identity", FUTURE],
      ["criminal_record_minors", FUTURE],
    ]);
    expect(view!.photo).toMatchObject({ docType: "photo", contentType: "image/png" });
    expect(view!.missing).toEqual([]);
    expect(view!.canSubmit).toBe(true);
    const row = await ctx.db.selectFrom("providers").select(["hourly_price_cents", "lat", "lng", "photo_url"]).where("id", "=", providerId).executeTakeFirstOrThrow();
    const duomo = await ctx.db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", DUOMO).executeTakeFirstOrThrow();
    expect(row).toEqual({ hourly_price_cents: 1250, lat: duomo.lat, lng: duomo.lng, photo_url: `/providers/${providerId}/photo` });
  });

  it("lets steps be revisited in any order without moving the resume point back", async () => {
    const user = await insertUser(ctx.db);
    const providerId = await completeWizard(user);
    const result = await saveLanguages(ctx.db, user, { providerId, raw: { languages: ["it", "ro"] } });
    expect(result).toMatchObject({ ok: true, next: "availability" });
    const view = await loadOnboarding(ctx.db, user, providerId);
    expect(view.provider.languages).toEqual(["it", "ro"]);
    expect(view.provider.onboardingStep).toBe("review");
  });

  it("keeps what was saved when a step comes back with errors", async () => {
    const user = await insertUser(ctx.db);
    const providerId = await completeWizard(user);
    const result = await saveServices(ctx.db, user, { providerId, raw: { categories: ["babysitter", "badante"], prices: { babysitter: "3", badante: "" } } });
    expect(result).toEqual({ ok: false, errors: { "prices.babysitter": "errors.priceRange", "prices.badante": "errors.priceRequired" } });
    const view = await loadOnboarding(ctx.db, user, providerId);
    expect(view.services.map((s) => s.slug)).toEqual(["babysitter", "colf"]);

    const overlap = await saveAvailability(ctx.db, user, {
      providerId,
      raw: { days: week({ "0.0": { start: "09:00", end: "12:00" }, "0.1": { start: "11:00", end: "13:00" } }) },
    });
    expect(overlap).toEqual({ ok: false, errors: { "days.0.1": "errors.slotOverlap" } });
    expect((await loadOnboarding(ctx.db, user, providerId)).slots).toHaveLength(2);
  });

  it("covers the quartieri within the radius of a device location and finds the quartiere it lies in", async () => {
    const user = await insertUser(ctx.db);
    const identity = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName: "Luca", fiscalCode: "RSSMRA85T10A562S" } });
    if (!identity.ok) throw new Error("identity");
    // Piazza del Duomo.
    const result = await saveZones(ctx.db, user, {
      providerId: identity.providerId,
      raw: { quartieri: [], baseQuartiereId: "", lat: "45.46416", lng: "9.19199", baseAddress: "Piazza del Duomo 1", radiusKm: "2" },
    });
    expect(result.ok).toBe(true);
    const view = await loadOnboarding(ctx.db, user, identity.providerId);
    expect(view.provider).toMatchObject({ quartiereId: DUOMO, lat: 45.46416, lng: 9.19199, serviceRadiusKm: 2 });
    expect(view.baseFromLocation).toBe(true);
    expect(view.zoneIds).toEqual(expect.arrayContaining([DUOMO, BRERA]));
    expect(view.zoneIds.length).toBeGreaterThan(3);
    expect(view.radiusZoneIds).toEqual(view.zoneIds);

    // A radius always includes the base quartiere, even when its centre is farther away.
    const edge = await saveZones(ctx.db, user, {
      providerId: identity.providerId,
      raw: { quartieri: [], baseQuartiereId: String(BRERA), lat: "", lng: "", baseAddress: "Via Brera 1", radiusKm: "1" },
    });
    expect(edge.ok).toBe(true);
    expect((await loadOnboarding(ctx.db, user, identity.providerId)).zoneIds).toContain(BRERA);
  });
});

describe("sending the profile for verification", () => {
  it("is refused until every required item is there, and says what is missing", async () => {
    const user = await insertUser(ctx.db);
    const identity = await saveIdentity(ctx.db, user, { providerId: null, raw: { kind: "individual", displayName: "Anna", fiscalCode: "RSSMRA85T10A562S" } });
    if (!identity.ok) throw new Error("identity");
    const result = await submitForVerification(ctx.db, user, identity.providerId);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing.map((m) => m.step)).toEqual(["services", "zones", "zones", "languages", "availability", "profile", "documents"]);
    const provider = await ctx.db.selectFrom("providers").select(["status", "submitted_at"]).where("id", "=", identity.providerId).executeTakeFirstOrThrow();
    expect(provider).toEqual({ status: "draft", submitted_at: null });
    expect(await ctx.db.selectFrom("provider_status_transitions").select("id").where("provider_id", "=", identity.providerId).execute()).toEqual([]);
  });

  it("asks for the criminal record certificate of a babysitter", async () => {
    const user = await insertUser(ctx.db);
    const providerId = await completeWizard(user, { categories: ["colf"] });
    expect((await loadOnboarding(ctx.db, user, providerId)).missing).toEqual([]);
    await saveServices(ctx.db, user, { providerId, raw: { categories: ["doposcuola"], prices: { doposcuola: "15" } } });
    const result = await submitForVerification(ctx.db, user, providerId);
    expect(result.ok === false && result.missing).toEqual([{ step: "documents", key: "missing.document.criminal_record_minors" }]);
  });

  it("moves a complete draft to pending with a recorded transition, then locks it while under review", async () => {
    const user = await insertUser(ctx.db);
    const providerId = await completeWizard(user);
    expect(await submitForVerification(ctx.db, user, providerId)).toEqual({ ok: true });

    const provider = await ctx.db.selectFrom("providers").select(["status", "submitted_at"]).where("id", "=", providerId).executeTakeFirstOrThrow();
    expect(provider.status).toBe("pending");
    expect(provider.submitted_at).toBeInstanceOf(Date);
    const transitions = await ctx.db.selectFrom("provider_status_transitions").selectAll().where("provider_id", "=", providerId).execute();
    expect(transitions).toMatchObject([{ from_status: "draft", to_status: "pending", actor: "provider", actor_user_id: user.id, reason: null }]);

    expect(await submitForVerification(ctx.db, user, providerId)).toMatchObject({ ok: false, errors: { _form: "errors.alreadySubmitted" } });
    expect(await saveLanguages(ctx.db, user, { providerId, raw: { languages: ["it"] } })).toEqual({ ok: false, errors: { _form: "errors.underReview" } });
    expect(await uploadProviderDocument(ctx.db, store, user, { providerId, raw: { docType: "qualification", expiresOn: "" }, file: pdf() })).toEqual({
      ok: false,
      errors: { _form: "errors.underReview" },
    });
    // Drafts never reach the search index; a pending profile neither.
    expect(await loadProviderDocuments(ctx.db, [providerId])).toEqual([]);
  });

  it("shows the operator's message after changes are requested, and can be sent again", async () => {
    const user = await insertUser(ctx.db);
    const providerId = await completeWizard(user);
    await submitForVerification(ctx.db, user, providerId);
    await changeProviderStatus(ctx.db, { providerId, action: "requestChanges", actor: "operator", reason: "La foto del documento non si legge: caricane una più nitida." });

    const view = await loadOnboarding(ctx.db, user, providerId);
    expect(view.provider.status).toBe("changes_requested");
    expect(view.lastDecision).toMatchObject({ toStatus: "changes_requested", reason: "La foto del documento non si legge: caricane una più nitida." });
    expect(view.canEdit).toBe(true);

    const replaced = await uploadProviderDocument(ctx.db, store, user, { providerId, raw: { docType: "identity", expiresOn: "2098-01-01" }, file: pdf() });
    expect(replaced.ok).toBe(true);
    expect(await submitForVerification(ctx.db, user, providerId)).toEqual({ ok: true });
    const statuses = await ctx.db.selectFrom("provider_status_transitions").select("to_status").where("provider_id", "=", providerId).orderBy("id").execute();
    expect(statuses.map((s) => s.to_status)).toEqual(["pending", "changes_requested", "pending"]);
  });
});

describe("a published (verified) profile", () => {
  it("can update its details but cannot add a service whose documents it lacks", async () => {
    const user = await insertUser(ctx.db);
    const providerId = await completeWizard(user, { categories: ["colf"] });
    await submitForVerification(ctx.db, user, providerId);
    await changeProviderStatus(ctx.db, { providerId, action: "approve", actor: "operator" });

    expect((await saveLanguages(ctx.db, user, { providerId, raw: { languages: ["it", "es"] } })).ok).toBe(true);
    expect(await saveServices(ctx.db, user, { providerId, raw: { categories: ["colf", "babysitter"], prices: { colf: "11", babysitter: "13" } } })).toEqual({
      ok: false,
      errors: { categories: "errors.servicesNeedDocuments" },
    });
    expect(await saveIdentity(ctx.db, user, { providerId, raw: { kind: "individual", displayName: "Altro Nome", fiscalCode: "RSSMRA85T10A562S" } })).toEqual({
      ok: false,
      errors: { _form: "errors.identityLocked" },
    });
    const upload = await uploadProviderDocument(ctx.db, store, user, { providerId, raw: { docType: "criminal_record_minors", expiresOn: FUTURE }, file: pdf() });
    expect(upload.ok).toBe(true);
    expect((await saveServices(ctx.db, user, { providerId, raw: { categories: ["colf", "babysitter"], prices: { colf: "11", babysitter: "13" } } })).ok).toBe(true);
    expect((await loadOnboarding(ctx.db, user, providerId)).provider.status).toBe("verified");
  });
});

describe("who may see and change a draft", () => {
  it("refuses another person everything: reading, saving, uploading, submitting, downloading", async () => {
    const owner = await insertUser(ctx.db);
    const providerId = await completeWizard(owner);
    const stranger = await insertUser(ctx.db);
    const family = await insertUser(ctx.db, { roles: ["family"] });
    const documentId = (await loadOnboarding(ctx.db, owner, providerId)).documents[0]!.id;

    for (const intruder of [stranger, family]) {
      await expect(loadOnboarding(ctx.db, intruder, providerId)).rejects.toBeInstanceOf(AuthorisationError);
      await expect(saveIdentity(ctx.db, intruder, { providerId, raw: { kind: "individual", displayName: "Hacker", fiscalCode: "RSSMRA85T10A562S" } })).rejects.toBeInstanceOf(
        AuthorisationError,
      );
      await expect(saveServices(ctx.db, intruder, { providerId, raw: { categories: ["colf"], prices: { colf: "50" } } })).rejects.toBeInstanceOf(AuthorisationError);
      await expect(saveZones(ctx.db, intruder, { providerId, raw: { quartieri: ["1"], baseQuartiereId: "1", baseAddress: "Via X 1", radiusKm: "0" } })).rejects.toBeInstanceOf(
        AuthorisationError,
      );
      await expect(saveProfile(ctx.db, store, intruder, { providerId, raw: { bio: { it: bio }, yearsExperience: "1" }, photo: null })).rejects.toBeInstanceOf(
        AuthorisationError,
      );
      await expect(uploadProviderDocument(ctx.db, store, intruder, { providerId, raw: { docType: "qualification" }, file: pdf() })).rejects.toBeInstanceOf(
        AuthorisationError,
      );
      await expect(withdrawQualification(ctx.db, intruder, { providerId, documentId })).rejects.toBeInstanceOf(AuthorisationError);
      await expect(submitForVerification(ctx.db, intruder, providerId)).rejects.toBeInstanceOf(AuthorisationError);
      await expect(openDocumentForUser(ctx.db, store, intruder, documentId)).rejects.toBeInstanceOf(AuthorisationError);
    }
    // A malformed id is refused the same way (nothing about which ids exist leaks).
    await expect(loadOnboarding(ctx.db, stranger, "not-a-uuid")).rejects.toBeInstanceOf(AuthorisationError);
    // Nothing changed.
    const view = await loadOnboarding(ctx.db, owner, providerId);
    expect(view.provider.displayName).toBe("Giulia R.");
    expect(view.services.map((s) => s.slug)).toEqual(["babysitter", "colf"]);
  });

  it("serves a document to its owner and to the operators of the provider's quartiere only", async () => {
    const owner = await insertUser(ctx.db);
    const providerId = await completeWizard(owner);
    const documentId = (await loadOnboarding(ctx.db, owner, providerId)).documents[0]!.id;
    const operatorHere = await insertUser(ctx.db, { roles: ["operator"], quartieri: [DUOMO] });
    const operatorElsewhere = await insertUser(ctx.db, { roles: ["operator"], quartieri: [BRERA] });
    const admin = await insertUser(ctx.db, { roles: ["admin"] });

    for (const reader of [owner, operatorHere, admin]) {
      const file = await openDocumentForUser(ctx.db, store, reader, documentId);
      expect(file).toMatchObject({ contentType: "application/pdf", fileName: "documento.pdf" });
      file!.stream.destroy();
    }
    await expect(openDocumentForUser(ctx.db, store, operatorElsewhere, documentId)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await openDocumentForUser(ctx.db, store, owner, crypto.randomUUID())).toBeNull();
    // Each look by an operator or admin is on record; the owner's own reads and refusals are not.
    const audit = await auditTrail(ctx.db, "provider_document", documentId);
    expect(audit.map((a) => [a.actor_user_id, a.action])).toEqual([
      [operatorHere.id, "document.read"],
      [admin.id, "document.read"],
    ]);
  });

  it("publishes the photo only once the provider is verified", async () => {
    const owner = await insertUser(ctx.db);
    const providerId = await completeWizard(owner);
    expect(await openPublicPhoto(ctx.db, store, providerId)).toBeNull();
    await submitForVerification(ctx.db, owner, providerId);
    await changeProviderStatus(ctx.db, { providerId, action: "approve", actor: "operator" });
    const photo = await openPublicPhoto(ctx.db, store, providerId);
    expect(photo).toMatchObject({ contentType: "image/png" });
    photo!.stream.destroy();
    await changeProviderStatus(ctx.db, { providerId, action: "suspend", actor: "operator", reason: "Verifica in corso" });
    expect(await openPublicPhoto(ctx.db, store, providerId)).toBeNull();
  });
});

describe("document checks", () => {
  let owner: CurrentUser;
  let providerId: string;
  beforeAll(async () => {
    owner = await insertUser(ctx.db);
    const identity = await saveIdentity(ctx.db, owner, { providerId: null, raw: { kind: "individual", displayName: "Sara", fiscalCode: "RSSMRA85T10A562S" } });
    if (!identity.ok) throw new Error("identity");
    providerId = identity.providerId;
  });
  const upload = (raw: Record<string, unknown>, file: Parameters<typeof uploadProviderDocument>[3]["file"]) =>
    uploadProviderDocument(ctx.db, store, owner, { providerId, raw, file });
  const stored = () => ctx.db.selectFrom("provider_documents").selectAll().where("provider_id", "=", providerId).execute();

  it("refuses a file whose bytes are not a PDF, JPEG or PNG, whatever its name", async () => {
    expect(await upload({ docType: "qualification" }, textPretendingToBePdf())).toEqual({ ok: false, errors: { file: "errors.fileType" } });
    expect(await upload({ docType: "qualification" }, { name: "empty.pdf", bytes: new Uint8Array() })).toEqual({ ok: false, errors: { file: "errors.fileEmpty" } });
    expect(await stored()).toEqual([]);
  });

  it("refuses a file over 10 MB, also when the upload handler already dropped it", async () => {
    expect(await upload({ docType: "qualification" }, pdf(10 * 1024 * 1024))).toEqual({ ok: false, errors: { file: "errors.fileTooLarge" } });
    expect(await upload({ docType: "identity", expiresOn: FUTURE }, { tooLarge: true })).toEqual({ ok: false, errors: { file: "errors.fileTooLarge" } });
    expect(await stored()).toEqual([]);
  });

  it("needs a future expiry date for identity, criminal record and insurance, and a file", async () => {
    expect(await upload({ docType: "identity", expiresOn: "" }, pdf())).toEqual({ ok: false, errors: { expiresOn: "errors.expiryRequired" } });
    expect(await upload({ docType: "insurance", expiresOn: "2001-01-01" }, null)).toEqual({
      ok: false,
      errors: { expiresOn: "errors.expiryPast", file: "errors.fileRequired" },
    });
    expect(await upload({ docType: "photo" }, pdf())).toEqual({ ok: false, errors: { docType: "errors.documentTypeUnknown" } });
  });

  it("stores a valid document outside public/ under a random name and keeps the replaced one", async () => {
    const first = await upload({ docType: "identity", expiresOn: FUTURE }, pdf());
    const second = await upload({ docType: "identity", expiresOn: "2098-06-30" }, pdf(100));
    expect(first.ok && second.ok).toBe(true);
    const rows = await stored();
    expect(rows).toHaveLength(2);
    const [old, current] = [rows.find((r) => first.ok && r.id === first.documentId)!, rows.find((r) => second.ok && r.id === second.documentId)!];
    expect(old.replaced_at).toBeInstanceOf(Date);
    expect(current.replaced_at).toBeNull();
    expect(current).toMatchObject({ content_type: "application/pdf", original_name: "documento.pdf", uploaded_by: owner.id });
    expect(current.storage_key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(current.storage_key).not.toContain("documento");
    const view = await loadOnboarding(ctx.db, owner, providerId);
    expect(view.documents.map((d) => [d.docType, d.expiresOn])).toEqual([["identity", "2098-06-30"]]);
  });

  it("keeps several qualifications and lets one be withdrawn", async () => {
    const a = await upload({ docType: "qualification" }, pdf());
    const b = await upload({ docType: "qualification" }, png());
    expect(a.ok && b.ok).toBe(true);
    expect((await loadOnboarding(ctx.db, owner, providerId)).documents.filter((d) => d.docType === "qualification")).toHaveLength(2);
    if (!a.ok) return;
    expect((await withdrawQualification(ctx.db, owner, { providerId, documentId: a.documentId })).ok).toBe(true);
    expect((await loadOnboarding(ctx.db, owner, providerId)).documents.filter((d) => d.docType === "qualification")).toHaveLength(1);
  });

  it("takes only JPEG, PNG or WebP as a photo, and keeps a valid photo even when a text has an error", async () => {
    const bad = await saveProfile(ctx.db, store, owner, { providerId, raw: { bio: { it: bio }, yearsExperience: "3" }, photo: pdf() });
    expect(bad).toMatchObject({ ok: false, errors: { photo: "errors.photoType" }, photoSaved: false });
    const partly = await saveProfile(ctx.db, store, owner, { providerId, raw: { bio: { it: "corta" }, yearsExperience: "3" }, photo: png() });
    expect(partly).toMatchObject({ ok: false, errors: { "bio.it": "errors.bioShort" }, photoSaved: true });
    expect((await loadOnboarding(ctx.db, owner, providerId)).photo).not.toBeNull();
  });
});

describe("organisations and their workers", () => {
  let owner: CurrentUser;
  let organisationId: string;
  let sent: WorkerInvitationEmail[];
  const notify: WorkerNotifier = async (_db, email) => {
    sent.push(email);
  };

  beforeAll(async () => {
    sent = [];
    owner = await insertUser(ctx.db, { roles: [] });
    const identity = await saveIdentity(ctx.db, owner, {
      providerId: null,
      raw: { kind: "organisation", organisationName: "Cooperativa Sociale Aurora", displayName: "Aurora", vatNumber: "00743110157", fiscalCode: "00743110157" },
    });
    if (!identity.ok) throw new Error(JSON.stringify(identity.errors));
    organisationId = identity.providerId;
    await saveServices(ctx.db, owner, { providerId: organisationId, raw: { categories: ["badante", "colf"], prices: { badante: "14", colf: "11" } } });
  });

  it("gives the organisation's owner the organisation role", async () => {
    expect((await refresh(owner)).roles).toContain("organisation_member");
  });

  it("creates a worker draft linked to an existing account and tells them", async () => {
    const worker = await insertUser(ctx.db, { roles: ["family"], email: "ana.pop@example.test", locale: "en" });
    const result = await addWorker(ctx.db, owner, { organisationId, raw: { name: "Ana Pop", email: "Ana.Pop@example.test", categories: ["badante"] } }, notify);
    expect(result).toMatchObject({ ok: true, linkedUser: true });
    if (!result.ok) return;
    const row = await ctx.db.selectFrom("providers").selectAll().where("id", "=", result.workerId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "individual", status: "draft", organisation_id: organisationId, display_name: "Ana Pop", organisation_name: "Cooperativa Sociale Aurora" });
    expect(await ctx.db.selectFrom("provider_members").select(["user_id", "member_role"]).where("provider_id", "=", result.workerId).execute()).toEqual([
      { user_id: worker.id, member_role: "worker" },
    ]);
    expect(sent.at(-1)).toEqual({
      to: "ana.pop@example.test",
      locale: "en",
      template: { ns: "onboarding", key: "emails.workerInvited" },
      params: { name: "Ana Pop", organisation: "Cooperativa Sociale Aurora" },
    });

    // The worker completes their own draft; the organisation cannot read it, but sees its status.
    const home = await loadProviderHome(ctx.db, await refresh(worker));
    expect(home.view).toMatchObject({ role: "worker", provider: { id: result.workerId }, organisation: { id: organisationId, name: "Cooperativa Sociale Aurora" } });
    expect(home.view!.services).toEqual([{ slug: "badante", cents: 1400 }]);
    expect(await saveIdentity(ctx.db, worker, { providerId: result.workerId, raw: { kind: "organisation", organisationName: "Ana Srl", displayName: "Ana Srl", vatNumber: "00743110157", fiscalCode: "00743110157" } })).toEqual({
      ok: false,
      errors: { kind: "errors.workerIsIndividual" },
    });
    await expect(loadOnboarding(ctx.db, owner, result.workerId)).rejects.toBeInstanceOf(AuthorisationError);
    const { workers } = await listWorkers(ctx.db, owner, organisationId);
    expect(workers).toEqual([{ id: result.workerId, displayName: "Ana Pop", status: "draft", email: "ana.pop@example.test", linked: true, services: ["badante"] }]);
  });

  it("invites a person without an account and links them once their e-mail is verified", async () => {
    const result = await addWorker(ctx.db, owner, { organisationId, raw: { name: "Bruno Neri", email: "bruno.neri@example.test", categories: ["colf"] } }, notify);
    expect(result).toMatchObject({ ok: true, linkedUser: false });
    if (!result.ok) return;
    expect(await ctx.db.selectFrom("provider_members").select("user_id").where("provider_id", "=", result.workerId).execute()).toEqual([]);

    const unverified = await insertUser(ctx.db, { roles: [], email: "bruno.neri@example.test", verified: false });
    expect(await loadProviderHome(ctx.db, unverified)).toEqual({ view: null, invitationWaitingForVerifiedEmail: true });
    await ctx.db.updateTable("users").set({ email_verified_at: new Date() }).where("id", "=", unverified.id).execute();
    const verified = await refresh(unverified);
    const home = await loadProviderHome(ctx.db, verified);
    expect(home.view?.provider.id).toBe(result.workerId);
    expect((await refresh(verified)).roles).toContain("provider");
    expect(await acceptWorkerInvitations(ctx.db, verified)).toBe(0);
  });

  it("refuses a duplicate, a service the organisation does not offer, and workers or strangers adding workers", async () => {
    expect(await addWorker(ctx.db, owner, { organisationId, raw: { name: "Ana", email: "ANA.POP@example.test", categories: ["badante"] } }, notify)).toEqual({
      ok: false,
      errors: { email: "errors.workerAlreadyAdded" },
    });
    expect(await addWorker(ctx.db, owner, { organisationId, raw: { name: "Carla", email: "carla@example.test", categories: ["babysitter"] } }, notify)).toEqual({
      ok: false,
      errors: { categories: "errors.workerCategoryNotOffered" },
    });
    const stranger = await insertUser(ctx.db);
    await expect(addWorker(ctx.db, stranger, { organisationId, raw: { name: "X", email: "x@example.test", categories: ["colf"] } }, notify)).rejects.toBeInstanceOf(
      AuthorisationError,
    );
    await expect(listWorkers(ctx.db, stranger, organisationId)).rejects.toBeInstanceOf(AuthorisationError);
    const ana = await ctx.db.selectFrom("users").select("id").where("email", "=", "ana.pop@example.test").executeTakeFirstOrThrow();
    await expect(
      addWorker(ctx.db, (await loadCurrentUser(ctx.db, ana.id))!, { organisationId, raw: { name: "X", email: "x@example.test", categories: ["colf"] } }, notify),
    ).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("sends the invitation as a translated e-mail through the job queue", async () => {
    const result = await addWorker(ctx.db, owner, { organisationId, raw: { name: "Dario Verdi", email: "dario.verdi@example.test", categories: ["colf"] } });
    expect(result.ok).toBe(true);
    await runQueuedJobs(ctx);
    const email = await waitForEmail(inject("mailDir"), "dario.verdi@example.test");
    expect(email.subject).toBe("Cooperativa Sociale Aurora ti ha aggiunto su Vicinato");
    expect(email.text).toContain("Ciao Dario Verdi");
    expect(email.text).toMatch(/https?:\/\/\S+\/provider/);
  });
});
