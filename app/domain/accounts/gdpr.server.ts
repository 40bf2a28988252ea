import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { AccountError } from "./account-errors";
import { loadAccountRow } from "./account-row.server";
import { marketplaceDataOf } from "./gdpr-export.server";
import { eraseMarketplaceActivity, lockAndCheckErasure, ownProviderProfiles } from "./gdpr-erasure.server";
import { verifyPassword } from "./passwords.server";

export {
  bookingsBlockingErasure,
  ErasureBlockedError,
  isErasureBlockedError,
  type ErasureBlocker,
} from "./gdpr-erasure.server";

/**
 * The rights of the GDPR on one's own account: erasure (art. 17) and a copy of one's data in a
 * machine-readable format (art. 15 and 20).
 */

/** What stays in place of a deleted person's name where a record must be kept. */
export const ERASED_ACTOR = "deleted-user";

/**
 * Erases an account. Kept, anonymised, because the municipality must be able to account for its
 * decisions: the user row (address `deleted-<id>@invalid`, no password, no name, deleted_at set)
 * so that records pointing to it still resolve, and the provider status history (the actor's
 * name replaced). Removed: roles, operator areas, memberships, sessions, one-time links and
 * failed sign-ins. Provider profiles the person owns are taken offline (active = false, which
 * the search trigger carries to the index) and, for an individual, stripped of personal details.
 * What they did on the marketplace (bookings, messages, reviews, needs, shared groups,
 * condominiums, hubs, vouchers) is erased as eraseMarketplaceActivity describes, in the same
 * transaction.
 * With `password`, it is checked first (AccountError("wrong_password")). While a booking the
 * person is in is still open (as the family, their own provider profile, or a payer of a shared
 * group's booking) the erasure is refused with ErasureBlockedError, before anything is changed.
 */
export async function deleteAccount(db: Kysely<Database>, userId: string, options: { password?: string } = {}): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "password_hash"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user) throw new AccountError("not_found");
  if (options.password !== undefined) {
    const ok = user.password_hash ? await verifyPassword(user.password_hash, options.password) : false;
    if (!ok) throw new AccountError("wrong_password");
  }

  await db.transaction().execute(async (trx) => {
    const now = new Date();
    // One erasure at a time per person, and none while something of theirs is being written (a
    // booking request, a need, a message, a review, a notice, joining or creating a condominium,
    // a hub sign-up: those hold the row FOR SHARE, live-account.server.ts); then refuse, before
    // any write, while a booking is open.
    const current = await trx.selectFrom("users").select("id").where("id", "=", userId).where("deleted_at", "is", null).forUpdate().executeTakeFirst();
    if (!current) throw new AccountError("not_found");
    await lockAndCheckErasure(trx, userId);

    // Their own profiles: the ones they own, and an individual (worker) profile that is them.
    const owned = await ownProviderProfiles(trx, userId);
    const ownedIds = owned.map((m) => m.id);
    const individualIds = owned.filter((m) => m.kind === "individual").map((m) => m.id);
    if (ownedIds.length > 0) {
      await trx.updateTable("providers").set({ active: false, updated_at: now }).where("id", "in", ownedIds).execute();
    }
    if (individualIds.length > 0) {
      await trx
        .updateTable("providers")
        .set({ fiscal_code: null, vat_number: null, base_address: null, photo_url: null, bio: "{}" })
        .where("id", "in", individualIds)
        .execute();
    }
    await trx.updateTable("provider_documents").set({ uploaded_by: null }).where("uploaded_by", "=", userId).execute();

    // Decisions they took as an operator stay on record, without their name.
    await trx
      .updateTable("provider_status_transitions")
      .set({ actor: ERASED_ACTOR })
      .where((eb) => eb.or([eb("actor", "in", [userId, user.email]), eb("actor_user_id", "=", userId)]))
      .execute();

    await eraseMarketplaceActivity(trx, userId, now);

    await trx.deleteFrom("provider_members").where("user_id", "=", userId).execute();
    await trx.deleteFrom("user_roles").where("user_id", "=", userId).execute();
    await trx.deleteFrom("operator_quartieri").where("user_id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await trx.deleteFrom("auth_tokens").where("user_id", "=", userId).execute();
    await trx.deleteFrom("login_failures").where((eb) => eb(eb.fn("lower", ["email"]), "=", user.email.toLowerCase())).execute();
    await trx
      .updateTable("users")
      .set({
        email: `deleted-${userId}@invalid`,
        password_hash: null,
        display_name: null,
        email_verified_at: null,
        deleted_at: now,
      })
      .where("id", "=", userId)
      .execute();
  });
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * Everything Vicinato holds about a person, as one JSON-ready object: account, roles, areas,
 * the provider profiles they belong to (services, zones, weekly slots, document metadata,
 * status history), sessions (without their secrets), open links and recent failed sign-ins; and
 * what they did on the marketplace (gdpr-export.server.ts: bookings, conversations, reviews,
 * payments, vouchers, needs, shared groups, condominiums, hub sign-ups, operator actions), with
 * nobody else's personal data. Read in one snapshot (repeatable read), so the parts agree.
 */
export async function exportMyData(db: Kysely<Database>, userId: string) {
  if (db.isTransaction) return collectPersonalData(db, userId);
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute((trx) => collectPersonalData(trx, userId));
}

async function collectPersonalData(db: Kysely<Database>, userId: string) {
  const user = await loadAccountRow(db, userId);

  const [roles, quartieri, memberships, sessions, tokens, failures] = await Promise.all([
    db.selectFrom("user_roles").select(["role", "granted_at"]).where("user_id", "=", userId).orderBy("role").execute(),
    db
      .selectFrom("operator_quartieri")
      .innerJoin("quartieri", "quartieri.id", "operator_quartieri.quartiere_id")
      .select(["quartieri.id", "quartieri.name"])
      .where("operator_quartieri.user_id", "=", userId)
      .orderBy("quartieri.id")
      .execute(),
    db.selectFrom("provider_members").select(["provider_id", "member_role"]).where("user_id", "=", userId).execute(),
    db
      .selectFrom("sessions")
      .select(["created_at", "expires_at", "user_agent"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("auth_tokens")
      .select(["purpose", "created_at", "expires_at", "used_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("login_failures")
      .select(["ip", "created_at"])
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", user.email.toLowerCase()))
      .orderBy("created_at")
      .execute(),
  ]);

  const providerIds = memberships.map((m) => m.provider_id);
  const [providers, marketplace] = await Promise.all([
    providerIds.length === 0 ? [] : providerDetails(db, providerIds),
    marketplaceDataOf(db, userId),
  ]);

  return {
    format: "vicinato-personal-data/2",
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      locale: user.locale,
      emailVerifiedAt: iso(user.email_verified_at),
      createdAt: iso(user.created_at),
    },
    roles: roles.map((r) => ({ role: r.role, grantedAt: iso(r.granted_at) })),
    operatorQuartieri: quartieri,
    providers: providers.map((p) => ({
      ...p,
      memberRole: memberships.find((m) => m.provider_id === p.id)?.member_role ?? null,
    })),
    sessions: sessions.map((s) => ({ createdAt: iso(s.created_at), expiresAt: iso(s.expires_at), userAgent: s.user_agent })),
    oneTimeLinks: tokens.map((t) => ({
      purpose: t.purpose,
      createdAt: iso(t.created_at),
      expiresAt: iso(t.expires_at),
      usedAt: iso(t.used_at),
    })),
    failedSignIns: failures.map((f) => ({ at: iso(f.created_at), ip: f.ip })),
    ...marketplace,
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportMyData>>;

async function providerDetails(db: Kysely<Database>, ids: string[]) {
  const [rows, services, zones, slots, documents, history] = await Promise.all([
    db.selectFrom("providers").selectAll().where("id", "in", ids).orderBy("created_at").execute(),
    db
      .selectFrom("provider_services")
      .innerJoin("service_categories", "service_categories.id", "provider_services.category_id")
      .select(["provider_services.provider_id", "service_categories.slug", "provider_services.hourly_price_cents"])
      .where("provider_services.provider_id", "in", ids)
      .orderBy("service_categories.sort_order")
      .execute(),
    db
      .selectFrom("provider_zones")
      .innerJoin("quartieri", "quartieri.id", "provider_zones.quartiere_id")
      .select(["provider_zones.provider_id", "quartieri.id", "quartieri.name"])
      .where("provider_zones.provider_id", "in", ids)
      .orderBy("quartieri.id")
      .execute(),
    db
      .selectFrom("availability_slots")
      .select(["provider_id", "weekday", "start_minute", "end_minute"])
      .where("provider_id", "in", ids)
      .orderBy("weekday")
      .orderBy("start_minute")
      .execute(),
    db
      .selectFrom("provider_documents")
      .select(["provider_id", "doc_type", "original_name", "content_type", "size_bytes", "expires_on", "uploaded_at", "replaced_at"])
      .where("provider_id", "in", ids)
      .orderBy("uploaded_at")
      .execute(),
    db
      .selectFrom("provider_status_transitions")
      .select(["provider_id", "from_status", "to_status", "reason", "created_at"])
      .where("provider_id", "in", ids)
      .orderBy("created_at")
      .execute(),
  ]);
  return rows.map((p) => ({
    id: p.id,
    kind: p.kind,
    displayName: p.display_name,
    organisationName: p.organisation_name,
    status: p.status,
    active: p.active,
    languages: p.languages,
    hourlyPriceCents: p.hourly_price_cents,
    currency: p.currency,
    quartiereId: p.quartiere_id,
    location: p.lat !== null && p.lng !== null ? { lat: p.lat, lng: p.lng } : null,
    serviceRadiusM: p.service_radius_m,
    baseAddress: p.base_address,
    fiscalCode: p.fiscal_code,
    vatNumber: p.vat_number,
    bio: p.bio,
    yearsExperience: p.years_experience,
    minorsCheck: p.minors_check,
    photoUrl: p.photo_url,
    organisationId: p.organisation_id,
    verifiedAt: iso(p.verified_at),
    submittedAt: iso(p.submitted_at),
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
    services: services
      .filter((s) => s.provider_id === p.id)
      .map((s) => ({ category: s.slug, hourlyPriceCents: s.hourly_price_cents })),
    zones: zones.filter((z) => z.provider_id === p.id).map((z) => ({ id: z.id, name: z.name })),
    weeklySlots: slots
      .filter((s) => s.provider_id === p.id)
      .map((s) => ({ weekday: s.weekday, startMinute: s.start_minute, endMinute: s.end_minute })),
    documents: documents
      .filter((d) => d.provider_id === p.id)
      .map((d) => ({
        type: d.doc_type,
        fileName: d.original_name,
        contentType: d.content_type,
        sizeBytes: d.size_bytes,
        expiresOn: d.expires_on,
        uploadedAt: iso(d.uploaded_at),
        replacedAt: iso(d.replaced_at),
      })),
    statusHistory: history
      .filter((h) => h.provider_id === p.id)
      .map((h) => ({ from: h.from_status, to: h.to_status, reason: h.reason, at: iso(h.created_at) })),
  }));
}
