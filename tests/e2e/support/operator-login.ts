import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import type { BrowserContext } from "@playwright/test";
import { createSession } from "../../../app/domain/accounts/sessions.server";
import { createDb, type DB } from "../../../db/client";
import type { DocumentType, UserRole } from "../../../db/schema";

/**
 * Signing in e2e users who cannot sign themselves up (operators, admins): the user, roles and
 * quartieri are written straight into the e2e server's database, and the browser gets the same
 * signed session cookie the server would set after /login (app/utils/cookies.server.ts).
 */

/** The e2e server's embedded PostgreSQL (playwright.config.ts). */
export const e2eDatabaseUrl = `postgres://postgres:vicinato@127.0.0.1:${process.env.E2E_PG_PORT ?? "54349"}/vicinato`;
const dataDir = path.resolve(process.cwd(), process.env.E2E_DATA_DIR ?? ".data/e2e");

let db: DB | undefined;
export function e2eDb(): DB {
  db ??= createDb(e2eDatabaseUrl, { max: 3 });
  return db;
}
export async function closeE2eDb(): Promise<void> {
  await db?.destroy();
  db = undefined;
}

export interface E2eUser {
  id: string;
  email: string;
  displayName: string;
}

export async function insertE2eUser(options: { roles: UserRole[]; quartieri?: number[]; displayName?: string }): Promise<E2eUser> {
  const email = `e2e-${crypto.randomBytes(6).toString("hex")}@example.org`;
  const displayName = options.displayName ?? email;
  const { id } = await e2eDb()
    .insertInto("users")
    .values({ email, password_hash: null, display_name: displayName, locale: "it", email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.roles.length > 0) await e2eDb().insertInto("user_roles").values(options.roles.map((role) => ({ user_id: id, role }))).execute();
  if (options.quartieri?.length) {
    await e2eDb().insertInto("operator_quartieri").values(options.quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  }
  return { id, email, displayName };
}

/** Puts a fresh session of the user into the browser context. */
export async function signIn(context: BrowserContext, baseURL: string, user: E2eUser): Promise<void> {
  const token = await createSession(e2eDb(), user.id, "playwright");
  const secret = readFileSync(path.join(dataDir, "secrets", "cookie-secret"), "utf8").trim();
  const header = await createCookie("vicinato_session", { secrets: [secret], path: "/" }).serialize(token);
  const value = header.slice("vicinato_session=".length).split(";")[0]!;
  await context.addCookies([{ name: "vicinato_session", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** An operator responsible for the given quartieri, signed in. */
export async function signInAsOperator(context: BrowserContext, baseURL: string, quartieri: number[], displayName?: string): Promise<E2eUser> {
  const user = await insertE2eUser({ roles: ["operator"], quartieri, displayName });
  await signIn(context, baseURL, user);
  return user;
}

/** A provider waiting for verification, with valid documents on file (rows only: no files are served in these tests). */
export async function insertPendingProvider(options: {
  displayName: string;
  quartiereId: number;
  services?: string[];
  documents?: DocumentType[];
}): Promise<string> {
  const db = e2eDb();
  const services = options.services ?? ["babysitter"];
  return db.transaction().execute(async (trx) => {
    const centroid = await trx.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", options.quartiereId).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto("providers")
      .values({
        kind: "individual",
        display_name: options.displayName,
        organisation_name: null,
        status: "pending",
        languages: ["it"],
        hourly_price_cents: 1300,
        quartiere_id: options.quartiereId,
        lat: centroid.lat,
        lng: centroid.lng,
        service_radius_m: 2000,
        bio: JSON.stringify({ it: `${options.displayName}: babysitter con esperienza a Milano.` }),
        years_experience: 4,
        photo_url: null,
        fiscal_code: "RSSMRA80A01F205X",
        submitted_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const categories = await trx.selectFrom("service_categories").select(["id", "slug"]).where("slug", "in", services).execute();
    await trx
      .insertInto("provider_services")
      .values(categories.map((c) => ({ provider_id: id, category_id: c.id, hourly_price_cents: 1300 })))
      .execute();
    await trx.insertInto("provider_zones").values({ provider_id: id, quartiere_id: options.quartiereId }).execute();
    await trx.insertInto("availability_slots").values({ provider_id: id, weekday: 2, start_minute: 960, end_minute: 1140 }).execute();
    for (const docType of options.documents ?? (["identity", "criminal_record_minors"] as DocumentType[])) {
      await trx
        .insertInto("provider_documents")
        .values({
          provider_id: id,
          doc_type: docType,
          original_name: `${docType}.pdf`,
          storage_key: `e2e-${crypto.randomUUID()}`,
          content_type: "application/pdf",
          size_bytes: 20_480,
          expires_on: "2099-12-31",
        })
        .execute();
    }
    return id;
  });
}

export async function providerStatus(id: string): Promise<string> {
  const row = await e2eDb().selectFrom("providers").select("status").where("id", "=", id).executeTakeFirstOrThrow();
  return row.status;
}

/** Letters only, so a name stays one searchable word. */
export function uniqueWord(): string {
  return Array.from(crypto.randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join("");
}
