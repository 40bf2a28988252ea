import path from "node:path";
import type { Browser, BrowserContext } from "@playwright/test";
import { createDocumentStore } from "../../../app/domain/providers/document-store.server";
import { isPublicProvider } from "../../../app/domain/providers/public-visibility";
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
  return { users, ids: { providerA, documentA, photoDocumentA, providerB, publicProvider: pub.id } };
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
