import type { Kysely } from "kysely";
import type { BookingActorRole, Database, NeedStatus, SharedGroup, SharedGroupStatus } from "../../../db/schema";
import { isUuid } from "../../utils/uuid";
import { openBookingStatuses } from "../bookings/booking-status-machine";
import { romeLocal } from "../bookings/schedule";
import { transitionBooking } from "../bookings/transition-booking.server";
import { largestRemainderSplit, recomputeSplit } from "./aggregation";
import type { MemberShare } from "./aggregation/types";
import { enqueueAggregation } from "./aggregation-queue.server";
import { groupPriceTable } from "./hourly-prices.server";
import { groupEventAllowed, nextGroupStatus, type GroupEvent, type GroupStatusAction } from "./shared-group-status-machine";
import { SharingError } from "./sharing-errors";
import { notifyGroupMembers } from "./sharing-notifications.server";

/**
 * What every group change shares: locking the group, moving it through the state machine with a
 * recorded transition, recomputing the split when members come and go, forming and dissolving.
 * Callers check who may act; everything here runs inside the caller's transaction.
 */

type Db = Kysely<Database>;
export type MemberStatus = "invited" | "accepted" | "declined" | "left";

export interface GroupActor {
  userId: string | null;
  role: "family" | "operator" | "provider" | "system";
}
export const systemActor: GroupActor = { userId: null, role: "system" };

/** The group row, locked until the transaction ends (every writer of a group takes it first). */
export async function lockGroup(db: Db, groupId: string): Promise<SharedGroup | undefined> {
  if (!isUuid(groupId)) return undefined;
  return db.selectFrom("shared_groups").selectAll().where("id", "=", groupId).forUpdate().executeTakeFirst();
}

export async function recordGroupEvent(db: Db, input: { group: SharedGroup; event: GroupEvent; actor: GroupActor; note?: string | null }): Promise<void> {
  if (!groupEventAllowed(input.group.status, input.event)) {
    throw new SharingError("not_allowed_now", `${input.event} is not allowed while ${input.group.status}`);
  }
  await db
    .insertInto("shared_group_transitions")
    .values({
      group_id: input.group.id,
      from_status: input.group.status,
      to_status: input.group.status,
      action: input.event,
      actor_user_id: input.actor.userId,
      note: input.note ?? null,
    })
    .execute();
}

/** Moves the (locked) group to its next status, recorded; refuses what the table does not allow. */
export async function changeGroupStatus(
  db: Db,
  input: { group: SharedGroup; action: GroupStatusAction; actor: GroupActor; note?: string | null; set?: { formed_at?: Date; booking_id?: string; provider_id?: string } },
): Promise<SharedGroupStatus> {
  const to = nextGroupStatus(input.group.status, input.action);
  if (!to) throw new SharingError("not_allowed_now", `${input.action} is not allowed from ${input.group.status}`);
  await db
    .updateTable("shared_groups")
    .set({ ...input.set, status: to, updated_at: new Date() })
    .where("id", "=", input.group.id)
    .execute();
  await db
    .insertInto("shared_group_transitions")
    .values({
      group_id: input.group.id,
      from_status: input.group.status,
      to_status: to,
      action: input.action,
      actor_user_id: input.actor.userId,
      note: input.note ?? null,
    })
    .execute();
  input.group.status = to;
  return to;
}

export interface GroupMemberRow {
  needId: string;
  familyUserId: string | null;
  status: MemberStatus;
  persons: number;
  shareHourlyCents: number;
  leavesOn: string | null;
  respondedAt: Date | null;
  categorySlug: string;
  needStatus: NeedStatus;
  onBehalfOf: string | null;
  displayName: string | null;
}

/** Every member row of the group (any status), in need id order. */
export async function loadGroupMembers(db: Db, groupId: string): Promise<GroupMemberRow[]> {
  const rows = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("needs as n", "n.id", "m.need_id")
    .innerJoin("service_categories as c", "c.id", "n.category_id")
    .leftJoin("users as u", "u.id", "m.family_user_id")
    .select([
      "m.need_id",
      "m.family_user_id",
      "m.status",
      "m.persons",
      "m.share_hourly_cents",
      "m.leaves_on",
      "m.responded_at",
      "c.slug",
      "n.status as need_status",
      "n.on_behalf_of",
      "u.display_name",
    ])
    .where("m.group_id", "=", groupId)
    .orderBy("m.need_id")
    .execute();
  return rows.map((r) => ({
    needId: r.need_id,
    familyUserId: r.family_user_id,
    status: r.status,
    persons: r.persons,
    shareHourlyCents: r.share_hourly_cents,
    leavesOn: r.leaves_on,
    respondedAt: r.responded_at,
    categorySlug: r.slug,
    needStatus: r.need_status,
    onBehalfOf: r.on_behalf_of,
    displayName: r.display_name,
  }));
}

/** Still in the group and staying: invited or accepted, without notice given. */
export const staysInGroup = (m: Pick<GroupMemberRow, "status" | "leavesOn">) => (m.status === "invited" || m.status === "accepted") && m.leavesOn === null;
/** Still in the group, perhaps on notice (a need is in at most one such group). */
export const isLiveMember = (m: Pick<GroupMemberRow, "status">) => m.status === "invited" || m.status === "accepted";

export async function categorySlugOf(db: Db, categoryId: number): Promise<string> {
  return (await db.selectFrom("service_categories").select("slug").where("id", "=", categoryId).executeTakeFirstOrThrow()).slug;
}

export interface NewSplit {
  serviceSlug: string;
  hourlyTotalCents: number;
  /** need id → hourly cents; adds up exactly to hourlyTotalCents. */
  shares: Map<string, number>;
}

/**
 * The split for these members. Before booking: the engine's recomputeSplit on the group's
 * schedule (the price a group of this size would cost); null below the group's minimum size.
 * Once booked, the provider's price stays as agreed and is shared by persons among those left.
 */
export async function splitFor(db: Db, group: SharedGroup, remaining: readonly GroupMemberRow[]): Promise<NewSplit | null> {
  if (remaining.length < group.min_size) return null;
  const serviceSlug = await categorySlugOf(db, group.category_id);
  if (group.booking_id) {
    const booking = await db.selectFrom("bookings").select("hourly_price_cents").where("id", "=", group.booking_id).executeTakeFirst();
    if (booking) {
      const cents = largestRemainderSplit(
        booking.hourly_price_cents,
        remaining.map((m) => ({ id: m.needId, weight: m.persons })),
      );
      return { serviceSlug, hourlyTotalCents: booking.hourly_price_cents, shares: new Map(remaining.map((m, i) => [m.needId, cents[i]!])) };
    }
  }
  const shares: MemberShare[] = remaining.map((m) => ({
    needId: m.needId,
    familyId: m.familyUserId ?? `need:${m.needId}`,
    categorySlug: m.categorySlug,
    persons: m.persons,
    hourlyCents: m.shareHourlyCents,
    individualHourlyCents: 0,
    savingHourlyCents: 0,
    weeklyCents: 0,
    savingWeeklyCents: 0,
  }));
  const prices = await groupPriceTable(db, { serviceSlug, individualHourlyCents: group.individual_hourly_cents }, remaining.map((m) => m.categorySlug));
  const split = recomputeSplit({ shares, weeklySharedMinutes: group.weekly_minutes }, remaining.map((m) => m.needId), prices);
  if (!split) return null;
  return { serviceSlug: split.categorySlug, hourlyTotalCents: split.hourlyTotalCents, shares: new Map(split.shares.map((s) => [s.needId, s.hourlyCents])) };
}

/** Today in Milan, 'YYYY-MM-DD'. */
export const todayInMilan = (now: Date) => romeLocal(now).date;

/**
 * After members left (declined, gave notice, left): recompute the split for those who stay, or
 * dissolve the group below its minimum size. Before the group is formed, a member who accepted
 * a share that has now gone up must confirm again (nobody is held to a price they did not see).
 * Those whose share changed are told. Returns what happened.
 */
export async function afterMembersLeft(
  db: Db,
  group: SharedGroup,
  actor: GroupActor,
  options: { now: Date; note?: string | null; withdrawNeedIds?: readonly string[]; notifySplit?: boolean } = { now: new Date() },
): Promise<"dissolved" | "repriced" | "formed"> {
  const members = await loadGroupMembers(db, group.id);
  const remaining = members.filter(staysInGroup);
  const split = await splitFor(db, group, remaining);
  if (!split) {
    await dissolveGroup(db, group, actor, { now: options.now, note: options.note ?? "below_min_size", withdrawNeedIds: options.withdrawNeedIds });
    return "dissolved";
  }
  const changed: string[] = [];
  for (const member of remaining) {
    const share = split.shares.get(member.needId)!;
    if (share === member.shareHourlyCents) continue;
    changed.push(member.needId);
    const mustReconfirm = group.status === "proposed" && member.status === "accepted" && share > member.shareHourlyCents;
    await db
      .updateTable("shared_group_members")
      .set({ share_hourly_cents: share, ...(mustReconfirm ? { status: "invited", responded_at: null } : {}) })
      .where("group_id", "=", group.id)
      .where("need_id", "=", member.needId)
      .execute();
  }
  const serviceCategory = await db.selectFrom("service_categories").select("id").where("slug", "=", split.serviceSlug).executeTakeFirstOrThrow();
  await db
    .updateTable("shared_groups")
    .set({ hourly_total_cents: split.hourlyTotalCents, category_id: serviceCategory.id, updated_at: new Date() })
    .where("id", "=", group.id)
    .execute();
  group.hourly_total_cents = split.hourlyTotalCents;
  group.category_id = serviceCategory.id;
  if (changed.length > 0) {
    await recordGroupEvent(db, { group, event: "reprice", actor, note: null });
    if (options.notifySplit !== false) await notifyGroupMembers(db, group.id, "splitChanged", {
      onlyNeedIds: changed,
      params: (_r, t) => ({ reconfirm: group.status === "proposed" ? t("sharing:emails.reconfirmLine") : "" }),
    });
  }
  if (group.status === "proposed" && (await formIfReady(db, group, { now: options.now }))) return "formed";
  return "repriced";
}

/**
 * A proposal becomes a group when every invitation is answered and at least min_size families
 * accepted (docs/decisions/0013-shared-groups.md). The members' needs are then "grouped".
 */
export async function formIfReady(db: Db, group: SharedGroup, options: { now: Date }): Promise<boolean> {
  if (group.status !== "proposed") return false;
  const members = (await loadGroupMembers(db, group.id)).filter(isLiveMember);
  if (members.some((m) => m.status === "invited")) return false;
  const accepted = members.filter((m) => m.status === "accepted" && m.leavesOn === null);
  if (accepted.length < group.min_size) return false;
  await changeGroupStatus(db, { group, action: "form", actor: systemActor, set: { formed_at: options.now } });
  await db
    .updateTable("needs")
    .set({ status: "grouped", updated_at: options.now })
    .where("id", "in", accepted.map((m) => m.needId))
    .where("status", "=", "open")
    .execute();
  await notifyGroupMembers(db, group.id, "formed", { statuses: ["accepted"] });
  return true;
}

/**
 * Ends a group: invitations become declined, members left; their needs open again (the need of
 * anyone in `withdrawNeedIds` is withdrawn instead); open offers are closed; a booking still
 * going is cancelled through the bookings state machine by the person who caused it. Members
 * are told; the aggregation runs again for the needs now open.
 */
export async function dissolveGroup(
  db: Db,
  group: SharedGroup,
  actor: GroupActor,
  options: { now: Date; note?: string | null; withdrawNeedIds?: readonly string[] },
): Promise<void> {
  const today = todayInMilan(options.now);
  const members = await loadGroupMembers(db, group.id);
  const live = members.filter(isLiveMember);
  // Told first, while they still count as members (the e-mail describes the group they were in).
  await notifyGroupMembers(db, group.id, "dissolved", { exceptUserIds: actor.userId ? [actor.userId] : [] });
  await changeGroupStatus(db, { group, action: "dissolve", actor, note: options.note ?? null });
  for (const m of live) {
    await db
      .updateTable("shared_group_members")
      // responded_at: when they answered, or (for "left") when they left: a booking's payers are those who left after it was made.
      .set(m.status === "invited" ? { status: "declined", responded_at: options.now } : { status: "left", leaves_on: m.leavesOn ?? today, responded_at: options.now })
      .where("group_id", "=", group.id)
      .where("need_id", "=", m.needId)
      .execute();
  }
  const withdraw = new Set(options.withdrawNeedIds ?? []);
  const reopen = live.filter((m) => !withdraw.has(m.needId)).map((m) => m.needId);
  if (withdraw.size > 0) {
    await db.updateTable("needs").set({ status: "withdrawn", updated_at: options.now }).where("id", "in", [...withdraw]).execute();
  }
  if (reopen.length > 0) {
    await db
      .updateTable("needs")
      .set({ status: "open", updated_at: options.now })
      .where("id", "in", reopen)
      .where("status", "in", ["grouped", "fulfilled"])
      .execute();
  }
  await db.updateTable("shared_group_offers").set({ status: "not_chosen" }).where("group_id", "=", group.id).where("status", "=", "open").execute();
  if (group.booking_id && actor.role !== "system") {
    const booking = await db.selectFrom("bookings").select(["id", "status"]).where("id", "=", group.booking_id).executeTakeFirst();
    if (booking && (openBookingStatuses as readonly string[]).includes(booking.status)) {
      const role: BookingActorRole = actor.role === "operator" ? "operator" : actor.role === "provider" ? "provider" : "family";
      await transitionBooking(db, { bookingId: booking.id, action: "cancel", actorRole: role, actorUserId: actor.userId, note: null });
    }
  }
  await enqueueAggregation(db);
}
