import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { DB } from "../../db/client";
import type { DocumentType, UserRole } from "../../db/schema";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import { DOCUMENT_EXPIRY_ACTOR, documentExpiryTask, runDocumentExpiryCheck } from "../../app/domain/verification/document-expiry.server";
import type { VerificationEmail, VerificationNotifier } from "../../app/domain/verification/notifications.server";
import { canReviewProvider } from "../../app/domain/verification/operator-access.server";
import { getProviderForReview } from "../../app/domain/verification/provider-review.server";
import { applyVerificationDecision, VerificationDecisionError } from "../../app/domain/verification/verification-decisions.server";
import { getOperatorOverview, listVerificationQueue } from "../../app/domain/verification/verification-queue.server";
import { runQueuedJobs } from "../support/jobs";
import { waitForEmail } from "../support/mail";
import { insertProvider, type ProviderFixture } from "../support/provider-fixtures";
import { drainOutbox, searchFor } from "../support/search-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA.
const QUARTIERE_A = 1;
const QUARTIERE_B = 2;
const FAR_FUTURE = "2099-12-31";

let ctx: TestContext;
let operatorA: CurrentUser;
let operatorB: CurrentUser;
let admin: CurrentUser;
let family: CurrentUser;

/** Every e-mail the domain asked to send, instead of queueing it. */
let sent: VerificationEmail[] = [];
const notify: VerificationNotifier = async (_db, email) => {
  sent.push(email);
};

async function insertUser(db: DB, options: { roles: UserRole[]; quartieri?: number[]; name?: string; locale?: string }): Promise<CurrentUser> {
  const email = `${crypto.randomBytes(5).toString("hex")}@example.test`;
  const { id } = await db
    .insertInto("users")
    .values({ email, password_hash: null, display_name: options.name ?? email, locale: options.locale ?? "it", email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.roles.length > 0) await db.insertInto("user_roles").values(options.roles.map((role) => ({ user_id: id, role }))).execute();
  if (options.quartieri?.length) {
    await db.insertInto("operator_quartieri").values(options.quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  }
  return (await loadCurrentUser(db, id))!;
}

/** A provider with an owner account (who receives the e-mails) and the given documents. */
async function insertReviewedProvider(
  fixture: ProviderFixture & { documents?: Array<{ type: DocumentType; expiresOn?: string | null; replaced?: boolean }>; locale?: string },
): Promise<{ id: string; ownerEmail: string }> {
  const id = await insertProvider(ctx.db, { status: "pending", quartiereId: QUARTIERE_A, ...fixture });
  const owner = await insertUser(ctx.db, { roles: ["provider"], name: fixture.displayName, locale: fixture.locale });
  await ctx.db.insertInto("provider_members").values({ provider_id: id, user_id: owner.id, member_role: "owner" }).execute();
  await ctx.db.updateTable("providers").set({ submitted_at: new Date(), fiscal_code: "RSSMRA80A01F205X" }).where("id", "=", id).execute();
  for (const doc of fixture.documents ?? []) await insertDocument(id, doc.type, doc.expiresOn ?? FAR_FUTURE, doc.replaced);
  return { id, ownerEmail: owner.email };
}

async function insertDocument(providerId: string, type: DocumentType, expiresOn: string | null, replaced = false): Promise<string> {
  const { id } = await ctx.db
    .insertInto("provider_documents")
    .values({
      provider_id: providerId,
      doc_type: type,
      original_name: `${type}.pdf`,
      storage_key: crypto.randomUUID(),
      content_type: "application/pdf",
      size_bytes: 12_345,
      expires_on: expiresOn,
      replaced_at: replaced ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

const statusOf = async (id: string) =>
  (await ctx.db.selectFrom("providers").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const transitionsOf = (id: string) =>
  ctx.db.selectFrom("provider_status_transitions").selectAll().where("provider_id", "=", id).orderBy("created_at").orderBy("id").execute();
const isSearchable = async (name: string) => {
  await drainOutbox(ctx.db, ctx.search);
  return (await searchFor(ctx, `q=${encodeURIComponent(name)}`)).hits.some((h) => h.displayName === name);
};
const babysitterDocs = [{ type: "identity" as const }, { type: "criminal_record_minors" as const }];

beforeAll(async () => {
  ctx = await createTestContext();
  operatorA = await insertUser(ctx.db, { roles: ["operator"], quartieri: [QUARTIERE_A], name: "Operatrice Anna" });
  operatorB = await insertUser(ctx.db, { roles: ["operator"], quartieri: [QUARTIERE_B], name: "Operatore Bruno" });
  admin = await insertUser(ctx.db, { roles: ["admin"], name: "Amministratrice" });
  family = await insertUser(ctx.db, { roles: ["family"] });
});
afterAll(async () => {
  await ctx?.cleanup();
});
beforeEach(() => {
  sent = [];
});

describe("deciding on a provider", () => {
  it("approve makes the provider searchable and records who, when and why", async () => {
    const { id, ownerEmail } = await insertReviewedProvider({ displayName: "Giada Approvata", documents: babysitterDocs });
    expect(await isSearchable("Giada Approvata")).toBe(false);

    const before = Date.now();
    const result = await applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "approve" }, { notify });
    expect(result).toEqual({ from: "pending", to: "verified", notified: 1 });

    expect(await statusOf(id)).toBe("verified");
    expect(await isSearchable("Giada Approvata")).toBe(true);
    const [transition] = await transitionsOf(id);
    expect(transition).toMatchObject({ from_status: "pending", to_status: "verified", actor: "operator", actor_user_id: operatorA.id, reason: null });
    expect(transition!.created_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const provider = await ctx.db.selectFrom("providers").select(["verified_at", "minors_check"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(provider.verified_at).not.toBeNull();
    expect(provider.minors_check).toBe(true); // the certificate is on file
    expect(sent).toEqual([
      { to: ownerEmail, locale: "it", template: { ns: "operator", key: "emails.approved" }, params: { name: "Giada Approvata", reason: "" } },
    ]);
    const audit = await auditTrail(ctx.db, "provider", id);
    expect(audit).toEqual([expect.objectContaining({ actor_user_id: operatorA.id, action: "provider.approve", details: { from: "pending", to: "verified" } })]);
  });

  it("suspend removes the provider from search, with the reason recorded and sent", async () => {
    const { id } = await insertReviewedProvider({ displayName: "Sara Sospesa", documents: babysitterDocs });
    await applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "approve" }, { notify });
    expect(await isSearchable("Sara Sospesa")).toBe(true);
    sent = [];

    await applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "suspend", reason: "Segnalazione di una famiglia" }, { notify });
    expect(await statusOf(id)).toBe("suspended");
    expect(await isSearchable("Sara Sospesa")).toBe(false);
    expect((await transitionsOf(id)).at(-1)).toMatchObject({
      from_status: "verified",
      to_status: "suspended",
      actor_user_id: operatorA.id,
      reason: "Segnalazione di una famiglia",
    });
    expect(sent.map((e) => [e.template.key, e.params.reason])).toEqual([["emails.suspended", "Segnalazione di una famiglia"]]);

    // Reinstating needs valid documents too, and brings them back.
    await applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "reinstate" }, { notify });
    expect(await isSearchable("Sara Sospesa")).toBe(true);
  });

  it("asks for changes with a message and rejects with a reason", async () => {
    const first = await insertReviewedProvider({ displayName: "Chiara Modifiche", documents: babysitterDocs });
    await applyVerificationDecision(ctx.db, operatorA, { providerId: first.id, action: "requestChanges", reason: "Carica la foto del documento leggibile" }, { notify });
    expect(await statusOf(first.id)).toBe("changes_requested");
    expect(sent[0]).toMatchObject({ template: { key: "emails.changesRequested" }, params: { reason: "Carica la foto del documento leggibile" } });

    const second = await insertReviewedProvider({ displayName: "Rita Respinta", documents: babysitterDocs });
    await applyVerificationDecision(ctx.db, operatorA, { providerId: second.id, action: "reject", reason: "Dati non veritieri" }, { notify });
    expect(await statusOf(second.id)).toBe("rejected");
    expect((await transitionsOf(second.id))[0]).toMatchObject({ to_status: "rejected", reason: "Dati non veritieri", actor_user_id: operatorA.id });
  });

  it("e-mails the provider in their language through the job queue by default", async () => {
    const { id, ownerEmail } = await insertReviewedProvider({ displayName: "Nadia Notificata", documents: babysitterDocs });
    await applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "requestChanges", reason: "Serve il codice fiscale del genitore" });
    await runQueuedJobs(ctx);
    const message = await waitForEmail(inject("mailDir"), ownerEmail);
    expect(message.subject).toBe("Vicinato: servono alcune modifiche al tuo profilo");
    expect(message.text).toContain("Gentile Nadia Notificata");
    expect(message.text).toContain("Serve il codice fiscale del genitore");
  });

  it.each(["requestChanges", "reject", "suspend"])("refuses %s without a reason and records nothing", async (action) => {
    const { id } = await insertReviewedProvider({ displayName: `Senza Motivo ${action}`, status: action === "suspend" ? "verified" : "pending", documents: babysitterDocs });
    const attempt = applyVerificationDecision(ctx.db, operatorA, { providerId: id, action, reason: "   " }, { notify });
    await expect(attempt).rejects.toMatchObject({ name: "VerificationDecisionError", code: "reason_required" });
    expect(await transitionsOf(id)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("refuses a step the state machine does not allow", async () => {
    const { id } = await insertReviewedProvider({ displayName: "Rosa Giàrespinta", status: "rejected", documents: babysitterDocs });
    await expect(applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "approve" }, { notify })).rejects.toMatchObject({
      code: "transition_not_allowed",
    });
    await expect(applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "expire" }, { notify })).rejects.toMatchObject({
      code: "unknown_action",
    });
  });

  describe("refuses approval when a required document is missing or expired", () => {
    it("a babysitter without the criminal record certificate", async () => {
      const { id } = await insertReviewedProvider({ displayName: "Bianca Senzacertificato", documents: [{ type: "identity" }] });
      const attempt = applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "approve" }, { notify });
      await expect(attempt).rejects.toBeInstanceOf(VerificationDecisionError);
      await expect(attempt).rejects.toMatchObject({
        code: "approval_refused",
        problems: [{ kind: "document", docType: "criminal_record_minors", problem: "missing" }],
      });
      expect(await statusOf(id)).toBe("pending");
      expect(sent).toEqual([]);
    });

    it("an expired identity document (a replaced one does not count either)", async () => {
      const { id } = await insertReviewedProvider({
        displayName: "Ida Scaduta",
        services: [{ slug: "colf", cents: 1100 }],
        documents: [{ type: "identity", expiresOn: "2020-01-31" }, { type: "identity", expiresOn: FAR_FUTURE, replaced: true }],
      });
      await expect(applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "approve" }, { notify })).rejects.toMatchObject({
        code: "approval_refused",
        problems: [{ kind: "document", docType: "identity", problem: "expired" }],
      });
      const review = await getProviderForReview(ctx.db, operatorA, id);
      expect(review!.approvalProblems).toEqual([{ kind: "document", docType: "identity", problem: "expired" }]);
      expect(review!.documents.map((d) => d.state)).toEqual(["expired", "valid"]);
    });

    it("an organisation without insurance", async () => {
      const { id } = await insertReviewedProvider({ displayName: "Cooperativa Senzapolizza", kind: "organisation", documents: [{ type: "identity" }] });
      await expect(applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "approve" }, { notify })).rejects.toMatchObject({
        problems: [{ kind: "document", docType: "insurance", problem: "missing" }],
      });
    });
  });
});

describe("organisations and their workers", () => {
  it("verifies each worker on their own, after the organisation is accredited; suspending the organisation hides its workers", async () => {
    const org = await insertReviewedProvider({
      displayName: "Cooperativa Il Girasole",
      kind: "organisation",
      services: [{ slug: "badante", cents: 1500 }],
      documents: [{ type: "identity" }, { type: "insurance" }],
    });
    const worker = await insertReviewedProvider({ displayName: "Walter Lavoratore", documents: babysitterDocs });
    await ctx.db.updateTable("providers").set({ organisation_id: org.id }).where("id", "=", worker.id).execute();

    await expect(applyVerificationDecision(ctx.db, operatorA, { providerId: worker.id, action: "approve" }, { notify })).rejects.toMatchObject({
      problems: [{ kind: "organisation_not_accredited" }],
    });
    await applyVerificationDecision(ctx.db, operatorA, { providerId: org.id, action: "approve" }, { notify });
    await applyVerificationDecision(ctx.db, operatorA, { providerId: worker.id, action: "approve" }, { notify });
    expect(await isSearchable("Walter Lavoratore")).toBe(true);
    // The organisation's owner hears about the worker too.
    expect(sent.filter((e) => e.template.key === "emails.approved").map((e) => e.to)).toEqual(
      expect.arrayContaining([org.ownerEmail, worker.ownerEmail]),
    );

    const review = await getProviderForReview(ctx.db, operatorA, org.id);
    expect(review!.workers).toEqual([expect.objectContaining({ id: worker.id, status: "verified" })]);
    expect((await getProviderForReview(ctx.db, operatorA, worker.id))!.organisation).toMatchObject({ id: org.id, status: "verified" });

    await applyVerificationDecision(ctx.db, operatorA, { providerId: org.id, action: "suspend", reason: "Polizza non rinnovata" }, { notify });
    expect(await statusOf(worker.id)).toBe("verified"); // still verified on their own…
    expect(await isSearchable("Walter Lavoratore")).toBe(false); // …but not public without an accredited organisation
    await applyVerificationDecision(ctx.db, operatorA, { providerId: org.id, action: "reinstate" }, { notify });
    expect(await isSearchable("Walter Lavoratore")).toBe(true);
  });
});

describe("the queue and the review page", () => {
  it("lists the pending providers of the operator's quartieri, oldest first, with their next expiry", async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await insertReviewedProvider({
      displayName: "Quinta Incoda",
      documents: [{ type: "identity", expiresOn: soon }, { type: "criminal_record_minors" }],
    });
    const elsewhere = await insertReviewedProvider({ displayName: "Bruna Altrove", quartiereId: QUARTIERE_B, documents: babysitterDocs });

    const queue = await listVerificationQueue(ctx.db, operatorA, { status: "pending" });
    expect(queue.quartieri.map((q) => q.id)).toEqual([QUARTIERE_A]);
    const item = queue.items.find((i) => i.id === id);
    expect(item).toMatchObject({ status: "pending", quartiere: { id: QUARTIERE_A }, nextExpiry: { docType: "identity", expiresOn: soon, state: "expiring" } });
    expect(queue.items.some((i) => i.id === elsewhere.id)).toBe(false);

    const expiring = await listVerificationQueue(ctx.db, operatorA, { status: "all", expiringWithinDays: 30 });
    expect(expiring.items.map((i) => i.id)).toContain(id);
    expect(expiring.items.every((i) => i.nextExpiry !== null)).toBe(true);

    const overview = await getOperatorOverview(ctx.db, operatorA);
    expect(overview.quartieri.map((q) => q.id)).toEqual([QUARTIERE_A]);
    expect(overview.quartieri[0]!.counts.pending).toBeGreaterThan(0);
    expect(overview.expiringDocuments).toEqual(expect.arrayContaining([expect.objectContaining({ providerId: id, docType: "identity" })]));

    const adminQueue = await listVerificationQueue(ctx.db, admin, { status: "pending" });
    expect(adminQueue.items.map((i) => i.id)).toEqual(expect.arrayContaining([id, elsewhere.id]));
  });

  it("shows everything the operator checks: identity, services, documents, history with who and why", async () => {
    const { id, ownerEmail } = await insertReviewedProvider({ displayName: "Dora Dettagli", documents: babysitterDocs, languages: ["it", "es"] });
    await applyVerificationDecision(ctx.db, operatorA, { providerId: id, action: "requestChanges", reason: "Manca la foto" }, { notify });
    const review = await getProviderForReview(ctx.db, operatorA, id);
    expect(review).toMatchObject({
      displayName: "Dora Dettagli",
      status: "changes_requested",
      fiscalCode: "RSSMRA80A01F205X",
      languages: ["it", "es"],
      services: [{ categorySlug: "babysitter", hourlyPriceCents: 1200 }],
      zones: [{ id: QUARTIERE_A }],
      members: [{ email: ownerEmail, role: "owner" }],
      requiredDocuments: ["identity", "criminal_record_minors"],
      allowedActions: [],
      history: [{ from: "pending", to: "changes_requested", actor: "operator", actorName: "Operatrice Anna", reason: "Manca la foto" }],
    });
    expect(review!.documents).toHaveLength(2);
    expect(review!.availability).toEqual([{ weekday: 1, startMinute: 960, endMinute: 1140 }]);
    expect(await getProviderForReview(ctx.db, operatorA, crypto.randomUUID())).toBeNull();
  });
});

describe("an operator of another quartiere", () => {
  let providerId: string;
  beforeAll(async () => {
    providerId = (await insertReviewedProvider({ displayName: "Paola Protetta", documents: babysitterDocs })).id;
  });

  it("cannot see the provider in the queue, on the overview or on the review page", async () => {
    await expect(listVerificationQueue(ctx.db, operatorB, { quartiereId: QUARTIERE_A })).rejects.toBeInstanceOf(AuthorisationError);
    const own = await listVerificationQueue(ctx.db, operatorB, { status: "all" });
    expect(own.items.some((i) => i.id === providerId)).toBe(false);
    const overview = await getOperatorOverview(ctx.db, operatorB);
    expect(overview.quartieri.map((q) => q.id)).toEqual([QUARTIERE_B]);
    expect(overview.expiringDocuments.some((d) => d.providerId === providerId)).toBe(false);
    await expect(getProviderForReview(ctx.db, operatorB, providerId)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await canReviewProvider(ctx.db, operatorB, providerId)).toBe(false);
    expect(await canReviewProvider(ctx.db, operatorA, providerId)).toBe(true);
  });

  it.each(["approve", "requestChanges", "reject", "suspend", "reinstate"])("cannot %s the provider", async (action) => {
    await expect(
      applyVerificationDecision(ctx.db, operatorB, { providerId, action, reason: "Provo comunque" }, { notify }),
    ).rejects.toBeInstanceOf(AuthorisationError);
    expect(await statusOf(providerId)).toBe("pending");
    expect(await transitionsOf(providerId)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("and someone who is not an operator cannot use any verification function", async () => {
    for (const user of [family, null]) {
      await expect(listVerificationQueue(ctx.db, user)).rejects.toBeInstanceOf(AuthorisationError);
      await expect(getOperatorOverview(ctx.db, user)).rejects.toBeInstanceOf(AuthorisationError);
      await expect(getProviderForReview(ctx.db, user, providerId)).rejects.toBeInstanceOf(AuthorisationError);
      // Even an id that does not exist is refused before anything is looked up.
      await expect(getProviderForReview(ctx.db, user, crypto.randomUUID())).rejects.toBeInstanceOf(AuthorisationError);
      await expect(applyVerificationDecision(ctx.db, user, { providerId, action: "approve" }, { notify })).rejects.toBeInstanceOf(AuthorisationError);
    }
  });

  it("while an admin may act anywhere, recorded as admin", async () => {
    const { id } = await insertReviewedProvider({ displayName: "Alba Amministrata", quartiereId: QUARTIERE_B, documents: babysitterDocs });
    await applyVerificationDecision(ctx.db, admin, { providerId: id, action: "approve" }, { notify });
    expect((await transitionsOf(id))[0]).toMatchObject({ actor: "admin", actor_user_id: admin.id });
  });
});

describe("the document expiry job", () => {
  const day = (iso: string) => new Date(`${iso}T06:00:00+01:00`);
  const mine = (email: string) => sent.filter((e) => e.to === email);

  it("reminds 30 and 7 days before, exactly once each, then expires the provider and removes it from search", async () => {
    const { id, ownerEmail } = await insertReviewedProvider({
      displayName: "Elsa Scadenza",
      status: "verified",
      documents: [{ type: "identity", expiresOn: "2031-03-31" }, { type: "criminal_record_minors", expiresOn: FAR_FUTURE }],
    });
    expect(await isSearchable("Elsa Scadenza")).toBe(true);

    await runDocumentExpiryCheck(ctx.db, { now: day("2031-02-28"), notify }); // 31 days before: nothing yet
    expect(mine(ownerEmail)).toEqual([]);

    await runDocumentExpiryCheck(ctx.db, { now: day("2031-03-01"), notify }); // 30 days before
    await runDocumentExpiryCheck(ctx.db, { now: day("2031-03-01"), notify }); // again the same day
    await runDocumentExpiryCheck(ctx.db, { now: day("2031-03-10"), notify });
    expect(mine(ownerEmail)).toEqual([
      {
        to: ownerEmail,
        locale: "it",
        template: { ns: "operator", key: "emails.reminder30" },
        params: { name: "Elsa Scadenza", documentType: "Documento d'identità", expiresOn: "31 marzo 2031", days: "30" },
      },
    ]);

    await runDocumentExpiryCheck(ctx.db, { now: day("2031-03-24"), notify }); // 7 days before
    await runDocumentExpiryCheck(ctx.db, { now: day("2031-03-25"), notify });
    await runDocumentExpiryCheck(ctx.db, { now: day("2031-03-31"), notify }); // the last valid day
    expect(mine(ownerEmail).map((e) => [e.template.key, e.params.days])).toEqual([
      ["emails.reminder30", "30"],
      ["emails.reminder7", "7"],
    ]);
    expect(await statusOf(id)).toBe("verified");
    const doc = await ctx.db.selectFrom("provider_documents").select(["reminded_30_at", "reminded_7_at"]).where("provider_id", "=", id).where("doc_type", "=", "identity").executeTakeFirstOrThrow();
    expect(doc.reminded_30_at).toEqual(day("2031-03-01"));
    expect(doc.reminded_7_at).toEqual(day("2031-03-24"));

    const outcome = await runDocumentExpiryCheck(ctx.db, { now: day("2031-04-01"), notify }); // expired
    expect(outcome.expired).toContain(id);
    expect(await statusOf(id)).toBe("expired");
    expect((await transitionsOf(id)).at(-1)).toMatchObject({
      from_status: "verified",
      to_status: "expired",
      actor: DOCUMENT_EXPIRY_ACTOR,
      actor_user_id: null,
      reason: "document_expired:identity:2031-03-31",
    });
    expect(mine(ownerEmail).at(-1)).toMatchObject({ template: { key: "emails.expired" }, params: { documentType: "Documento d'identità" } });
    expect(await isSearchable("Elsa Scadenza")).toBe(false);

    // Visible in the operator queue, with the reason on the review page.
    const queue = await listVerificationQueue(ctx.db, operatorA, { status: "expired" }, { now: day("2031-04-01") });
    expect(queue.items.find((i) => i.id === id)?.nextExpiry).toMatchObject({ docType: "identity", state: "expired" });

    const again = await runDocumentExpiryCheck(ctx.db, { now: day("2031-04-02"), notify });
    expect(again.expired).not.toContain(id);
    expect((await transitionsOf(id)).filter((t) => t.to_status === "expired")).toHaveLength(1);
  });

  it("sends only the 7-day reminder for a document first seen within 7 days, in the recipient's language", async () => {
    const { ownerEmail } = await insertReviewedProvider({
      displayName: "Emma Lastminute",
      status: "verified",
      locale: "en",
      documents: [{ type: "identity", expiresOn: "2032-06-05" }, { type: "criminal_record_minors" }],
    });
    await runDocumentExpiryCheck(ctx.db, { now: day("2032-06-01"), notify });
    await runDocumentExpiryCheck(ctx.db, { now: day("2032-06-02"), notify });
    expect(mine(ownerEmail).map((e) => [e.template.key, e.locale, e.params.documentType, e.params.expiresOn])).toEqual([
      ["emails.reminder7", "en", "Identity document", "June 5, 2032"],
    ]);
  });

  it("leaves alone a verified provider without documents on file, and a document that is not required", async () => {
    const bare = await insertReviewedProvider({ displayName: "Vera Senzadocumenti", status: "verified" });
    const optional = await insertReviewedProvider({
      displayName: "Olga Opzionale",
      status: "verified",
      services: [{ slug: "colf", cents: 1000 }],
      documents: [{ type: "identity" }, { type: "qualification", expiresOn: "2033-01-01" }],
    });
    const outcome = await runDocumentExpiryCheck(ctx.db, { now: day("2033-02-01"), notify });
    expect(outcome.expired).not.toContain(bare.id);
    expect(outcome.expired).not.toContain(optional.id);
    expect(await statusOf(optional.id)).toBe("verified");
  });

  it("withdraws the minors badge when that certificate expires", async () => {
    const { id } = await insertReviewedProvider({
      displayName: "Marta Badante",
      status: "verified",
      minorsCheck: true,
      services: [{ slug: "badante", cents: 1000 }],
      documents: [{ type: "identity" }, { type: "criminal_record_minors", expiresOn: "2034-01-01" }],
    });
    const outcome = await runDocumentExpiryCheck(ctx.db, { now: day("2034-01-02"), notify });
    expect(outcome.minorsBadgeRemoved).toContain(id);
    expect(await statusOf(id)).toBe("verified");
  });

  it("runs as a worker task at the time of its cron slot", async () => {
    const { ownerEmail } = await insertReviewedProvider({
      displayName: "Tina Task",
      status: "verified",
      documents: [{ type: "identity", expiresOn: "2035-05-31" }, { type: "criminal_record_minors" }],
    });
    const task = documentExpiryTask(ctx.db, { notify });
    const logged: string[] = [];
    const helpers = { logger: { info: (m: string) => logged.push(m) } } as unknown as Parameters<typeof task>[1];
    await task({ _cron: { ts: "2035-05-01T05:00:00.000Z" } }, helpers);
    expect(mine(ownerEmail).map((e) => e.template.key)).toEqual(["emails.reminder30"]);
    expect(logged[0]).toMatch(/reminders at 30 days/);
  });
});
