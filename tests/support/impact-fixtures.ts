import crypto from "node:crypto";
import type { DB } from "../../db/client";
import type { BookingStatus, NeedStatus, ProviderStatus, SharedGroupStatus, UserRole } from "../../db/schema";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { insertProvider } from "./provider-fixtures";

/**
 * Rows for the dashboard's indicators, written straight into the database with the exact
 * timestamps a test needs (the domain functions that normally write them are tested in their
 * own modules). `seedKnownImpactFixture` builds the small world whose every figure is worked
 * out by hand in tests/integration/impact-indicators.test.ts.
 */

export async function insertPerson(db: DB, options: { roles: UserRole[]; quartieri?: number[]; name?: string }): Promise<CurrentUser> {
  const email = `${crypto.randomBytes(6).toString("hex")}@example.test`;
  const { id } = await db
    .insertInto("users")
    .values({ email, password_hash: null, display_name: options.name ?? email, locale: "it", email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.roles.length > 0) await db.insertInto("user_roles").values(options.roles.map((role) => ({ user_id: id, role }))).execute();
  if (options.quartieri?.length) await db.insertInto("operator_quartieri").values(options.quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  return (await loadCurrentUser(db, id))!;
}

export async function categoryIdOf(db: DB, slug: string): Promise<number> {
  return (await db.selectFrom("service_categories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

export async function insertTransitionAt(
  db: DB,
  providerId: string,
  from: ProviderStatus,
  to: ProviderStatus,
  at: string,
): Promise<void> {
  await db.insertInto("provider_status_transitions").values({ provider_id: providerId, from_status: from, to_status: to, actor: "operator", reason: null, created_at: at }).execute();
}

/** A booking with its transitions: [action, to_status, ISO time] in order (the first is the request). */
export async function insertBookingAt(
  db: DB,
  options: {
    providerId: string;
    familyUserId: string;
    category: string;
    quartiereId: number | null;
    status: BookingStatus;
    createdAt: string;
    firstDate: string;
    lastDate?: string;
    transitions: Array<[action: string, to: BookingStatus, at: string]>;
  },
): Promise<string> {
  const { id } = await db
    .insertInto("bookings")
    .values({
      provider_id: options.providerId,
      family_user_id: options.familyUserId,
      category_id: await categoryIdOf(db, options.category),
      kind: options.lastDate && options.lastDate !== options.firstDate ? "recurring" : "one_off",
      status: options.status,
      weekdays: [1],
      start_minute: 960,
      end_minute: 1080,
      first_date: options.firstDate,
      last_date: options.lastDate ?? options.firstDate,
      address: "Via Esempio 1, Milano",
      hourly_price_cents: 1200,
      total_cents: 2400,
      quartiere_id: options.quartiereId,
      created_at: options.createdAt,
      updated_at: options.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  let from: BookingStatus | null = null;
  for (const [action, to, at] of options.transitions) {
    await db
      .insertInto("booking_transitions")
      .values({ booking_id: id, from_status: from, to_status: to, action, actor_role: action === "request" ? "family" : "provider", actor_user_id: null, note: null, created_at: at })
      .execute();
    from = to;
  }
  return id;
}

export async function insertNeedAt(
  db: DB,
  options: { familyUserId: string; category: string; quartiereId: number; status: NeedStatus; createdAt: string; persons?: number },
): Promise<string> {
  const q = await db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", options.quartiereId).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto("needs")
    .values({
      family_user_id: options.familyUserId,
      created_by_user_id: options.familyUserId,
      category_id: await categoryIdOf(db, options.category),
      windows: JSON.stringify([{ weekday: 1, startMinute: 960, endMinute: 1080 }]),
      address: "Via Privata 3, Milano",
      quartiere_id: options.quartiereId,
      lat: q.lat,
      lng: q.lng,
      details: "Dettagli privati della famiglia",
      persons: options.persons ?? 1,
      status: options.status,
      created_at: options.createdAt,
      updated_at: options.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A shared group with members: each member gets a need of their own (status grouped). */
export async function insertGroupAt(
  db: DB,
  options: {
    category: string;
    quartiereId: number;
    status: SharedGroupStatus;
    createdAt: string;
    formedAt: string | null;
    weeklyMinutes: number;
    individualHourlyCents: number;
    members: Array<{ familyUserId: string; status: "invited" | "accepted" | "declined" | "left"; shareHourlyCents: number }>;
  },
): Promise<string> {
  const q = await db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", options.quartiereId).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto("shared_groups")
    .values({
      proposal_key: crypto.randomUUID(),
      category_id: await categoryIdOf(db, options.category),
      status: options.status,
      quartiere_id: options.quartiereId,
      meeting_lat: q.lat,
      meeting_lng: q.lng,
      shared_windows: JSON.stringify([{ weekday: 1, startMinute: 960, endMinute: 1080 }]),
      weekly_minutes: options.weeklyMinutes,
      hourly_total_cents: options.individualHourlyCents,
      individual_hourly_cents: options.individualHourlyCents,
      created_at: options.createdAt,
      formed_at: options.formedAt,
      updated_at: options.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const member of options.members) {
    const needId = await insertNeedAt(db, { familyUserId: member.familyUserId, category: options.category, quartiereId: options.quartiereId, status: "grouped", createdAt: "2024-10-01T10:00:00Z" });
    await db
      .insertInto("shared_group_members")
      .values({ group_id: id, need_id: needId, family_user_id: member.familyUserId, status: member.status, share_hourly_cents: member.shareHourlyCents })
      .execute();
  }
  return id;
}

export async function insertVoucher(db: DB, options: { familyUserId: string; quartiereId: number | null }): Promise<string> {
  const { id } = await db
    .insertInto("vouchers")
    .values({ family_user_id: options.familyUserId, programme: "Bonus cura", budget_cents: 100_000, balance_cents: 100_000, expires_on: "2099-12-31", quartiere_id: options.quartiereId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertPayment(db: DB, options: { bookingId: string; payerUserId: string; cents: number; status?: "paid" | "expired" | "refunded" }): Promise<string> {
  const { id } = await db
    .insertInto("payments")
    .values({ booking_id: options.bookingId, payer_user_id: options.payerUserId, amount_cents: options.cents, voucher_cents: options.cents, stripe_cents: 0, status: options.status ?? "paid" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertLedger(db: DB, options: { voucherId: string; paymentId: string | null; cents: number; reason: "spend" | "release" | "refund"; at: string }): Promise<void> {
  await db.insertInto("voucher_ledger").values({ voucher_id: options.voucherId, payment_id: options.paymentId, amount_cents: options.cents, reason: options.reason, created_at: options.at }).execute();
}

export async function insertDemandEvent(db: DB, options: { category: string | null; quartiereId: number | null; resultCount: number; at: string; language?: string }): Promise<void> {
  await db
    .insertInto("search_demand_events")
    .values({
      category_id: options.category ? await categoryIdOf(db, options.category) : null,
      quartiere_id: options.quartiereId,
      language: options.language ?? "it",
      result_count: options.resultCount,
      created_at: options.at,
    })
    .execute();
}

/**
 * The period every known figure is computed for: 1 January – 25 March 2025 in Milan, exactly
 * 12 weeks (2024-12-31T23:00Z – 2025-03-25T23:00Z, before the switch to summer time).
 */
export const KNOWN_PERIOD = { from: "2025-01-01", to: "2025-03-25" } as const;
/** "Now" for the known fixture: after the period, so every week of it counts. */
export const KNOWN_NOW = new Date("2025-06-01T10:00:00Z");

export interface KnownFixture {
  quartiereA: number;
  quartiereB: number;
  quartiereC: number;
  families: Record<"f1" | "f2" | "f3" | "f4", CurrentUser>;
  needs: { n1: string; n3: string; n7: string };
}

/**
 * Quartiere A (1, Duomo) holds the worked example; B (2, Brera) and C (3) hold rows that must
 * NOT count for A. See the test for every expected figure and why.
 */
export async function seedKnownImpactFixture(db: DB): Promise<KnownFixture> {
  const [A, B, C] = [1, 2, 3];
  const f1 = await insertPerson(db, { roles: ["family"], name: "Famiglia Uno" });
  const f2 = await insertPerson(db, { roles: ["family"], name: "Famiglia Due" });
  const f3 = await insertPerson(db, { roles: ["family"], name: "Famiglia Tre" });
  const f4 = await insertPerson(db, { roles: ["family"], name: "Famiglia Quattro" });

  // Providers. P1, P5: babysitters of A; P2: a colf living in B who also serves A; P3 pending in A; P4: badante of C only.
  const p1 = await insertProvider(db, { displayName: "Paola Uno", quartiereId: A, services: [{ slug: "babysitter", cents: 1200 }] });
  const p2 = await insertProvider(db, { displayName: "Piera Due", quartiereId: B, zones: [A], services: [{ slug: "colf", cents: 1100 }] });
  const p3 = await insertProvider(db, { displayName: "Pia Tre", quartiereId: A, status: "pending", services: [{ slug: "babysitter", cents: 1200 }] });
  const p4 = await insertProvider(db, { displayName: "Pina Quattro", quartiereId: C, services: [{ slug: "badante", cents: 1400 }] });
  const p5 = await insertProvider(db, { displayName: "Pamela Cinque", quartiereId: A, services: [{ slug: "babysitter", cents: 1300 }] });
  void p3;
  void p4;
  await insertTransitionAt(db, p1, "pending", "verified", "2025-02-10T09:00:00Z"); // first approval, in the period
  await insertTransitionAt(db, p5, "changes_requested", "verified", "2024-12-15T09:00:00Z"); // before the period
  await insertTransitionAt(db, p5, "verified", "expired", "2025-02-01T09:00:00Z");
  await insertTransitionAt(db, p5, "expired", "verified", "2025-03-01T09:00:00Z"); // a renewal: not new
  await insertTransitionAt(db, p2, "pending", "verified", "2025-01-15T09:00:00Z"); // new, but P2 lives in B

  // Bookings in A.
  const b1 = await insertBookingAt(db, {
    providerId: p1, familyUserId: f1.id, category: "babysitter", quartiereId: A, status: "completed", createdAt: "2025-01-05T10:00:00Z", firstDate: "2025-01-10",
    transitions: [["request", "requested", "2025-01-05T10:00:00Z"], ["accept", "accepted", "2025-01-05T12:00:00Z"], ["confirm", "confirmed", "2025-01-05T13:00:00Z"], ["complete", "completed", "2025-01-10T18:00:00Z"]],
  });
  const b2 = await insertBookingAt(db, {
    providerId: p1, familyUserId: f1.id, category: "babysitter", quartiereId: A, status: "reviewed", createdAt: "2025-02-01T09:00:00Z", firstDate: "2025-02-05",
    transitions: [["request", "requested", "2025-02-01T09:00:00Z"], ["accept", "accepted", "2025-02-01T10:00:00Z"], ["confirm", "confirmed", "2025-02-01T11:00:00Z"], ["complete", "completed", "2025-02-05T18:00:00Z"], ["review", "reviewed", "2025-02-06T18:00:00Z"]],
  });
  await insertBookingAt(db, {
    providerId: p2, familyUserId: f2.id, category: "colf", quartiereId: A, status: "completed", createdAt: "2025-01-20T08:00:00Z", firstDate: "2025-01-22",
    transitions: [["request", "requested", "2025-01-20T08:00:00Z"], ["counterOffer", "counter_offered", "2025-01-20T11:00:00Z"], ["acceptOffer", "accepted", "2025-01-20T12:00:00Z"], ["confirm", "confirmed", "2025-01-20T13:00:00Z"], ["complete", "completed", "2025-01-22T12:00:00Z"]],
  });
  await insertBookingAt(db, {
    providerId: p1, familyUserId: f3.id, category: "babysitter", quartiereId: A, status: "cancelled", createdAt: "2025-03-01T08:00:00Z", firstDate: "2025-03-10",
    transitions: [["request", "requested", "2025-03-01T08:00:00Z"], ["cancel", "cancelled", "2025-03-02T08:00:00Z"]],
  });
  await insertBookingAt(db, {
    providerId: p5, familyUserId: f4.id, category: "babysitter", quartiereId: A, status: "requested", createdAt: "2025-03-21T08:00:00Z", firstDate: "2025-04-02",
    transitions: [["request", "requested", "2025-03-21T08:00:00Z"]],
  });
  await insertBookingAt(db, {
    providerId: p1, familyUserId: f2.id, category: "babysitter", quartiereId: A, status: "confirmed", createdAt: "2024-12-01T08:00:00Z", firstDate: "2024-12-20", lastDate: "2025-01-31",
    transitions: [["request", "requested", "2024-12-01T08:00:00Z"], ["accept", "accepted", "2024-12-01T09:00:00Z"], ["confirm", "confirmed", "2024-12-01T10:00:00Z"]],
  });
  await insertBookingAt(db, {
    providerId: p5, familyUserId: f3.id, category: "babysitter", quartiereId: A, status: "completed", createdAt: "2025-03-20T10:00:00Z", firstDate: "2025-03-24",
    transitions: [["request", "requested", "2025-03-20T10:00:00Z"], ["accept", "accepted", "2025-03-20T10:30:00Z"], ["confirm", "confirmed", "2025-03-20T11:00:00Z"], ["complete", "completed", "2025-03-27T09:00:00Z"]],
  });
  // In B: must not count for A.
  const b8 = await insertBookingAt(db, {
    providerId: p2, familyUserId: f4.id, category: "colf", quartiereId: B, status: "completed", createdAt: "2025-02-10T08:00:00Z", firstDate: "2025-02-12",
    transitions: [["request", "requested", "2025-02-10T08:00:00Z"], ["accept", "accepted", "2025-02-10T09:00:00Z"], ["confirm", "confirmed", "2025-02-10T10:00:00Z"], ["complete", "completed", "2025-02-12T12:00:00Z"]],
  });

  // Needs.
  const n1 = await insertNeedAt(db, { familyUserId: f1.id, category: "babysitter", quartiereId: A, status: "open", createdAt: "2025-01-15T10:00:00Z", persons: 2 });
  await insertNeedAt(db, { familyUserId: f2.id, category: "babysitter", quartiereId: A, status: "open", createdAt: "2025-02-15T10:00:00Z" });
  const n3 = await insertNeedAt(db, { familyUserId: f3.id, category: "colf", quartiereId: A, status: "open", createdAt: "2025-03-01T10:00:00Z" });
  await insertNeedAt(db, { familyUserId: f4.id, category: "badante", quartiereId: A, status: "open", createdAt: "2024-11-01T10:00:00Z" }); // before the period
  await insertNeedAt(db, { familyUserId: f1.id, category: "babysitter", quartiereId: A, status: "fulfilled", createdAt: "2025-01-20T10:00:00Z" });
  await insertNeedAt(db, { familyUserId: f2.id, category: "badante", quartiereId: A, status: "open", createdAt: "2025-02-20T10:00:00Z" });
  const n7 = await insertNeedAt(db, { familyUserId: f4.id, category: "babysitter", quartiereId: B, status: "open", createdAt: "2025-02-01T10:00:00Z" });

  // Unmet searches.
  await insertDemandEvent(db, { category: "babysitter", quartiereId: A, resultCount: 0, at: "2025-01-10T10:00:00Z" });
  await insertDemandEvent(db, { category: "badante", quartiereId: A, resultCount: 1, at: "2025-02-10T10:00:00Z" });
  await insertDemandEvent(db, { category: "pet-sitter", quartiereId: A, resultCount: 0, at: "2025-03-10T10:00:00Z" });
  await insertDemandEvent(db, { category: null, quartiereId: A, resultCount: 2, at: "2025-03-11T10:00:00Z" });
  await insertDemandEvent(db, { category: "babysitter", quartiereId: A, resultCount: 0, at: "2024-12-31T12:00:00Z" }); // before 1 January in Milan
  await insertDemandEvent(db, { category: "babysitter", quartiereId: B, resultCount: 0, at: "2025-01-10T10:00:00Z" });
  await insertDemandEvent(db, { category: null, quartiereId: null, resultCount: 0, at: "2025-01-10T10:00:00Z" });

  // Shared groups.
  const accepted = (familyUserId: string, shareHourlyCents: number) => ({ familyUserId, status: "accepted" as const, shareHourlyCents });
  await insertGroupAt(db, {
    category: "babysitter", quartiereId: A, status: "active", createdAt: "2025-01-20T10:00:00Z",
    formedAt: "2025-01-28T23:00:00Z", // exactly 8 weeks before the end of the period
    weeklyMinutes: 240, individualHourlyCents: 1200,
    members: [accepted(f1.id, 700), accepted(f2.id, 700), { familyUserId: f3.id, status: "declined", shareHourlyCents: 700 }, { familyUserId: f4.id, status: "left", shareHourlyCents: 700 }],
  });
  await insertGroupAt(db, {
    category: "colf", quartiereId: A, status: "formed", createdAt: "2024-11-20T10:00:00Z", formedAt: "2024-12-01T10:00:00Z",
    weeklyMinutes: 120, individualHourlyCents: 1500,
    members: [accepted(f1.id, 600), accepted(f2.id, 600), accepted(f3.id, 900)],
  });
  await insertGroupAt(db, {
    category: "babysitter", quartiereId: A, status: "proposed", createdAt: "2025-03-01T10:00:00Z", formedAt: null,
    weeklyMinutes: 180, individualHourlyCents: 1200, members: [{ familyUserId: f3.id, status: "invited", shareHourlyCents: 600 }],
  });
  await insertGroupAt(db, {
    category: "babysitter", quartiereId: A, status: "dissolved", createdAt: "2025-01-25T10:00:00Z", formedAt: "2025-02-01T10:00:00Z",
    weeklyMinutes: 180, individualHourlyCents: 1200,
    members: [accepted(f1.id, 500), accepted(f2.id, 500), accepted(f4.id, 500), { familyUserId: f3.id, status: "declined", shareHourlyCents: 500 }],
  });
  await insertGroupAt(db, {
    category: "babysitter", quartiereId: B, status: "active", createdAt: "2025-01-25T10:00:00Z", formedAt: "2025-02-01T10:00:00Z",
    weeklyMinutes: 180, individualHourlyCents: 1200, members: [accepted(f4.id, 500), accepted(f3.id, 500)],
  });

  // Vouchers. V1 was granted in B, but pays for bookings in A: its movements count for A.
  const v1 = await insertVoucher(db, { familyUserId: f1.id, quartiereId: B });
  const pay1 = await insertPayment(db, { bookingId: b1, payerUserId: f1.id, cents: 3000 });
  const pay2 = await insertPayment(db, { bookingId: b2, payerUserId: f1.id, cents: 2000 });
  const pay3 = await insertPayment(db, { bookingId: b2, payerUserId: f1.id, cents: 2000, status: "expired" });
  await insertLedger(db, { voucherId: v1, paymentId: pay1, cents: -500, reason: "spend", at: "2024-12-20T10:00:00Z" }); // before the period
  await insertLedger(db, { voucherId: v1, paymentId: pay1, cents: -3000, reason: "spend", at: "2025-01-05T10:00:00Z" });
  await insertLedger(db, { voucherId: v1, paymentId: pay1, cents: 1000, reason: "refund", at: "2025-02-01T10:00:00Z" });
  await insertLedger(db, { voucherId: v1, paymentId: pay3, cents: -2000, reason: "spend", at: "2025-02-01T08:00:00Z" });
  await insertLedger(db, { voucherId: v1, paymentId: pay3, cents: 2000, reason: "release", at: "2025-02-01T09:00:00Z" });
  await insertLedger(db, { voucherId: v1, paymentId: pay2, cents: -2000, reason: "spend", at: "2025-02-01T10:00:00Z" });
  const v3 = await insertVoucher(db, { familyUserId: f3.id, quartiereId: A });
  await insertLedger(db, { voucherId: v3, paymentId: null, cents: -700, reason: "spend", at: "2025-03-01T10:00:00Z" });
  const v2 = await insertVoucher(db, { familyUserId: f4.id, quartiereId: B });
  const pay8 = await insertPayment(db, { bookingId: b8, payerUserId: f4.id, cents: 4000 });
  await insertLedger(db, { voucherId: v2, paymentId: pay8, cents: -4000, reason: "spend", at: "2025-02-10T10:00:00Z" });

  return { quartiereA: A, quartiereB: B, quartiereC: C, families: { f1, f2, f3, f4 }, needs: { n1, n3, n7 } };
}
