import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, SharedGroupStatus } from "../../../db/schema";
import { formatMoney } from "../../i18n/format";
import { isStorableText } from "../../utils/storable-text";
import { isUuid } from "../../utils/uuid";
import { AuthorisationError, assertOperatorOf, type CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { providerIdsActedForBy } from "../bookings/booking-access.server";
import { isPublicProvider } from "../providers/public-visibility";
import { assertVerifier } from "../verification/operator-access.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { scheduleSlots } from "./aggregation/time-windows";
import type { ScheduleSlot } from "./aggregation/types";
import { shortName } from "./describe-group";
import { isLiveMember, loadGroupMembers, lockGroup, recordGroupEvent, type GroupActor, type MemberStatus } from "./group-core.server";
import { decodeOnBehalf, parseEuros, type FieldErrors } from "./need-schemas";
import { SharingError } from "./sharing-errors";
import { notifyGroupMembers } from "./sharing-notifications.server";

/**
 * Providers and operators around a formed group. A group request is seen only by providers the
 * public may see (verified, active) that offer the group's category and serve its quartiere
 * (provider_zones); they offer an hourly price for the whole group with a message (one offer per
 * provider, which they may revise while the group has not booked). An operator of the group's
 * quartiere may assign a provider that matches in the same way (an offer made on its behalf,
 * recorded in the audit log); the members still choose.
 */

type Db = Kysely<Database>;

export const OFFER_MESSAGE_MAX = 1000;
export const OFFER_MIN_CENTS = 100;
export const OFFER_MAX_CENTS = 50_000;

export const offerFormSchema = z.object({
  price: z.string({ error: "errors.priceRequired" }).transform((value, ctx) => {
    const parsed = parseEuros(value);
    if ("error" in parsed || parsed.cents === null) {
      ctx.addIssue({ code: "custom", message: value.trim() === "" ? "errors.priceRequired" : "errors.priceInvalid" });
      return z.NEVER;
    }
    if (parsed.cents < OFFER_MIN_CENTS || parsed.cents > OFFER_MAX_CENTS) {
      ctx.addIssue({ code: "custom", message: "errors.priceRange" });
      return z.NEVER;
    }
    return parsed.cents;
  }),
  message: z
    .string({ error: "errors.messageInvalid" })
    .trim()
    .max(OFFER_MESSAGE_MAX, { error: "errors.messageTooLong" })
    .refine((v) => isStorableText(v, { multiline: true }), { error: "errors.messageInvalid" }),
});

function parseOffer(raw: { price: string; message: string }): { ok: true; cents: number; message: string } | { ok: false; errors: FieldErrors } {
  const parsed = offerFormSchema.safeParse(raw);
  if (parsed.success) return { ok: true, cents: parsed.data.price, message: parsed.data.message };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors };
}

export interface GroupRequest {
  groupId: string;
  status: SharedGroupStatus;
  categorySlug: string;
  quartiereName: string;
  schedule: ScheduleSlot[];
  weeklyMinutes: number;
  families: number;
  persons: number;
  /** Children's ages, youngest first (childcare), without saying whose. */
  childrenAges: number[];
  /** What the engine estimated for the group per hour (the providers' median plus 20 % per extra family). */
  estimatedHourlyCents: number;
  /** For each of the person's providers that matches: its offer, if it made one. */
  providers: Array<{ providerId: string; providerName: string; offer: { hourlyTotalCents: number; message: string; status: string } | null }>;
}

export interface GroupRequestsPage {
  /** The person's providers the public may see (the others cannot see requests yet). */
  providers: Array<{ id: string; name: string }>;
  /** The person acts for a provider, but none is verified and active yet. */
  waitingForVerification: boolean;
  requests: GroupRequest[];
}

function assertProviderSide(user: CurrentUser): void {
  if (!user.roles.some((r) => r === "provider" || r === "organisation_member")) throw new AuthorisationError("needs a provider role");
}

/** Public providers the person acts for. */
async function myPublicProviders(db: Db, user: CurrentUser) {
  return db
    .selectFrom("providers as p")
    .select(["p.id", "p.display_name"])
    .where("p.id", "in", providerIdsActedForBy(db, user.id))
    .where(isPublicProvider("p"))
    .orderBy("p.display_name")
    .execute();
}

/** Providers (of these) that offer the group's category and serve its quartiere. */
function matchingProviders(db: Db, providerIds: readonly string[], group: { category_id: number; quartiere_id: number }) {
  return db
    .selectFrom("providers as p")
    .innerJoin("provider_services as s", (join) => join.onRef("s.provider_id", "=", "p.id").on("s.category_id", "=", group.category_id))
    .innerJoin("provider_zones as z", (join) => join.onRef("z.provider_id", "=", "p.id").on("z.quartiere_id", "=", group.quartiere_id))
    .select(["p.id", "p.display_name", "s.hourly_price_cents"])
    .where("p.id", "in", providerIds.length > 0 ? [...providerIds] : ["00000000-0000-0000-0000-000000000000"])
    .where(isPublicProvider("p"))
    .orderBy("s.hourly_price_cents")
    .orderBy("p.display_name")
    .execute();
}

/** Formed groups the person's providers could serve (category + zone), with their own offers. */
export async function listGroupRequests(db: Db, user: CurrentUser): Promise<GroupRequestsPage> {
  assertProviderSide(user);
  const mine = await myPublicProviders(db, user);
  if (mine.length === 0) {
    const any = await db.selectFrom("providers as p").select("p.id").where("p.id", "in", providerIdsActedForBy(db, user.id)).executeTakeFirst();
    return { providers: [], waitingForVerification: !!any, requests: [] };
  }
  const ids = mine.map((p) => p.id);
  const rows = await db
    .selectFrom("shared_groups as g")
    .innerJoin("service_categories as c", "c.id", "g.category_id")
    .innerJoin("quartieri as q", "q.id", "g.quartiere_id")
    .select(["g.id", "g.status", "g.category_id", "g.quartiere_id", "c.slug", "q.name as quartiere_name", "g.shared_windows", "g.weekly_minutes", "g.hourly_total_cents"])
    .where("g.status", "=", "formed")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("provider_services as s")
          .innerJoin("provider_zones as z", "z.provider_id", "s.provider_id")
          .select("s.provider_id")
          .whereRef("s.category_id", "=", "g.category_id")
          .whereRef("z.quartiere_id", "=", "g.quartiere_id")
          .where("s.provider_id", "in", ids),
      ),
    )
    .orderBy("g.formed_at", "desc")
    .limit(100)
    .execute();

  const requests: GroupRequest[] = [];
  for (const row of rows) {
    const [members, matching, offers] = await Promise.all([
      db
        .selectFrom("shared_group_members as m")
        .innerJoin("needs as n", "n.id", "m.need_id")
        .select(["m.persons", "n.children_ages"])
        .where("m.group_id", "=", row.id)
        .where("m.status", "=", "accepted")
        .where("m.leaves_on", "is", null)
        .execute(),
      matchingProviders(db, ids, row),
      db.selectFrom("shared_group_offers").select(["provider_id", "hourly_total_cents", "message", "status"]).where("group_id", "=", row.id).where("provider_id", "in", ids).execute(),
    ]);
    requests.push({
      groupId: row.id,
      status: row.status,
      categorySlug: row.slug,
      quartiereName: row.quartiere_name,
      schedule: scheduleSlots(row.shared_windows),
      weeklyMinutes: row.weekly_minutes,
      families: members.length,
      persons: members.reduce((sum, m) => sum + m.persons, 0),
      childrenAges: members.flatMap((m) => m.children_ages).sort((a, b) => a - b),
      estimatedHourlyCents: row.hourly_total_cents,
      providers: matching.map((p) => {
        const offer = offers.find((o) => o.provider_id === p.id);
        return {
          providerId: p.id,
          providerName: p.display_name,
          offer: offer ? { hourlyTotalCents: offer.hourly_total_cents, message: offer.message, status: offer.status } : null,
        };
      }),
    });
  }
  return { providers: mine.map((p) => ({ id: p.id, name: p.display_name })), waitingForVerification: false, requests };
}

export type OfferResult = { ok: true } | { ok: false; errors: FieldErrors };

async function upsertOffer(
  db: Db,
  input: { groupId: string; providerId: string; cents: number; message: string; offeredBy: string; now: Date },
): Promise<void> {
  await db
    .insertInto("shared_group_offers")
    .values({
      group_id: input.groupId,
      provider_id: input.providerId,
      hourly_total_cents: input.cents,
      message: input.message,
      status: "open",
      offered_by: input.offeredBy,
      created_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(["group_id", "provider_id"]).doUpdateSet({
        hourly_total_cents: input.cents,
        message: input.message,
        status: "open",
        offered_by: input.offeredBy,
        created_at: input.now,
      }),
    )
    .execute();
}

async function tellMembersOfOffer(db: Db, groupId: string, providerId: string, cents: number): Promise<void> {
  const provider = await db.selectFrom("providers").select("display_name").where("id", "=", providerId).executeTakeFirstOrThrow();
  await notifyGroupMembers(db, groupId, "offer", {
    statuses: ["accepted"],
    params: (recipient) => ({ providerName: provider.display_name, price: formatMoney(cents, "EUR", recipient.locale) }),
  });
}

/**
 * A provider offers (or revises) an hourly price for the whole group. The person must act for a
 * public provider that matches the group (else AuthorisationError: the group is not theirs to
 * see), and the group must be formed (else SharingError "not_allowed_now").
 */
export async function makeOffer(
  db: Db,
  user: CurrentUser,
  input: { groupId: string; providerId: string; price: string; message: string },
  options: { now?: Date } = {},
): Promise<OfferResult | null> {
  assertProviderSide(user);
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const group = await lockGroup(trx, input.groupId);
    if (!group) return null;
    if (!isUuid(input.providerId)) throw new AuthorisationError("not your provider");
    const mine = (await myPublicProviders(trx, user)).map((p) => p.id);
    if (!mine.includes(input.providerId)) throw new AuthorisationError("not your provider");
    if ((await matchingProviders(trx, [input.providerId], group)).length === 0) throw new AuthorisationError("the group does not match this provider");
    if (group.status !== "formed") throw new SharingError("not_allowed_now");
    const parsed = parseOffer({ price: input.price, message: input.message });
    if (!parsed.ok) return parsed;
    await upsertOffer(trx, { groupId: group.id, providerId: input.providerId, cents: parsed.cents, message: parsed.message, offeredBy: user.id, now });
    await recordGroupEvent(trx, { group, event: "offer", actor: { userId: user.id, role: "provider" } });
    await tellMembersOfOffer(trx, group.id, input.providerId, parsed.cents);
    return { ok: true as const };
  });
}

export interface OperatorGroupMember {
  needId: string;
  /** A family appears as first name and initial; someone signed up at the hub desk by name, with the contact note. */
  label: string | null;
  onBehalf: { name: string; contactNote: string } | null;
  persons: number;
  status: MemberStatus;
  shareHourlyCents: number;
  leavesOn: string | null;
}

export interface OperatorGroupPage {
  group: {
    id: string;
    status: SharedGroupStatus;
    categorySlug: string;
    quartiereId: number;
    quartiereName: string;
    schedule: ScheduleSlot[];
    weeklyMinutes: number;
    hourlyTotalCents: number;
    individualHourlyCents: number;
    minSize: number;
    providerId: string | null;
    bookingId: string | null;
  };
  members: OperatorGroupMember[];
  offers: Array<{ id: string; providerId: string; providerName: string; hourlyTotalCents: number; message: string; status: string; byOperator: boolean }>;
  /** Providers that may be assigned (public, category, zone), cheapest first. */
  candidates: Array<{ id: string; name: string; hourlyPriceCents: number }>;
  history: Array<{ action: string; at: string }>;
}

/** The group as an operator of its quartiere (or an admin) sees it; AuthorisationError for other operators. */
/** Whether the group exists (false if not) and is in one of the operator's quartieri (AuthorisationError if not). */
export async function assertOperatorOfGroup(db: Db, user: CurrentUser, groupId: string): Promise<boolean> {
  assertVerifier(user);
  if (!isUuid(groupId)) return false;
  const group = await db.selectFrom("shared_groups").select("quartiere_id").where("id", "=", groupId).executeTakeFirst();
  if (!group) return false;
  assertOperatorOf(user, group.quartiere_id);
  return true;
}

export async function getOperatorGroupPage(db: Db, user: CurrentUser, groupId: string): Promise<OperatorGroupPage | null> {
  assertVerifier(user);
  if (!isUuid(groupId)) return null;
  const group = await db
    .selectFrom("shared_groups as g")
    .innerJoin("service_categories as c", "c.id", "g.category_id")
    .innerJoin("quartieri as q", "q.id", "g.quartiere_id")
    .selectAll("g")
    .select(["c.slug", "q.name as quartiere_name"])
    .where("g.id", "=", groupId)
    .executeTakeFirst();
  if (!group) return null;
  assertOperatorOf(user, group.quartiere_id);
  const [members, offers, candidates, history] = await Promise.all([
    loadGroupMembers(db, group.id),
    db
      .selectFrom("shared_group_offers as o")
      .innerJoin("providers as p", "p.id", "o.provider_id")
      .leftJoin("provider_members as pm", (join) => join.onRef("pm.provider_id", "=", "o.provider_id").onRef("pm.user_id", "=", "o.offered_by"))
      .select(["o.id", "o.provider_id", "p.display_name", "o.hourly_total_cents", "o.message", "o.status", "o.offered_by", "pm.user_id as member_user"])
      .where("o.group_id", "=", group.id)
      .orderBy("o.hourly_total_cents")
      .execute(),
    db
      .selectFrom("providers as p")
      .innerJoin("provider_services as s", (join) => join.onRef("s.provider_id", "=", "p.id").on("s.category_id", "=", group.category_id))
      .innerJoin("provider_zones as z", (join) => join.onRef("z.provider_id", "=", "p.id").on("z.quartiere_id", "=", group.quartiere_id))
      .select(["p.id", "p.display_name", "s.hourly_price_cents"])
      .where(isPublicProvider("p"))
      .orderBy("s.hourly_price_cents")
      .orderBy("p.display_name")
      .limit(50)
      .execute(),
    db.selectFrom("shared_group_transitions").select(["action", "created_at"]).where("group_id", "=", group.id).orderBy("id").execute(),
  ]);
  return {
    group: {
      id: group.id,
      status: group.status,
      categorySlug: group.slug,
      quartiereId: group.quartiere_id,
      quartiereName: group.quartiere_name,
      schedule: scheduleSlots(group.shared_windows),
      weeklyMinutes: group.weekly_minutes,
      hourlyTotalCents: group.hourly_total_cents,
      individualHourlyCents: group.individual_hourly_cents,
      minSize: group.min_size,
      providerId: group.provider_id,
      bookingId: group.booking_id,
    },
    members: members.filter(isLiveMember).map((m) => {
      const onBehalf = m.familyUserId === null ? decodeOnBehalf(m.onBehalfOf) : null;
      return {
        needId: m.needId,
        label: onBehalf ? onBehalf.name : shortName(m.displayName),
        onBehalf,
        persons: m.persons,
        status: m.status,
        shareHourlyCents: m.shareHourlyCents,
        leavesOn: m.leavesOn,
      };
    }),
    offers: offers.map((o) => ({
      id: o.id,
      providerId: o.provider_id,
      providerName: o.display_name,
      hourlyTotalCents: o.hourly_total_cents,
      message: o.message,
      status: o.status,
      byOperator: o.offered_by !== null && o.member_user === null,
    })),
    candidates: candidates.map((c) => ({ id: c.id, name: c.display_name, hourlyPriceCents: c.hourly_price_cents })),
    history: history.map((h) => ({ action: h.action, at: h.created_at.toISOString() })),
  };
}

/**
 * An operator of the group's quartiere assigns a provider to a formed group: an offer on the
 * provider's behalf at the price agreed with it (recorded in the audit log). The provider must be
 * public and match the group's category and quartiere (else a field error).
 */
export async function assignProvider(
  db: Db,
  user: CurrentUser,
  input: { groupId: string; providerId: string; price: string; message: string },
  options: { now?: Date } = {},
): Promise<OfferResult | null> {
  assertVerifier(user);
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const group = await lockGroup(trx, input.groupId);
    if (!group) return null;
    assertOperatorOf(user, group.quartiere_id);
    if (group.status !== "formed") throw new SharingError("not_allowed_now");
    const parsed = parseOffer({ price: input.price, message: input.message });
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const matches = isUuid(input.providerId) && (await matchingProviders(trx, [input.providerId], group)).length > 0;
    if (!matches) errors.providerId = input.providerId ? "errors.providerNotMatching" : "errors.providerRequired";
    if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false as const, errors };
    await upsertOffer(trx, { groupId: group.id, providerId: input.providerId, cents: parsed.cents, message: parsed.message, offeredBy: user.id, now });
    await trx.updateTable("shared_groups").set({ provider_id: input.providerId, updated_at: now }).where("id", "=", group.id).execute();
    const actor: GroupActor = { userId: user.id, role: "operator" };
    await recordGroupEvent(trx, { group, event: "assign", actor });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "shared_group.assign_provider",
      subjectType: "shared_group",
      subjectId: group.id,
      details: { providerId: input.providerId, hourlyTotalCents: parsed.cents },
    });
    await tellMembersOfOffer(trx, group.id, input.providerId, parsed.cents);
    return { ok: true as const };
  });
}


