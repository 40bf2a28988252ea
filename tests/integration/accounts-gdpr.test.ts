import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAccountError } from "../../app/domain/accounts/account-errors";
import { signIn, signUp } from "../../app/domain/accounts/accounts.server";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { REMOVED_MESSAGE_BODY } from "../../app/domain/accounts/erased-content";
import { ACCOUNT_DELETED_NOTE } from "../../app/domain/accounts/gdpr-erasure.server";
import {
  bookingsBlockingErasure,
  deleteAccount,
  ERASED_ACTOR,
  exportMyData,
  isErasureBlockedError,
  type PersonalDataExport,
} from "../../app/domain/accounts/gdpr.server";
import { createSession, loadCurrentUser, userForSession } from "../../app/domain/accounts/sessions.server";
import { recordAudit } from "../../app/domain/audit/audit-log.server";
import { transitionBooking } from "../../app/domain/bookings/transition-booking.server";
import { viewThread } from "../../app/domain/messaging/view-thread.server";
import { respondToProposal } from "../../app/domain/sharing/groups.server";
import { postNeed } from "../../app/domain/sharing/needs.server";
import { runAggregation } from "../../app/domain/sharing/run-aggregation.server";
import { insertBooking, insertPayableProvider, insertVoucher, type ProviderWithOwner } from "../support/booking-fixtures";
import { insertBookingWithThread } from "../support/booking-rows";
import { insertProvider } from "../support/provider-fixtures";
import { insertCondominium, insertFamily, needForm, nextPlace } from "../support/sharing-fixtures";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
const uniqueEmail = (label: string) => `${label}-${crypto.randomBytes(5).toString("hex")}@example.org`;
const password = "password di prova lunga";

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

/** A provider who signed up, owns a verified profile with documents and history, and is signed in. */
async function providerWithProfile() {
  const email = uniqueEmail("provider");
  const { userId } = await signUp(ctx.db, { email, password, displayName: "Paola Verdi", locale: "it", role: "provider" });
  const providerId = await insertProvider(ctx.db, {
    displayName: "Paola Verdi",
    services: [{ slug: "babysitter", cents: 1300 }],
    zones: [2],
    slots: [[2, "09:00", "12:00"]],
  });
  await ctx.db
    .updateTable("providers")
    .set({ fiscal_code: "VRDPLA80A41F205X", base_address: "Via Dante 1, Milano", photo_url: "/uploads/paola.jpg" })
    .where("id", "=", providerId)
    .execute();
  await ctx.db.insertInto("provider_members").values({ provider_id: providerId, user_id: userId, member_role: "owner" }).execute();
  await ctx.db
    .insertInto("provider_documents")
    .values({
      provider_id: providerId,
      doc_type: "identity",
      original_name: "carta-identita.pdf",
      storage_key: `k-${crypto.randomUUID()}`,
      content_type: "application/pdf",
      size_bytes: 12345,
      expires_on: "2030-01-31",
      uploaded_by: userId,
    })
    .execute();
  await ctx.db
    .insertInto("provider_status_transitions")
    .values({ provider_id: providerId, from_status: "pending", to_status: "verified", actor: "operatore-1", reason: null })
    .execute();
  const session = await createSession(ctx.db, userId, "Firefox on Linux");
  return { email, userId, providerId, session };
}

describe("download my data", () => {
  it("contains the account, roles, provider profile with services, zones, slots, documents, history and sessions", async () => {
    const { email, userId, providerId } = await providerWithProfile();
    const data = await exportMyData(ctx.db, userId);
    expect(data.account).toMatchObject({ id: userId, email, displayName: "Paola Verdi", locale: "it", emailVerifiedAt: null });
    expect(data.roles.map((r) => r.role)).toEqual(["provider"]);
    expect(data.providers).toHaveLength(1);
    const provider = data.providers[0]!;
    expect(provider).toMatchObject({
      id: providerId,
      memberRole: "owner",
      displayName: "Paola Verdi",
      fiscalCode: "VRDPLA80A41F205X",
      services: [{ category: "babysitter", hourlyPriceCents: 1300 }],
      weeklySlots: [{ weekday: 2, startMinute: 540, endMinute: 720 }],
      statusHistory: [{ from: "pending", to: "verified", reason: null }],
    });
    expect(provider.zones.map((z) => z.id)).toEqual(expect.arrayContaining([1, 2]));
    expect(provider.documents).toEqual([expect.objectContaining({ type: "identity", fileName: "carta-identita.pdf", sizeBytes: 12345 })]);
    expect(data.sessions).toEqual([expect.objectContaining({ userAgent: "Firefox on Linux" })]);
    expect(data.oneTimeLinks).toEqual([expect.objectContaining({ purpose: "verify_email", usedAt: null })]);

    // Secrets never leave: no password hash, session id or link token anywhere in the file.
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/argon2|id_hash|token_hash|password/i);
    expect(text).not.toContain("storage_key");
  });
});

describe("delete my account", () => {
  it("anonymises the person, removes roles, sessions and links, and takes their profile offline", async () => {
    const { email, userId, providerId, session } = await providerWithProfile();
    // A decision this person took as an operator on someone else's profile.
    const otherId = await insertProvider(ctx.db, { displayName: "Altro fornitore" });
    await ctx.db
      .insertInto("provider_status_transitions")
      .values([
        { provider_id: otherId, from_status: "verified", to_status: "suspended", actor: email, reason: "Documento scaduto" },
        { provider_id: otherId, from_status: "suspended", to_status: "verified", actor: "Paola Verdi (operatore)", actor_user_id: userId, reason: "Rinnovato" },
      ])
      .execute();

    await expect(deleteAccount(ctx.db, userId, { password: "non è questa" })).rejects.toSatisfy((e) => isAccountError(e, "wrong_password"));
    await deleteAccount(ctx.db, userId, { password });

    const user = await ctx.db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: `deleted-${userId}@invalid`, password_hash: null, display_name: null, email_verified_at: null });
    expect(user.deleted_at).toBeInstanceOf(Date);
    for (const table of ["user_roles", "sessions", "auth_tokens", "provider_members"] as const) {
      expect(await ctx.db.selectFrom(table).select("user_id").where("user_id", "=", userId).execute(), table).toEqual([]);
    }
    expect(await userForSession(ctx.db, session)).toBeNull();

    const provider = await ctx.db.selectFrom("providers").selectAll().where("id", "=", providerId).executeTakeFirstOrThrow();
    expect(provider).toMatchObject({ active: false, fiscal_code: null, base_address: null, photo_url: null, bio: {} });
    // The search outbox got the change (the trigger), so the profile leaves the index.
    const outbox = await ctx.db.selectFrom("search_outbox").select("provider_id").where("provider_id", "=", providerId).execute();
    expect(outbox.length).toBeGreaterThan(0);

    // The history stays, without the person.
    const history = await ctx.db
      .selectFrom("provider_status_transitions")
      .select(["provider_id", "actor", "reason"])
      .where("provider_id", "=", otherId)
      .orderBy("id")
      .execute();
    expect(history).toEqual([
      { provider_id: otherId, actor: ERASED_ACTOR, reason: "Documento scaduto" },
      { provider_id: otherId, actor: ERASED_ACTOR, reason: "Rinnovato" },
    ]);
    const documents = await ctx.db.selectFrom("provider_documents").select("uploaded_by").where("provider_id", "=", providerId).execute();
    expect(documents).toEqual([{ uploaded_by: null }]);

    // Nobody can sign in as them, and the address can be used for a new account.
    await expect(signIn(ctx.db, { email, password })).rejects.toSatisfy((e) => isAccountError(e, "invalid_credentials"));
    await expect(exportMyData(ctx.db, userId)).rejects.toSatisfy((e) => isAccountError(e, "not_found"));
    await expect(signUp(ctx.db, { email, password, displayName: "Di nuovo", locale: "it", role: "family" })).resolves.toBeTruthy();
  });
});

/**
 * A family with one of each thing the marketplace keeps about them, and the other people around
 * it: the provider of its bookings (whose owner writes back), two neighbours who share a group
 * and a condominium with it.
 */
interface FamilyScenario {
  family: CurrentUser;
  neighbours: CurrentUser[];
  provider: ProviderWithOwner;
  /** Completed and reviewed, paid partly with a voucher, with a counter-offer in its history. */
  pastBookingId: string;
  /** Confirmed (still open), with the conversation. */
  openBookingId: string;
  groupId: string;
  needId: string;
  condominiumId: string;
  eventId: string;
  voucherId: string;
  paymentId: string;
}

const SECRETS = {
  providerMessage: "Perfetto, porto io i colori per Lucia. Ci vediamo alle 16.",
  providerNote: "Nota interna della fornitrice: ho spostato un altro impegno",
  offerNote: "Posso solo dalle 16:30, scusate",
  reply: "Grazie di cuore, è stato un piacere (Paola)",
  checkoutSession: "cs_test_a1b2c3d4e5",
  paymentIntent: "pi_test_f6g7h8i9",
};

async function familyWithOneOfEach(): Promise<FamilyScenario> {
  const provider = await insertPayableProvider(ctx.db, { name: "Paola Verdi" });
  const family = (await insertFamily(ctx.db, "Giulia Bianchi"))!;
  const neighbours = [await insertFamily(ctx.db, "Marco Neri"), await insertFamily(ctx.db, "Sara Gialli")];

  // A booking that is over: terms, private details, its history (with a note from each side), a counter-offer, a review, a payment.
  const pastBookingId = await insertBooking(ctx.db, { providerId: provider.providerId, familyUserId: family.id, totalCents: 4_500, status: "reviewed" });
  await ctx.db
    .updateTable("bookings")
    .set({ address: "Via Padova 21, scala B, citofono Bianchi", care_notes: "Lucia è allergica alle arachidi", contact_phone: "+39 333 1234567" })
    .where("id", "=", pastBookingId)
    .execute();
  await ctx.db
    .insertInto("booking_transitions")
    .values([
      { booking_id: pastBookingId, from_status: null, to_status: "requested", action: "request", actor_role: "family", actor_user_id: family.id, note: "Lucia ha 6 anni" },
      { booking_id: pastBookingId, from_status: "requested", to_status: "counter_offered", action: "counterOffer", actor_role: "provider", actor_user_id: provider.owner.id, note: SECRETS.providerNote },
      { booking_id: pastBookingId, from_status: "counter_offered", to_status: "accepted", action: "acceptOffer", actor_role: "family", actor_user_id: family.id, note: null },
      { booking_id: pastBookingId, from_status: "completed", to_status: "reviewed", action: "review", actor_role: "family", actor_user_id: family.id, note: null },
    ])
    .execute();
  await ctx.db
    .insertInto("booking_counter_offers")
    .values({
      booking_id: pastBookingId,
      weekdays: [3],
      start_minute: 990,
      end_minute: 1140,
      first_date: "2030-03-06",
      last_date: "2030-03-06",
      hourly_price_cents: 1_500,
      note: SECRETS.offerNote,
      created_by: provider.owner.id,
      resolved_at: new Date(),
      resolution: "accepted",
    })
    .execute();
  await ctx.db
    .insertInto("reviews")
    .values({
      booking_id: pastBookingId,
      provider_id: provider.providerId,
      author_user_id: family.id,
      rating_reliability: 5,
      rating_care: 4,
      rating_communication: 5,
      body: "Paola è stata puntuale e Lucia si è divertita.",
      reply_body: SECRETS.reply,
      replied_at: new Date(),
    })
    .execute();
  const voucherId = await insertVoucher(ctx.db, { familyUserId: family.id, budgetCents: 10_000 });
  const { id: paymentId } = await ctx.db
    .insertInto("payments")
    .values({
      booking_id: pastBookingId,
      payer_user_id: family.id,
      amount_cents: 4_500,
      voucher_cents: 1_000,
      stripe_cents: 3_500,
      platform_fee_cents: 225,
      status: "paid",
      stripe_checkout_session_id: SECRETS.checkoutSession,
      stripe_payment_intent_id: SECRETS.paymentIntent,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto("voucher_ledger").values({ voucher_id: voucherId, payment_id: paymentId, amount_cents: -1_000, reason: "spend" }).execute();
  await ctx.db.updateTable("vouchers").set({ balance_cents: 9_000 }).where("id", "=", voucherId).execute();

  // A booking still under way, with the conversation: the family wrote, the provider answered.
  const { bookingId: openBookingId, threadId } = await insertBookingWithThread(ctx.db, {
    providerId: provider.providerId,
    familyUserId: family.id,
    status: "confirmed",
    firstMessage: "Buongiorno, Lucia esce da scuola alle 16:20 in via Padova.",
    at: new Date(Date.now() - 60_000),
  });
  await ctx.db.insertInto("messages").values({ thread_id: threadId, sender_user_id: provider.owner.id, body: SECRETS.providerMessage }).execute();

  // A need in a shared group of the condominium, where the family is the administrator and writes a notice.
  const condominiumId = await insertCondominium(ctx.db, [family, ...neighbours]);
  await ctx.db
    .updateTable("condominium_members")
    .set({ member_role: "administrator", unit_label: "Scala B, int. 4", joined_at: new Date(Date.now() - 3 * 86_400_000) })
    .where("condominium_id", "=", condominiumId)
    .where("user_id", "=", family.id)
    .execute();
  await ctx.db.insertInto("condominium_posts").values({ condominium_id: condominiumId, author_user_id: family.id, body: "Cerco qualcuno per il doposcuola il mercoledì" }).execute();
  await ctx.db.insertInto("condominium_posts").values({ condominium_id: condominiumId, author_user_id: neighbours[0]!.id, body: "Avviso di Marco: assemblea giovedì" }).execute();
  const place = nextPlace();
  const needIds: string[] = [];
  for (const [i, who] of [family, ...neighbours].entries()) {
    const posted = await postNeed(
      ctx.db,
      who,
      needForm({ ...place, condominiumId, childrenAges: i === 0 ? "6" : "8", details: i === 0 ? "Lucia, ritiro a scuola in via Padova" : "Da prendere a scuola" }),
    );
    if (!posted.ok) throw new Error(`need not posted: ${JSON.stringify(posted.errors)}`);
    needIds.push(posted.needId);
  }
  await runAggregation(ctx.db);
  const { group_id: groupId } = await ctx.db
    .selectFrom("shared_group_members")
    .select("group_id")
    .where("need_id", "=", needIds[0]!)
    .executeTakeFirstOrThrow();
  for (const who of [family, ...neighbours]) await respondToProposal(ctx.db, who, { groupId, answer: "accept" });

  // A place at a hub meeting.
  const { id: hubId } = await ctx.db
    .insertInto("hubs")
    .values({ name: "Spazio Padova", address: "Via Padova 36", lat: 45.49, lng: 9.22 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: eventId } = await ctx.db
    .insertInto("hub_events")
    .values({ hub_id: hubId, title: "Merenda tra vicini", starts_at: new Date("2030-05-04T14:00:00Z"), ends_at: new Date("2030-05-04T16:00:00Z"), capacity: 30 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto("hub_event_signups").values({ event_id: eventId, user_id: family.id }).execute();

  // Something they did that the audit log records (with another person's id in its details).
  await recordAudit(ctx.db, {
    actorUserId: family.id,
    action: "condominium.remove_member",
    subjectType: "condominium",
    subjectId: condominiumId,
    details: { memberUserId: neighbours[1]!.id },
  });

  return { family, neighbours, provider, pastBookingId, openBookingId, groupId, needId: needIds[0]!, condominiumId, eventId, voucherId, paymentId };
}

/** The export without the moment it was made, to compare two of them. */
const content = ({ exportedAt: _at, ...rest }: PersonalDataExport) => rest;

describe("a family's bookings, messages, reviews, payments, vouchers, needs, groups, condominiums and hub places", () => {
  let s: FamilyScenario;
  beforeAll(async () => {
    s = await familyWithOneOfEach();
  });

  it("are all in the download, without the other people's words, names or payment secrets", async () => {
    const data = await exportMyData(ctx.db, s.family.id);
    expect(data.format).toBe("vicinato-personal-data/2");

    expect(data.bookings.map((b) => b.id).sort()).toEqual([s.pastBookingId, s.openBookingId].sort());
    const past = data.bookings.find((b) => b.id === s.pastBookingId)!;
    expect(past).toMatchObject({
      providerId: s.provider.providerId,
      category: "babysitter",
      status: "reviewed",
      address: "Via Padova 21, scala B, citofono Bianchi",
      careNotes: "Lucia è allergica alle arachidi",
      contactPhone: "+39 333 1234567",
      totalCents: 4_500,
      currency: "EUR",
    });
    expect(past.statusHistory.map((h) => [h.to, h.by, h.byYou, h.note])).toEqual([
      ["requested", "family", true, "Lucia ha 6 anni"],
      ["counter_offered", "provider", false, null],
      ["accepted", "family", true, null],
      ["reviewed", "family", true, null],
    ]);
    expect(past.counterOffers).toEqual([
      expect.objectContaining({ weekdays: [3], startMinute: 990, endMinute: 1140, hourlyPriceCents: 1_500, resolution: "accepted" }),
    ]);

    expect(data.conversations).toHaveLength(1);
    expect(data.conversations[0]).toMatchObject({
      bookingId: s.openBookingId,
      side: "family",
      sent: [{ body: "Buongiorno, Lucia esce da scuola alle 16:20 in via Padova." }],
      received: { count: 1 },
      yourReport: null,
    });
    expect(data.conversations[0]!.received.at).toHaveLength(1);

    expect(data.reviews).toEqual([
      expect.objectContaining({
        bookingId: s.pastBookingId,
        ratings: { reliability: 5, care: 4, communication: 5 },
        body: "Paola è stata puntuale e Lucia si è divertita.",
        providerRepliedAt: expect.any(String),
      }),
    ]);
    expect(data.payments).toEqual([
      expect.objectContaining({ id: s.paymentId, bookingId: s.pastBookingId, amountCents: 4_500, voucherCents: 1_000, cardCents: 3_500, status: "paid" }),
    ]);
    expect(data.vouchers).toEqual([
      expect.objectContaining({
        id: s.voucherId,
        budgetCents: 10_000,
        balanceCents: 9_000,
        revokedAt: null,
        ledger: [expect.objectContaining({ amountCents: -1_000, reason: "spend", paymentId: s.paymentId })],
      }),
    ]);
    expect(data.needs).toEqual([
      expect.objectContaining({ id: s.needId, category: "babysitter", details: "Lucia, ritiro a scuola in via Padova", childrenAges: [6], status: "grouped" }),
    ]);
    expect(data.needs[0]!.address).toContain("Via Padova");
    expect(data.sharedGroups).toEqual([
      expect.objectContaining({
        groupId: s.groupId,
        needId: s.needId,
        yourStatus: "accepted",
        shareHourlyCents: expect.any(Number),
        group: expect.objectContaining({ status: "formed", category: "babysitter", families: 3 }),
      }),
    ]);
    expect(data.condominiums.memberships).toEqual([
      expect.objectContaining({ condominiumId: s.condominiumId, role: "administrator", unitLabel: "Scala B, int. 4" }),
    ]);
    expect(data.condominiums.noticesWritten).toEqual([expect.objectContaining({ condominiumId: s.condominiumId, body: "Cerco qualcuno per il doposcuola il mercoledì", hiddenAt: null })]);
    expect(data.hubEventSignups).toEqual([expect.objectContaining({ hub: "Spazio Padova", event: "Merenda tra vicini", startsAt: "2030-05-04T14:00:00.000Z" })]);
    expect(data.operatorActions).toEqual([{ action: "condominium.remove_member", subjectType: "condominium", subjectId: s.condominiumId, at: expect.any(String) }]);

    // Nothing of the other people: their words, their names, their ids, and no payment secrets.
    const text = JSON.stringify(data);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    for (const other of [s.provider.owner, ...s.neighbours]) {
      expect(text).not.toContain(other.displayName!);
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.email);
    }
    expect(text).not.toContain("Avviso di Marco");
    expect(text).not.toMatch(/stripe_|cs_test|pi_test/);
  });

  it("cannot be erased while a booking is open: the refusal lists it and nothing changes", async () => {
    const before = content(await exportMyData(ctx.db, s.family.id));

    const refusal = await deleteAccount(ctx.db, s.family.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isErasureBlockedError(refusal)).toBe(true);
    if (!isErasureBlockedError(refusal)) return;
    expect(refusal.bookings).toEqual([
      { bookingId: s.openBookingId, as: "family", status: "confirmed", categorySlug: "babysitter", firstDate: expect.any(String), lastDate: expect.any(String) },
    ]);
    // What the page shows before anything is typed is the same list.
    expect(await bookingsBlockingErasure(ctx.db, s.family.id)).toEqual(refusal.bookings);
    // The provider's owner is refused too, for the same booking on their side.
    await expect(deleteAccount(ctx.db, s.provider.owner.id)).rejects.toSatisfy(
      (e) => isErasureBlockedError(e) && e.bookings.some((b) => b.bookingId === s.openBookingId && b.as === "provider"),
    );

    expect(content(await exportMyData(ctx.db, s.family.id))).toEqual(before);
    expect(await loadCurrentUser(ctx.db, s.family.id)).toMatchObject({ displayName: "Giulia Bianchi", roles: ["family"] });
  });

  it("once the booking is over, clears each item as the rules say and the provider still reads the conversation", async () => {
    await transitionBooking(ctx.db, { bookingId: s.openBookingId, action: "complete", actorRole: "provider", actorUserId: s.provider.owner.id });
    await deleteAccount(ctx.db, s.family.id);

    // Bookings: private details gone, the record kept.
    const bookings = await ctx.db.selectFrom("bookings").selectAll().where("family_user_id", "=", s.family.id).orderBy("id").execute();
    expect(bookings).toHaveLength(2);
    for (const b of bookings) expect(b).toMatchObject({ address: "", care_notes: "", contact_phone: null, family_user_id: s.family.id });
    expect(bookings.find((b) => b.id === s.pastBookingId)).toMatchObject({ status: "reviewed", total_cents: 4_500 });
    expect(bookings.find((b) => b.id === s.openBookingId)).toMatchObject({ status: "completed" });
    const notes = await ctx.db.selectFrom("booking_transitions").select(["actor_user_id", "note"]).where("booking_id", "=", s.pastBookingId).orderBy("id").execute();
    expect(notes.map((n) => n.note)).toEqual([null, SECRETS.providerNote, null, null]);

    // Messages: theirs replaced by the marker, sender kept; read markers gone.
    const messages = await ctx.db.selectFrom("messages").select(["sender_user_id", "body"]).orderBy("id").execute();
    expect(messages.filter((m) => m.sender_user_id === s.family.id).map((m) => m.body)).toEqual([REMOVED_MESSAGE_BODY]);
    expect(messages.filter((m) => m.sender_user_id === s.provider.owner.id).map((m) => m.body)).toEqual([SECRETS.providerMessage]);
    expect(await ctx.db.selectFrom("thread_reads").select("thread_id").where("user_id", "=", s.family.id).execute()).toEqual([]);

    // The provider's side of the conversation still reads, in order, with the family unnamed.
    const view = await viewThread(ctx.db, s.provider.owner, s.openBookingId, { markRead: false });
    expect(view).not.toBeNull();
    expect(view!.familyName).toBeNull();
    expect(view!.messages.map((m) => [m.side, m.mine, m.parts])).toEqual([
      ["family", false, [{ text: REMOVED_MESSAGE_BODY }]],
      ["provider", true, [{ text: SECRETS.providerMessage }]],
    ]);

    // Review: ratings kept, text gone, the provider's reply kept.
    expect(await ctx.db.selectFrom("reviews").select(["rating_reliability", "rating_care", "rating_communication", "body", "reply_body"]).where("booking_id", "=", s.pastBookingId).executeTakeFirst()).toEqual({
      rating_reliability: 5,
      rating_care: 4,
      rating_communication: 5,
      body: "",
      reply_body: SECRETS.reply,
    });

    // Payments untouched; the voucher revoked with its balance and ledger.
    expect(await ctx.db.selectFrom("payments").select(["amount_cents", "status"]).where("id", "=", s.paymentId).executeTakeFirst()).toEqual({ amount_cents: 4_500, status: "paid" });
    const voucher = await ctx.db.selectFrom("vouchers").select(["balance_cents", "revoked_at"]).where("id", "=", s.voucherId).executeTakeFirstOrThrow();
    expect(voucher.balance_cents).toBe(9_000);
    expect(voucher.revoked_at).toBeInstanceOf(Date);
    expect(await ctx.db.selectFrom("voucher_ledger").select("amount_cents").where("voucher_id", "=", s.voucherId).execute()).toEqual([{ amount_cents: -1_000 }]);

    // Need withdrawn, its home details gone, its place only the quartiere's centre.
    const need = await ctx.db.selectFrom("needs").selectAll().where("id", "=", s.needId).executeTakeFirstOrThrow();
    const centre = await ctx.db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", need.quartiere_id).executeTakeFirstOrThrow();
    expect(need).toMatchObject({ status: "withdrawn", address: "", details: "", children_ages: [], lat: centre.lat, lng: centre.lng });

    // Shared group: they left it, it goes on with the two neighbours, and says why.
    const members = await ctx.db.selectFrom("shared_group_members").select(["family_user_id", "status"]).where("group_id", "=", s.groupId).execute();
    expect(members.find((m) => m.family_user_id === s.family.id)?.status).toBe("left");
    expect(members.filter((m) => m.status === "accepted")).toHaveLength(2);
    expect((await ctx.db.selectFrom("shared_groups").select("status").where("id", "=", s.groupId).executeTakeFirstOrThrow()).status).toBe("formed");
    const events = await ctx.db.selectFrom("shared_group_transitions").select(["action", "note"]).where("group_id", "=", s.groupId).orderBy("id").execute();
    expect(events).toContainEqual({ action: "leave", note: ACCOUNT_DELETED_NOTE });

    // Condominium: membership gone, the longest-standing neighbour now administers it; their notice hidden, the neighbour's kept.
    const condoMembers = await ctx.db
      .selectFrom("condominium_members")
      .select(["user_id", "member_role"])
      .where("condominium_id", "=", s.condominiumId)
      .execute();
    expect(condoMembers.map((m) => m.user_id).sort()).toEqual(s.neighbours.map((n) => n.id).sort());
    expect(condoMembers.filter((m) => m.member_role === "administrator")).toHaveLength(1);
    const posts = await ctx.db.selectFrom("condominium_posts").select(["author_user_id", "body", "hidden_at"]).where("condominium_id", "=", s.condominiumId).orderBy("id").execute();
    expect(posts[0]).toMatchObject({ author_user_id: s.family.id, hidden_at: expect.any(Date) });
    expect(posts[0]!.body).not.toContain("doposcuola");
    expect(posts[1]).toMatchObject({ author_user_id: s.neighbours[0]!.id, body: "Avviso di Marco: assemblea giovedì", hidden_at: null });

    // Hub place gone.
    expect(await ctx.db.selectFrom("hub_event_signups").select("event_id").where("user_id", "=", s.family.id).execute()).toEqual([]);

    // And the person is anonymised as before.
    expect(await ctx.db.selectFrom("users").select(["display_name", "email"]).where("id", "=", s.family.id).executeTakeFirst()).toEqual({
      display_name: null,
      email: `deleted-${s.family.id}@invalid`,
    });
  });
});
