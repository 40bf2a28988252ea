import path from "node:path";
import type { Browser, BrowserContext } from "@playwright/test";
import { createDocumentStore } from "../../../app/domain/providers/document-store.server";
import { isPublicProvider } from "../../../app/domain/providers/public-visibility";
import { createCondominium } from "../../../app/domain/sharing/condominiums/condominiums.server";
import { encodeOnBehalf } from "../../../app/domain/sharing/need-schemas";
import { insertOneOffBooking } from "./one-off-booking";
import { e2eDb, insertE2eUser, insertPendingProvider, signIn, uniqueWord, type E2eUser } from "./operator-login";

/**
 * The cast of the authorisation matrix (tests/e2e/authorisation-matrix.spec.ts): one browser
 * context per role, each with its own session and CSRF token, plus the ids the routes are tried
 * with. Everything is written straight into the e2e server's database (as operator-login.ts does).
 */

export const matrixRoles = ["anonymous", "family", "providerA", "providerB", "operatorQ1", "operatorQ2", "admin"] as const;
export type MatrixRole = (typeof matrixRoles)[number];

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA. Provider A lives in quartiere 1.
export const QUARTIERE_1 = 1;
export const QUARTIERE_2 = 2;

export interface MatrixIds {
  /** Provider A: a pending organisation in quartiere 1, owned by the providerA user. */
  providerA: string;
  /** A's identity document, with a real file on disk (so an allowed reader gets 200, not 404). */
  documentA: string;
  /** A's photo document (real file); A is not public, so the public photo route must not serve it. */
  photoDocumentA: string;
  /** Provider B: a pending individual in quartiere 2, owned by the providerB user. */
  providerB: string;
  /** A provider the public may see (from the demo seed). */
  publicProvider: string;

  /** An accepted booking between `family` and provider A (online payment, quartiere 1). */
  booking: string;
  /** Its conversation (a message_threads row), not reported: no operator may read it. */
  thread: string;
  /** A completed booking of `family` with A, not reviewed yet (the review page). */
  completedBooking: string;
  /** A reviewed booking of `family` with A: its review (no reply, shown) and its reported conversation. */
  reviewedBooking: string;
  review: string;
  reportedThread: string;

  /** A condominium whose only member is `family` (its administrator), in quartiere 1. */
  condominium: string;
  /** The demo hub "Spazio Vicinato Centro" (covers quartieri 1, 3, 4; not 2) and one of its events. */
  hub: string;
  hubEvent: string;

  /** An open need of `family` in quartiere 1, in no group. */
  need: string;
  /** An open need an operator posted at a hub desk for someone without an account, quartiere 1. */
  onBehalfNeed: string;
  /** A formed shared group in quartiere 1 (babysitter) with `family` as its accepted member… */
  group: string;
  /** …through this need of theirs (status "grouped", so it cannot be routed: not open). */
  groupNeed: string;
  /** A network organisation serving quartiere 1 only. */
  networkOrganisation: string;
}

const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? ".data/e2e");
const pdfBytes = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const pngBytes = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

async function addMember(providerId: string, user: E2eUser): Promise<void> {
  await e2eDb().insertInto("provider_members").values({ provider_id: providerId, user_id: user.id, member_role: "owner" }).execute();
}

/** Gives the provider's document of that type a real file in the server's upload store. */
async function attachRealFile(providerId: string, docType: "identity" | "photo", bytes: Buffer, contentType: string): Promise<string> {
  const key = await createDocumentStore(path.join(dataDir, "uploads")).save(bytes);
  const db = e2eDb();
  const existing = await db.selectFrom("provider_documents").select("id").where("provider_id", "=", providerId).where("doc_type", "=", docType).executeTakeFirst();
  if (existing) {
    await db.updateTable("provider_documents").set({ storage_key: key, content_type: contentType }).where("id", "=", existing.id).execute();
    return existing.id;
  }
  const { id } = await db
    .insertInto("provider_documents")
    .values({
      provider_id: providerId,
      doc_type: docType,
      original_name: `${docType}.${contentType === "image/png" ? "png" : "pdf"}`,
      storage_key: key,
      content_type: contentType,
      size_bytes: bytes.length,
      expires_on: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

async function categoryId(slug: string): Promise<number> {
  return (await e2eDb().selectFrom("service_categories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

/** A booking of the family with the provider, one afternoon on the given day, in quartiere 1. */
/**
 * A need in quartiere 1 (Tuesday afternoons, babysitter): the family's, or posted at a hub desk.
 * Closed to sharing: every test's cast has the same needs, and open ones would be proposed to a
 * group together by the aggregation job, after which they can no longer be changed.
 */
async function insertNeed(options: { familyUserId: string | null; createdBy: string; status?: "open" | "grouped" }): Promise<string> {
  const centre = await e2eDb().selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", QUARTIERE_1).executeTakeFirstOrThrow();
  const { id } = await e2eDb()
    .insertInto("needs")
    .values({
      family_user_id: options.familyUserId,
      created_by_user_id: options.createdBy,
      on_behalf_of: options.familyUserId ? null : encodeOnBehalf("Maria Rossi", "Allo sportello il martedì"),
      category_id: await categoryId("babysitter"),
      windows: JSON.stringify([{ weekday: 2, startMinute: 16 * 60, endMinute: 19 * 60 }]),
      address: "Via Dante 1, Milano",
      quartiere_id: QUARTIERE_1,
      lat: centre.lat,
      lng: centre.lng,
      status: options.status ?? "open",
      open_to_sharing: false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function createMatrixCast(): Promise<{ users: Record<Exclude<MatrixRole, "anonymous">, E2eUser>; ids: MatrixIds }> {
  const word = uniqueWord();
  const users = {
    family: await insertE2eUser({ roles: ["family"], displayName: `Famiglia ${word}` }),
    providerA: await insertE2eUser({ roles: ["organisation_member"], displayName: `Titolare A ${word}` }),
    providerB: await insertE2eUser({ roles: ["provider"], displayName: `Fornitrice B ${word}` }),
    operatorQ1: await insertE2eUser({ roles: ["operator"], quartieri: [QUARTIERE_1], displayName: `Operatore Q1 ${word}` }),
    operatorQ2: await insertE2eUser({ roles: ["operator"], quartieri: [QUARTIERE_2], displayName: `Operatore Q2 ${word}` }),
    admin: await insertE2eUser({ roles: ["admin"], displayName: `Admin ${word}` }),
  };

  const providerA = await insertPendingProvider({ displayName: `Cooperativa A ${word}`, quartiereId: QUARTIERE_1 });
  await e2eDb().updateTable("providers").set({ kind: "organisation", organisation_name: `Cooperativa A ${word}` }).where("id", "=", providerA).execute();
  await addMember(providerA, users.providerA);
  const documentA = await attachRealFile(providerA, "identity", pdfBytes, "application/pdf");
  const photoDocumentA = await attachRealFile(providerA, "photo", pngBytes, "image/png");

  const providerB = await insertPendingProvider({ displayName: `Bianca ${word}`, quartiereId: QUARTIERE_2 });
  await addMember(providerB, users.providerB);

  const pub = await e2eDb().selectFrom("providers as p").select("p.id").where(isPublicProvider("p")).orderBy("p.id").executeTakeFirstOrThrow();

  const db = e2eDb();
  // Bookings between the family and A (dates far ahead, one per day: they never overlap).
  const booking = await insertOneOffBooking({ providerId: providerA, familyUserId: users.family.id, status: "accepted", day: "2031-03-04" });
  const thread = (await db.insertInto("message_threads").values({ booking_id: booking }).returning("id").executeTakeFirstOrThrow()).id;
  const completedBooking = await insertOneOffBooking({ providerId: providerA, familyUserId: users.family.id, status: "completed", day: "2031-03-11" });
  const reviewedBooking = await insertOneOffBooking({ providerId: providerA, familyUserId: users.family.id, status: "reviewed", day: "2031-03-18" });
  const review = (
    await db
      .insertInto("reviews")
      .values({ booking_id: reviewedBooking, provider_id: providerA, author_user_id: users.family.id, rating_reliability: 4, rating_care: 5, rating_communication: 4, body: "Puntuale e gentile." })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const reportedThread = (
    await db
      .insertInto("message_threads")
      .values({ booking_id: reviewedBooking, reported_at: new Date(), reported_by: users.family.id, report_reason: "Messaggi offensivi." })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto("messages").values({ thread_id: reportedThread, sender_user_id: users.providerA.id, body: "Un messaggio della conversazione segnalata." }).execute();

  // A condominium of the family alone (created as the app does: the creator is its administrator).
  const condominium = (
    await createCondominium(db, { id: users.family.id }, { name: `Condominio ${word}`, address: "Via Dante 3, Milano", quartiereId: QUARTIERE_1, units: 12, unitLabel: null, location: null } as Parameters<typeof createCondominium>[2])
  ).id;

  // The demo hub of quartieri 1, 3, 4 (db/seed/hubs.ts) and its first event.
  const hub = await db.selectFrom("hubs").select("id").where("name", "=", "Spazio Vicinato Centro").executeTakeFirstOrThrow();
  const hubEvent = await db.selectFrom("hub_events").select("id").where("hub_id", "=", hub.id).orderBy("starts_at").orderBy("id").executeTakeFirstOrThrow();

  // Needs and a formed group in quartiere 1.
  const need = await insertNeed({ familyUserId: users.family.id, createdBy: users.family.id });
  const onBehalfNeed = await insertNeed({ familyUserId: null, createdBy: users.operatorQ1.id });
  const groupNeed = await insertNeed({ familyUserId: users.family.id, createdBy: users.family.id, status: "grouped" });
  const centre = await db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", QUARTIERE_1).executeTakeFirstOrThrow();
  const group = (
    await db
      .insertInto("shared_groups")
      .values({
        proposal_key: `matrix-${word}-${groupNeed}`,
        category_id: await categoryId("babysitter"),
        status: "formed",
        quartiere_id: QUARTIERE_1,
        meeting_lat: centre.lat,
        meeting_lng: centre.lng,
        shared_windows: JSON.stringify([{ weekday: 2, startMinute: 16 * 60, endMinute: 19 * 60 }]),
        weekly_minutes: 180,
        hourly_total_cents: 1600,
        individual_hourly_cents: 1300,
        formed_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto("shared_group_members")
    .values({ group_id: group, need_id: groupNeed, family_user_id: users.family.id, status: "accepted", share_hourly_cents: 1600, responded_at: new Date() })
    .execute();

  // A network organisation of quartiere 1.
  const networkOrganisation = (
    await db
      .insertInto("network_organisations")
      .values({ name: `Associazione ${word}`, kind: "association", description: "Doposcuola e ascolto.", contact: "info@example.org" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto("network_organisation_quartieri").values({ organisation_id: networkOrganisation, quartiere_id: QUARTIERE_1 }).execute();

  return {
    users,
    ids: {
      providerA,
      documentA,
      photoDocumentA,
      providerB,
      publicProvider: pub.id,
      booking,
      thread,
      completedBooking,
      reviewedBooking,
      review,
      reportedThread,
      condominium,
      hub: hub.id,
      hubEvent: hubEvent.id,
      need,
      onBehalfNeed,
      group,
      groupNeed,
      networkOrganisation,
    },
  };
}

export interface RoleSession {
  role: MatrixRole;
  context: BrowserContext;
  csrf: string;
}

/** A browser context for the role, signed in (unless anonymous), with the CSRF token of a page it loaded. */
export async function openRoleSession(browser: Browser, baseURL: string, role: MatrixRole, user: E2eUser | null): Promise<RoleSession> {
  const context = await browser.newContext({ baseURL, locale: "it-IT" });
  if (user) await signIn(context, baseURL, user);
  const page = await context.newPage();
  let csrf = "";
  // Signed in, every page carries the sign-out form; a visitor finds a form on /login.
  for (const pathname of ["/", "/login"]) {
    await page.goto(pathname);
    const field = page.locator('input[name="_csrf"]');
    if ((await field.count()) > 0) {
      csrf = await field.first().inputValue();
      break;
    }
  }
  await page.close();
  if (!csrf) throw new Error(`no CSRF token found for ${role}`);
  return { role, context, csrf };
}
