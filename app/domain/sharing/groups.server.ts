import type { Kysely } from "kysely";
import type { BookingStatus, Database, PaymentMode, SharedGroup, SharedGroupStatus } from "../../../db/schema";
import { formatMoney } from "../../i18n/format";
import { isUuid } from "../../utils/uuid";
import { AuthorisationError, assertOperatorOf, type CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { formatDay } from "../bookings/describe-schedule";
import { addDays, countSessions, kindOf, priceCents, scheduleProblems, sessionMinutes, type WeeklyPattern } from "../bookings/schedule";
import { BookingTransitionError, transitionBooking } from "../bookings/transition-booking.server";
import { canTakeOnlinePayments } from "../payments/online-payments.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { largestRemainderSplit } from "./aggregation";
import { scheduleSlots } from "./aggregation/time-windows";
import type { ScheduleSlot } from "./aggregation/types";
import { describeWeekdays, formatRange } from "../bookings/describe-schedule";
import { decodeOnBehalf } from "./need-schemas";
import { shortName } from "./describe-group";
import {
  afterMembersLeft,
  changeGroupStatus,

  formIfReady,
  isLiveMember,
  loadGroupMembers,
  lockGroup,
  recordGroupEvent,
  splitFor,
  staysInGroup,
  todayInMilan,
  type GroupActor,
  type GroupMemberRow,
  type MemberStatus,
} from "./group-core.server";
import { bookingShares } from "./group-payments.server";
import { SharingError } from "./sharing-errors";
import { notifyGroupMembers, notifyProviderOfGroupBooking } from "./sharing-notifications.server";

/**
 * A family's side of a shared group: seeing it, answering a proposal, choosing a provider's offer
 * (which books the group), leaving with notice. Only members may see or act (AuthorisationError
 * for anyone else); other members appear by first name and initial, never with an address.
 * Rules (docs/decisions/0013-shared-groups.md):
 * - a proposal forms when every invitation is answered and at least min_size families accepted;
 *   a no removes that family and recomputes the split, and anyone whose share went up confirms
 *   again at the new figure (shown before they do);
 * - any member who accepted may choose an offer and book for the group; the others are told;
 * - leaving gives 14 days' notice once booked (at once before); the split for those who stay is
 *   shown before confirming; below the minimum size the group ends and its booking is cancelled.
 */

type Db = Kysely<Database>;

/** Days of notice a member gives before leaving a booked group. */
export const NOTICE_DAYS = 14;

export interface MemberView {
  needId: string;
  /** "Anna R."; null when no name can be shown (the page says "a family"). */
  label: string | null;
  isMe: boolean;
  persons: number;
  status: MemberStatus;
  shareHourlyCents: number;
  leavesOn: string | null;
  /** The service takes place at this member's home. */
  hosts: boolean;
}

export interface OfferView {
  id: string;
  providerId: string;
  providerName: string;
  hourlyTotalCents: number;
  /** The reader's share of this offer per hour (by persons, exact). */
  myShareCents: number | null;
  message: string;
  status: "open" | "chosen" | "withdrawn" | "not_chosen";
  assignedByOperator: boolean;
  createdAt: string;
}

export interface GroupBookingView {
  id: string;
  status: BookingStatus;
  pattern: WeeklyPattern;
  totalCents: number;
  hourlyPriceCents: number;
  paymentMode: PaymentMode | null;
  providerName: string;
  chosenByMe: boolean;
  myAmountCents: number | null;
  shares: Array<{ label: string | null; isMe: boolean; persons: number; amountCents: number }>;
}

export interface LeavePreview {
  leavesOn: string;
  /** Leaving takes the group below its minimum: it ends (and its booking is cancelled). */
  dissolves: boolean;
  /** The split for those who stay (from leavesOn once booked). */
  newShares: Array<{ label: string | null; persons: number; hourlyCents: number }>;
  hourlyTotalCents: number | null;
}

export interface GroupPage {
  group: {
    id: string;
    status: SharedGroupStatus;
    categorySlug: string;
    quartiereName: string;
    sameCondominium: boolean;
    schedule: ScheduleSlot[];
    /** What a booking covers (the slot on most weekdays; bookings have one time range). */
    bookingSlot: ScheduleSlot | null;
    weeklyMinutes: number;
    hourlyTotalCents: number;
    individualHourlyCents: number;
    minSize: number;
    families: number;
    formedAt: string | null;
  };
  me: MemberView;
  members: MemberView[];
  offers: OfferView[];
  booking: GroupBookingView | null;
  actions: {
    accept: boolean;
    decline: boolean;
    chooseOffer: boolean;
    leave: LeavePreview | null;
  };
  history: Array<{ action: string; at: string; byMe: boolean }>;
}

function labelOf(m: GroupMemberRow): string | null {
  if (m.familyUserId === null) return shortName(decodeOnBehalf(m.onBehalfOf)?.name);
  return shortName(m.displayName);
}

async function meetingNeedId(db: Db, group: SharedGroup, members: readonly GroupMemberRow[]): Promise<string | null> {
  const ids = members.filter(isLiveMember).map((m) => m.needId);
  if (ids.length === 0) return null;
  const row = await db
    .selectFrom("needs")
    .select("id")
    .where("id", "in", ids)
    .where("lat", "=", group.meeting_lat)
    .where("lng", "=", group.meeting_lng)
    .orderBy("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The member row of this family in the group; AuthorisationError for anyone who is not one. */
function ownMember(members: readonly GroupMemberRow[], user: CurrentUser): GroupMemberRow {
  const mine = members.find((m) => m.familyUserId === user.id);
  if (!mine) throw new AuthorisationError("not a member of this group");
  return mine;
}

/** The main slot of the shared schedule: what one booking covers. */
export function bookingSlotOf(group: Pick<SharedGroup, "shared_windows">): ScheduleSlot | null {
  return scheduleSlots(group.shared_windows)[0] ?? null;
}

/**
 * Whether the group exists and the person is (or was) one of its families: false when there is
 * no such group; AuthorisationError for anybody else. Pages check it before reading a form.
 */
export async function assertGroupMember(db: Db, user: CurrentUser, groupId: string): Promise<boolean> {
  if (!isUuid(groupId)) return false;
  const group = await db.selectFrom("shared_groups").select("id").where("id", "=", groupId).executeTakeFirst();
  if (!group) return false;
  ownMember(await loadGroupMembers(db, group.id), user);
  return true;
}

export async function getGroupPage(db: Db, user: CurrentUser, groupId: string, options: { now?: Date } = {}): Promise<GroupPage | null> {
  if (!isUuid(groupId)) return null;
  const group = await db.selectFrom("shared_groups").selectAll().where("id", "=", groupId).executeTakeFirst();
  if (!group) return null;
  const members = await loadGroupMembers(db, group.id);
  const mine = ownMember(members, user);
  const now = options.now ?? new Date();

  const [facts, offerRows, history, hostNeed] = await Promise.all([
    db
      .selectFrom("shared_groups as g")
      .innerJoin("service_categories as c", "c.id", "g.category_id")
      .innerJoin("quartieri as q", "q.id", "g.quartiere_id")
      .select(["c.slug", "q.name as quartiere_name"])
      .where("g.id", "=", group.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("shared_group_offers as o")
      .innerJoin("providers as p", "p.id", "o.provider_id")
      .leftJoin("provider_members as pm", (join) => join.onRef("pm.provider_id", "=", "o.provider_id").onRef("pm.user_id", "=", "o.offered_by"))
      .select(["o.id", "o.provider_id", "p.display_name", "o.hourly_total_cents", "o.message", "o.status", "o.created_at", "o.offered_by", "pm.user_id as member_user"])
      .where("o.group_id", "=", group.id)
      .orderBy("o.hourly_total_cents")
      .orderBy("o.created_at")
      .execute(),
    db.selectFrom("shared_group_transitions").select(["action", "created_at", "actor_user_id"]).where("group_id", "=", group.id).orderBy("id").execute(),
    meetingNeedId(db, group, members),
  ]);

  const live = members.filter(isLiveMember);
  const view = (m: GroupMemberRow): MemberView => ({
    needId: m.needId,
    label: labelOf(m),
    isMe: m.needId === mine.needId,
    persons: m.persons,
    status: m.status,
    shareHourlyCents: m.shareHourlyCents,
    leavesOn: m.leavesOn,
    hosts: m.needId === hostNeed,
  });
  // The reader's share of an offer: the offer's total split by persons among those staying.
  const staying = live.filter((m) => m.leavesOn === null);
  const myShareOf = (total: number): number | null => {
    const i = staying.findIndex((m) => m.needId === mine.needId);
    if (i < 0 || staying.length === 0) return null;
    return largestRemainderSplit(total, staying.map((m) => ({ id: m.needId, weight: m.persons })))[i]!;
  };

  let booking: GroupBookingView | null = null;
  if (group.booking_id) {
    const row = await db
      .selectFrom("bookings as b")
      .innerJoin("providers as p", "p.id", "b.provider_id")
      .select(["b.id", "b.status", "b.weekdays", "b.start_minute", "b.end_minute", "b.first_date", "b.last_date", "b.total_cents", "b.hourly_price_cents", "b.payment_mode", "b.family_user_id", "p.display_name"])
      .where("b.id", "=", group.booking_id)
      .executeTakeFirst();
    if (row) {
      const shares = await bookingShares(db, row.id);
      const byNeed = new Map(members.map((m) => [m.needId, m]));
      booking = {
        id: row.id,
        status: row.status,
        pattern: { weekdays: row.weekdays, startMinute: row.start_minute, endMinute: row.end_minute, firstDate: row.first_date, lastDate: row.last_date },
        totalCents: row.total_cents,
        hourlyPriceCents: row.hourly_price_cents,
        paymentMode: row.payment_mode,
        providerName: row.display_name,
        chosenByMe: row.family_user_id === user.id,
        myAmountCents: shares.find((s) => s.familyUserId === user.id)?.amountCents ?? null,
        shares: shares.map((s) => ({
          label: byNeed.get(s.needId) ? labelOf(byNeed.get(s.needId)!) : null,
          isMe: s.familyUserId === user.id,
          persons: s.persons,
          amountCents: s.amountCents,
        })),
      };
    }
  }

  // Someone who said no, or has left, keeps seeing the group they were in, but no longer who is
  // in it or what it books (except their own share of a booking they still pay for).
  const outside = mine.status === "declined" || mine.status === "left";
  if (outside && booking) {
    if (booking.myAmountCents === null) booking = null;
    else booking.shares = booking.shares.filter((s) => s.isMe);
  }
  const iAmIn = staysInGroup(mine);
  const canLeave = iAmIn && mine.status === "accepted" && (group.status === "formed" || group.status === "booked" || group.status === "active");
  return {
    group: {
      id: group.id,
      status: group.status,
      categorySlug: facts.slug,
      quartiereName: facts.quartiere_name,
      sameCondominium: group.condominium_id !== null,
      schedule: scheduleSlots(group.shared_windows),
      bookingSlot: bookingSlotOf(group),
      weeklyMinutes: group.weekly_minutes,
      hourlyTotalCents: group.hourly_total_cents,
      individualHourlyCents: group.individual_hourly_cents,
      minSize: group.min_size,
      families: live.length,
      formedAt: group.formed_at?.toISOString() ?? null,
    },
    me: view(mine),
    members: outside ? [] : live.map(view),
    offers:
      group.status === "proposed" || outside
        ? []
        : offerRows
            .filter((o) => o.status !== "withdrawn")
            .map((o) => ({
              id: o.id,
              providerId: o.provider_id,
              providerName: o.display_name,
              hourlyTotalCents: o.hourly_total_cents,
              myShareCents: myShareOf(o.hourly_total_cents),
              message: o.message,
              status: o.status,
              assignedByOperator: o.offered_by !== null && o.member_user === null,
              createdAt: o.created_at.toISOString(),
            })),
    booking,
    actions: {
      accept: group.status === "proposed" && mine.status === "invited",
      decline: group.status === "proposed" && (mine.status === "invited" || mine.status === "accepted"),
      chooseOffer: group.status === "formed" && mine.status === "accepted" && mine.leavesOn === null && offerRows.some((o) => o.status === "open"),
      leave: canLeave ? await previewLeaveFor(db, group, members, mine, now) : null,
    },
    history: history.map((h) => ({ action: h.action, at: h.created_at.toISOString(), byMe: h.actor_user_id === user.id })),
  };
}

async function previewLeaveFor(db: Db, group: SharedGroup, members: GroupMemberRow[], mine: GroupMemberRow, now: Date): Promise<LeavePreview> {
  const booked = group.status === "booked" || group.status === "active";
  const leavesOn = booked ? addDays(todayInMilan(now), NOTICE_DAYS) : todayInMilan(now);
  const remaining = members.filter((m) => staysInGroup(m) && m.needId !== mine.needId);
  const split = await splitFor(db, group, remaining);
  return {
    leavesOn,
    dissolves: split === null,
    hourlyTotalCents: split?.hourlyTotalCents ?? null,
    newShares: split ? remaining.map((m) => ({ label: labelOf(m), persons: m.persons, hourlyCents: split.shares.get(m.needId)! })) : [],
  };
}

export type ProposalAnswer = "accept" | "decline";
export type AnswerOutcome = "accepted" | "formed" | "declined" | "repriced" | "dissolved";

/** Answers for a member (the family itself, or an operator for someone at the hub desk). */
async function answer(
  db: Db,
  group: SharedGroup,
  member: GroupMemberRow,
  input: { answer: ProposalAnswer; expectedShareCents?: number | null },
  actor: GroupActor,
  now: Date,
): Promise<AnswerOutcome> {
  if (group.status !== "proposed") throw new SharingError("not_allowed_now");
  if (input.answer === "accept") {
    if (member.status !== "invited") throw new SharingError("not_allowed_now");
    // The share the page showed must still be the share: a new split must be seen first.
    if (input.expectedShareCents !== undefined && input.expectedShareCents !== null && input.expectedShareCents !== member.shareHourlyCents) {
      throw new SharingError("share_changed");
    }
    await db
      .updateTable("shared_group_members")
      .set({ status: "accepted", responded_at: now })
      .where("group_id", "=", group.id)
      .where("need_id", "=", member.needId)
      .execute();
    await recordGroupEvent(db, { group, event: "accept", actor });
    return (await formIfReady(db, group, { now })) ? "formed" : "accepted";
  }
  if (member.status !== "invited" && member.status !== "accepted") throw new SharingError("not_allowed_now");
  await db
    .updateTable("shared_group_members")
    .set({ status: "declined", responded_at: now })
    .where("group_id", "=", group.id)
    .where("need_id", "=", member.needId)
    .execute();
  await recordGroupEvent(db, { group, event: "decline", actor });
  const after = await afterMembersLeft(db, group, actor, { now });
  return after === "repriced" ? "declined" : after;
}

/** A family accepts or declines the proposal it was invited to. */
export async function respondToProposal(
  db: Db,
  user: CurrentUser,
  input: { groupId: string; answer: ProposalAnswer; expectedShareCents?: number | null },
  options: { now?: Date } = {},
): Promise<AnswerOutcome | null> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const group = await lockGroup(trx, input.groupId);
    if (!group) return null;
    const member = ownMember(await loadGroupMembers(trx, group.id), user);
    return answer(trx, group, member, input, { userId: user.id, role: "family" }, now);
  });
}

/** An operator of the group's quartiere answers for someone signed up at the hub desk (audit-logged). */
export async function respondOnBehalf(
  db: Db,
  user: CurrentUser,
  input: { groupId: string; needId: string; answer: ProposalAnswer; expectedShareCents?: number | null },
  options: { now?: Date } = {},
): Promise<AnswerOutcome | null> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const group = await lockGroup(trx, input.groupId);
    if (!group) return null;
    assertOperatorOf(user, group.quartiere_id);
    const member = (await loadGroupMembers(trx, group.id)).find((m) => m.needId === input.needId && m.familyUserId === null);
    if (!member) throw new SharingError("not_found");
    const outcome = await answer(trx, group, member, input, { userId: user.id, role: "operator" }, now);
    await recordAudit(trx, {
      actorUserId: user.id,
      action: `shared_group.${input.answer}_on_behalf`,
      subjectType: "shared_group",
      subjectId: group.id,
      details: { needId: member.needId },
    });
    return outcome;
  });
}

export type ChooseOfferResult = { ok: true; bookingId: string } | { ok: false; errors: Partial<Record<"firstDate" | "lastDate" | "offerId" | "form", string>> };

/**
 * A member who accepted chooses a provider's offer and books for the whole group: ONE booking
 * (the group's main weekly slot, the dates they choose, the offer's hourly price for the group),
 * in their name, accepted at once (the provider offered that price for that schedule), with the
 * provider's time held (refused with "slot_taken" if it is not free). The offer is chosen, the
 * others closed, the group booked; everyone is told, each with their share to pay.
 */
export async function chooseOffer(
  db: Db,
  user: CurrentUser,
  input: { groupId: string; offerId: string; firstDate: string; lastDate: string },
  options: { now?: Date; canPayOnline?: (db: Db, providerId: string) => Promise<boolean> } = {},
): Promise<ChooseOfferResult | null> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const group = await lockGroup(trx, input.groupId);
    if (!group) return null;
    const members = await loadGroupMembers(trx, group.id);
    const mine = ownMember(members, user);
    if (group.status !== "formed" || mine.status !== "accepted" || mine.leavesOn !== null) throw new SharingError("not_allowed_now");
    const offer = isUuid(input.offerId)
      ? await trx.selectFrom("shared_group_offers").selectAll().where("id", "=", input.offerId).where("group_id", "=", group.id).executeTakeFirst()
      : undefined;
    if (!offer) return { ok: false, errors: { offerId: "errors.offerRequired" } };
    if (offer.status !== "open") throw new SharingError("offer_closed");

    const slot = bookingSlotOf(group);
    if (!slot) throw new SharingError("not_allowed_now");
    const pattern: WeeklyPattern = { weekdays: slot.weekdays, startMinute: slot.startMinute, endMinute: slot.endMinute, firstDate: input.firstDate, lastDate: input.lastDate };
    const problems = scheduleProblems(pattern, now);
    if (problems.length > 0) {
      const errors: Partial<Record<"firstDate" | "lastDate" | "form", string>> = {};
      for (const p of problems) {
        const field = p.field === "firstDate" || p.field === "lastDate" ? p.field : "form";
        errors[field] ??= `errors.schedule.${p.code}`;
      }
      return { ok: false, errors };
    }

    const hostId = (await meetingNeedId(trx, group, members)) ?? mine.needId;
    const host = await trx.selectFrom("needs").select("address").where("id", "=", hostId).executeTakeFirstOrThrow();
    const provider = await trx.selectFrom("providers").select(["id", "currency"]).where("id", "=", offer.provider_id).executeTakeFirstOrThrow();
    const online = await (options.canPayOnline ?? canTakeOnlinePayments)(trx, provider.id);
    const totalCents = priceCents(countSessions(pattern), sessionMinutes(pattern), offer.hourly_total_cents);

    const { id: bookingId } = await trx
      .insertInto("bookings")
      .values({
        provider_id: provider.id,
        family_user_id: user.id,
        category_id: group.category_id,
        kind: kindOf(pattern),
        status: "requested",
        weekdays: pattern.weekdays,
        start_minute: pattern.startMinute,
        end_minute: pattern.endMinute,
        first_date: pattern.firstDate,
        last_date: pattern.lastDate,
        address: host.address,
        care_notes: "",
        contact_phone: null,
        hourly_price_cents: offer.hourly_total_cents,
        total_cents: totalCents,
        currency: provider.currency.trim(),
        shared_group_id: group.id,
        quartiere_id: group.quartiere_id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("booking_transitions")
      .values({ booking_id: bookingId, from_status: null, to_status: "requested", action: "request", actor_role: "family", actor_user_id: user.id, note: null })
      .execute();
    await trx.insertInto("message_threads").values({ booking_id: bookingId }).execute();
    // The provider's offer was its acceptance of this schedule at this price.
    const offeredByProvider = offer.offered_by
      ? await trx.selectFrom("provider_members").select("user_id").where("provider_id", "=", provider.id).where("user_id", "=", offer.offered_by).executeTakeFirst()
      : undefined;
    try {
      await transitionBooking(trx, {
        bookingId,
        action: "accept",
        actorRole: "provider",
        actorUserId: offeredByProvider ? offer.offered_by : null,
        note: null,
        notify: false,
        changes: { payment_mode: online ? "online" : "direct" },
      });
    } catch (error) {
      if (error instanceof BookingTransitionError && error.code === "slot_taken") throw new SharingError("slot_taken");
      throw error;
    }

    await trx.updateTable("shared_group_offers").set({ status: "chosen" }).where("id", "=", offer.id).execute();
    await trx.updateTable("shared_group_offers").set({ status: "not_chosen" }).where("group_id", "=", group.id).where("id", "<>", offer.id).where("status", "=", "open").execute();
    await changeGroupStatus(trx, { group, action: "book", actor: { userId: user.id, role: "family" }, set: { booking_id: bookingId, provider_id: provider.id } });
    group.booking_id = bookingId;
    await trx
      .updateTable("needs")
      .set({ status: "fulfilled", updated_at: now })
      .where("id", "in", members.filter((m) => m.status === "accepted").map((m) => m.needId))
      .where("status", "in", ["open", "grouped"])
      .execute();

    const shares = new Map((await bookingShares(trx, bookingId)).map((s) => [s.needId, s.amountCents]));
    const chooser = shortName(mine.displayName);
    await notifyGroupMembers(trx, group.id, "booked", {
      statuses: ["accepted"],
      params: (recipient, t) => ({
        bookingId,
        chooser:
          recipient.userId === user.id
            ? t("sharing:emails.chosenBy.you")
            : chooser
              ? t("sharing:emails.chosenBy.named", { who: chooser })
              : t("sharing:emails.chosenBy.someone"),
        amount: formatMoney(shares.get(recipient.needId) ?? 0, provider.currency.trim(), recipient.locale),
        total: formatMoney(totalCents, provider.currency.trim(), recipient.locale),
        dates: t("sharing:emails.dates", { from: formatDay(pattern.firstDate, recipient.locale), to: formatDay(pattern.lastDate, recipient.locale) }),
        slot: `${describeWeekdays(t, pattern.weekdays, recipient.locale)} ${formatRange(pattern)}`,
        payment: t(`sharing:emails.payment.${online ? "online" : "direct"}`),
      }),
    });
    await notifyProviderOfGroupBooking(trx, { groupId: group.id, providerId: provider.id, bookingId, totalCents, firstDate: pattern.firstDate, lastDate: pattern.lastDate });
    return { ok: true as const, bookingId };
  });
}

export type LeaveOutcome = { outcome: "left" | "notice" | "dissolved"; leavesOn: string };

/**
 * A member leaves. Before the group is booked, at once; once booked, with NOTICE_DAYS' notice
 * (they stay, and pay their share of what was booked, until then). The split for those who stay
 * is recomputed now (shown on the page before confirming); below the minimum size the group is
 * dissolved and its booking cancelled. The leaver's need is closed (withdrawn).
 */
export async function leaveGroup(db: Db, user: CurrentUser, input: { groupId: string }, options: { now?: Date } = {}): Promise<LeaveOutcome | null> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const group = await lockGroup(trx, input.groupId);
    if (!group) return null;
    const members = await loadGroupMembers(trx, group.id);
    const mine = ownMember(members, user);
    if (mine.status !== "accepted") throw new SharingError("not_allowed_now");
    if (mine.leavesOn !== null) throw new SharingError("already_left");
    if (group.status !== "formed" && group.status !== "booked" && group.status !== "active") throw new SharingError("not_allowed_now");
    const booked = group.status !== "formed";
    const today = todayInMilan(now);
    const leavesOn = booked ? addDays(today, NOTICE_DAYS) : today;
    const actor: GroupActor = { userId: user.id, role: "family" };

    await trx
      .updateTable("shared_group_members")
      .set(booked ? { leaves_on: leavesOn, responded_at: now } : { status: "left", leaves_on: leavesOn, responded_at: now })
      .where("group_id", "=", group.id)
      .where("need_id", "=", mine.needId)
      .execute();
    await recordGroupEvent(trx, { group, event: "leave", actor, note: booked ? `notice_until:${leavesOn}` : null });
    await trx.updateTable("needs").set({ status: "withdrawn", updated_at: now }).where("id", "=", mine.needId).execute();
    // The others hear it once, with the date and their new share (not also as a bare "split changed").
    const after = await afterMembersLeft(trx, group, actor, { now, withdrawNeedIds: [mine.needId], notifySplit: false });
    if (after === "dissolved") return { outcome: "dissolved" as const, leavesOn };
    await notifyGroupMembers(trx, group.id, "leaving", {
      statuses: ["accepted"],
      exceptUserIds: [user.id],
      params: (recipient) => ({ date: formatDay(leavesOn, recipient.locale) }),
    });
    return { outcome: booked ? ("notice" as const) : ("left" as const), leavesOn };
  });
}


