import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hubSignupsOfUser } from "../territory/hubs/hub-events.server";

/**
 * The marketplace part of "download my data" (exportMyData): what the person did and wrote,
 * never other people's personal data. Where another person is part of the story, they appear as
 * an id or a number, not by name or words:
 * - a booking's provider by its id (its public profile is at /providers/<id>);
 * - in a conversation, the person's own messages as written, the other side's as a count and
 *   times only (their words are their personal data);
 * - a booking's history with the person's own notes only; counter-offers with their terms, not
 *   the provider's note; a review without the provider's reply text (only whether and when);
 * - a shared group by its terms and number of families, not who they are;
 * - as an operator, their recorded actions by kind and subject id, without the details.
 * Payments carry amounts and statuses, never Stripe's identifiers.
 */

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export async function marketplaceDataOf(db: Kysely<Database>, userId: string) {
  const [bookings, conversations, reviews, payments, vouchers, needs, sharedGroups, condominiums, hubEventSignups, operatorActions] = await Promise.all([
    bookingsOf(db, userId),
    conversationsOf(db, userId),
    reviewsOf(db, userId),
    paymentsOf(db, userId),
    vouchersOf(db, userId),
    needsOf(db, userId),
    sharedGroupsOf(db, userId),
    condominiumsOf(db, userId),
    hubSignupsOf(db, userId),
    operatorActionsOf(db, userId),
  ]);
  return { bookings, conversations, reviews, payments, vouchers, needs, sharedGroups, condominiums, hubEventSignups, operatorActions };
}

/** Bookings the person asked for as the family, with their terms, private details and history. */
async function bookingsOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom("bookings as b")
    .innerJoin("service_categories as c", "c.id", "b.category_id")
    .selectAll("b")
    .select("c.slug")
    .where("b.family_user_id", "=", userId)
    .orderBy("b.created_at")
    .orderBy("b.id")
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((b) => b.id);
  const [transitions, offers] = await Promise.all([
    db
      .selectFrom("booking_transitions")
      .select(["booking_id", "from_status", "to_status", "action", "actor_role", "actor_user_id", "note", "created_at"])
      .where("booking_id", "in", ids)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("booking_counter_offers")
      .select(["booking_id", "weekdays", "start_minute", "end_minute", "first_date", "last_date", "hourly_price_cents", "created_at", "resolved_at", "resolution"])
      .where("booking_id", "in", ids)
      .orderBy("created_at")
      .execute(),
  ]);
  return rows.map((b) => ({
    id: b.id,
    providerId: b.provider_id,
    category: b.slug,
    kind: b.kind,
    status: b.status,
    weekdays: b.weekdays,
    startMinute: b.start_minute,
    endMinute: b.end_minute,
    firstDate: b.first_date,
    lastDate: b.last_date,
    address: b.address,
    careNotes: b.care_notes,
    contactPhone: b.contact_phone,
    quartiereId: b.quartiere_id,
    hourlyPriceCents: b.hourly_price_cents,
    totalCents: b.total_cents,
    currency: b.currency.trim(),
    paymentMode: b.payment_mode,
    cancellationPolicy: b.cancellation_policy,
    sharedGroupId: b.shared_group_id,
    createdAt: iso(b.created_at),
    updatedAt: iso(b.updated_at),
    statusHistory: transitions
      .filter((t) => t.booking_id === b.id)
      .map((t) => ({
        from: t.from_status,
        to: t.to_status,
        action: t.action,
        by: t.actor_role,
        byYou: t.actor_user_id === userId,
        note: t.actor_user_id === userId ? t.note : null,
        at: iso(t.created_at),
      })),
    counterOffers: offers
      .filter((o) => o.booking_id === b.id)
      .map((o) => ({
        weekdays: o.weekdays,
        startMinute: o.start_minute,
        endMinute: o.end_minute,
        firstDate: o.first_date,
        lastDate: o.last_date,
        hourlyPriceCents: o.hourly_price_cents,
        createdAt: iso(o.created_at),
        resolvedAt: iso(o.resolved_at),
        resolution: o.resolution,
      })),
  }));
}

/**
 * The conversations the person is in (as the family, or any they wrote in for a provider): their
 * messages as written, the others' as times, and a report they made with its reason.
 */
async function conversationsOf(db: Kysely<Database>, userId: string) {
  const threads = await db
    .selectFrom("message_threads as t")
    .innerJoin("bookings as b", "b.id", "t.booking_id")
    .select(["t.id", "t.booking_id", "b.family_user_id", "t.reported_at", "t.reported_by", "t.report_reason", "t.created_at"])
    .where((eb) =>
      eb.or([
        eb("b.family_user_id", "=", userId),
        eb.exists(eb.selectFrom("messages as m").select("m.id").whereRef("m.thread_id", "=", "t.id").where("m.sender_user_id", "=", userId)),
      ]),
    )
    .orderBy("t.created_at")
    .orderBy("t.id")
    .execute();
  if (threads.length === 0) return [];
  const messages = await db
    .selectFrom("messages")
    .select(["thread_id", "sender_user_id", "body", "created_at"])
    .where(
      "thread_id",
      "in",
      threads.map((t) => t.id),
    )
    .orderBy("id")
    .execute();
  return threads.map((t) => {
    const own = messages.filter((m) => m.thread_id === t.id && m.sender_user_id === userId);
    const others = messages.filter((m) => m.thread_id === t.id && m.sender_user_id !== userId);
    return {
      bookingId: t.booking_id,
      side: t.family_user_id === userId ? ("family" as const) : ("provider" as const),
      sent: own.map((m) => ({ at: iso(m.created_at), body: m.body })),
      received: { count: others.length, at: others.map((m) => iso(m.created_at)) },
      yourReport: t.reported_by === userId && t.reported_at ? { at: iso(t.reported_at), reason: t.report_reason } : null,
    };
  });
}

async function reviewsOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom("reviews")
    .select([
      "id",
      "booking_id",
      "provider_id",
      "rating_reliability",
      "rating_care",
      "rating_communication",
      "body",
      "replied_at",
      "hidden_at",
      "hidden_reason",
      "created_at",
    ])
    .where("author_user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bookingId: r.booking_id,
    providerId: r.provider_id,
    ratings: { reliability: r.rating_reliability, care: r.rating_care, communication: r.rating_communication },
    body: r.body,
    providerRepliedAt: iso(r.replied_at),
    hiddenAt: iso(r.hidden_at),
    hiddenReason: r.hidden_reason,
    createdAt: iso(r.created_at),
  }));
}

async function paymentsOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom("payments")
    .select([
      "id",
      "booking_id",
      "amount_cents",
      "voucher_cents",
      "stripe_cents",
      "platform_fee_cents",
      "refunded_cents",
      "currency",
      "status",
      "failure_code",
      "created_at",
      "updated_at",
    ])
    .where("payer_user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((p) => ({
    id: p.id,
    bookingId: p.booking_id,
    amountCents: p.amount_cents,
    voucherCents: p.voucher_cents,
    cardCents: p.stripe_cents,
    platformFeeCents: p.platform_fee_cents,
    refundedCents: p.refunded_cents,
    currency: p.currency.trim(),
    status: p.status,
    failureCode: p.failure_code,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  }));
}

async function vouchersOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom("vouchers")
    .select(["id", "programme", "budget_cents", "balance_cents", "category_ids", "expires_on", "quartiere_id", "created_at", "revoked_at"])
    .where("family_user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  if (rows.length === 0) return [];
  const [ledger, categories] = await Promise.all([
    db
      .selectFrom("voucher_ledger")
      .select(["voucher_id", "payment_id", "amount_cents", "reason", "created_at"])
      .where(
        "voucher_id",
        "in",
        rows.map((v) => v.id),
      )
      .orderBy("id")
      .execute(),
    db.selectFrom("service_categories").select(["id", "slug"]).execute(),
  ]);
  const slugOf = new Map(categories.map((c) => [c.id, c.slug]));
  return rows.map((v) => ({
    id: v.id,
    programme: v.programme,
    budgetCents: v.budget_cents,
    balanceCents: v.balance_cents,
    categories: v.category_ids.map((id) => slugOf.get(id) ?? String(id)),
    expiresOn: v.expires_on,
    quartiereId: v.quartiere_id,
    grantedAt: iso(v.created_at),
    revokedAt: iso(v.revoked_at),
    ledger: ledger
      .filter((l) => l.voucher_id === v.id)
      .map((l) => ({ amountCents: l.amount_cents, reason: l.reason, paymentId: l.payment_id, at: iso(l.created_at) })),
  }));
}

/** Needs posted for the person (by them, or for them at a hub desk), with where an operator routed them. */
async function needsOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom("needs as n")
    .innerJoin("service_categories as c", "c.id", "n.category_id")
    .selectAll("n")
    .select("c.slug")
    .where("n.family_user_id", "=", userId)
    .orderBy("n.created_at")
    .execute();
  if (rows.length === 0) return [];
  const referrals = await db
    .selectFrom("need_referrals as r")
    .innerJoin("network_organisations as o", "o.id", "r.organisation_id")
    .select(["r.need_id", "o.name", "r.note", "r.created_at"])
    .where(
      "r.need_id",
      "in",
      rows.map((n) => n.id),
    )
    .orderBy("r.id")
    .execute();
  return rows.map((n) => ({
    id: n.id,
    category: n.slug,
    status: n.status,
    windows: n.windows,
    address: n.address,
    quartiereId: n.quartiere_id,
    location: { lat: n.lat, lng: n.lng },
    condominiumId: n.condominium_id,
    details: n.details,
    childrenAges: n.children_ages,
    persons: n.persons,
    budgetCentsPerHour: n.budget_cents_per_hour,
    openToSharing: n.open_to_sharing,
    maxWalkM: n.max_walk_m,
    postedByYou: n.created_by_user_id === userId,
    createdAt: iso(n.created_at),
    updatedAt: iso(n.updated_at),
    referredTo: referrals.filter((r) => r.need_id === n.id).map((r) => ({ organisation: r.name, note: r.note, at: iso(r.created_at) })),
  }));
}

/** Shared groups the person was invited to or in: their place and share, and the group's terms. */
async function sharedGroupsOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("shared_groups as g", "g.id", "m.group_id")
    .innerJoin("service_categories as c", "c.id", "g.category_id")
    .select([
      "m.group_id",
      "m.need_id",
      "m.status as member_status",
      "m.persons",
      "m.share_hourly_cents",
      "m.responded_at",
      "m.leaves_on",
      "g.status",
      "c.slug",
      "g.quartiere_id",
      "g.shared_windows",
      "g.weekly_minutes",
      "g.hourly_total_cents",
      "g.individual_hourly_cents",
      "g.booking_id",
      "g.created_at",
      "g.formed_at",
      (eb) =>
        eb
          .selectFrom("shared_group_members as o")
          .select((o) => o.fn.countAll<string>().as("n"))
          .whereRef("o.group_id", "=", "m.group_id")
          .where("o.status", "in", ["invited", "accepted"])
          .as("live_members"),
    ])
    .where("m.family_user_id", "=", userId)
    .orderBy("g.created_at")
    .orderBy("m.group_id")
    .execute();
  return rows.map((r) => ({
    groupId: r.group_id,
    needId: r.need_id,
    yourStatus: r.member_status,
    persons: r.persons,
    shareHourlyCents: r.share_hourly_cents,
    respondedAt: iso(r.responded_at),
    leavesOn: r.leaves_on,
    group: {
      status: r.status,
      category: r.slug,
      quartiereId: r.quartiere_id,
      sharedWindows: r.shared_windows,
      weeklyMinutes: r.weekly_minutes,
      hourlyTotalCents: r.hourly_total_cents,
      individualHourlyCents: r.individual_hourly_cents,
      families: Number(r.live_members ?? 0),
      bookingId: r.booking_id,
      proposedAt: iso(r.created_at),
      formedAt: iso(r.formed_at),
    },
  }));
}

/** Condominiums the person belongs to, and the notices they wrote (in any condominium). */
async function condominiumsOf(db: Kysely<Database>, userId: string) {
  const [memberships, posts] = await Promise.all([
    db
      .selectFrom("condominium_members as m")
      .innerJoin("condominiums as c", "c.id", "m.condominium_id")
      .select(["c.id", "c.name", "c.address", "c.quartiere_id", "m.member_role", "m.unit_label", "m.shares_needs", "m.joined_at"])
      .where("m.user_id", "=", userId)
      .orderBy("m.joined_at")
      .execute(),
    db
      .selectFrom("condominium_posts")
      .select(["condominium_id", "body", "created_at", "hidden_at"])
      .where("author_user_id", "=", userId)
      .orderBy("id")
      .execute(),
  ]);
  return {
    memberships: memberships.map((m) => ({
      condominiumId: m.id,
      name: m.name,
      address: m.address,
      quartiereId: m.quartiere_id,
      role: m.member_role,
      unitLabel: m.unit_label,
      sharesNeeds: m.shares_needs,
      joinedAt: iso(m.joined_at),
    })),
    noticesWritten: posts.map((p) => ({ condominiumId: p.condominium_id, body: p.body, at: iso(p.created_at), hiddenAt: iso(p.hidden_at) })),
  };
}

async function hubSignupsOf(db: Kysely<Database>, userId: string) {
  const rows = await hubSignupsOfUser(db, userId);
  return rows.map((s) => ({ hub: s.hub, event: s.event, startsAt: iso(s.startsAt), signedUpAt: iso(s.signedUpAt) }));
}

/** What the person did as an operator or administrator, as the audit log records it (kind and subject, not the details). */
async function operatorActionsOf(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "subject_type", "subject_id", "created_at"])
    .where("actor_user_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((a) => ({ action: a.action, subjectType: a.subject_type, subjectId: a.subject_id, at: iso(a.created_at) }));
}
