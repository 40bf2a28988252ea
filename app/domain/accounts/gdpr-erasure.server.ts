import { sql, type Kysely, type Transaction } from "kysely";
import type { BookingStatus, Database, SharedGroup } from "../../../db/schema";
import { openBookingStatuses } from "../bookings/booking-status-machine";
import { leaveCondominium } from "../sharing/condominiums/condominiums.server";
import { afterMembersLeft, lockGroup, recordGroupEvent, todayInMilan, type GroupActor } from "../sharing/group-core.server";
import { liveGroupStatuses } from "../sharing/shared-group-status-machine";
import { removeHubSignupsOfUser } from "../territory/hubs/hub-events.server";
import { REMOVED_MESSAGE_BODY, REMOVED_POST_BODY } from "./erased-content";

/**
 * Erasure of what a person did on the marketplace (bookings, messages, reviews, needs, shared
 * groups, condominiums, hubs, vouchers), called by deleteAccount in its transaction. The rule:
 * what other people and the City must keep (amounts, dates, statuses, ratings, the other side of a
 * conversation) stays, pointing to the anonymised user row; what the person wrote or told about
 * their home and family goes.
 */

/** The note recorded with the group events an erasure causes. */
export const ACCOUNT_DELETED_NOTE = "account_deleted";

/** A booking still going somewhere, which stops an erasure until it is cancelled or finished. */
export interface ErasureBlocker {
  bookingId: string;
  /** The person's side: the family who asked, their own provider profile, or a family paying a share of a shared group's booking. */
  as: "family" | "provider" | "group";
  status: BookingStatus;
  categorySlug: string;
  firstDate: string;
  lastDate: string;
}

/** Refusal of deleteAccount: nothing was changed; the bookings listed must be cancelled or finish first. */
export class ErasureBlockedError extends Error {
  constructor(readonly bookings: ErasureBlocker[]) {
    super(`account has ${bookings.length} open booking(s)`);
    this.name = "ErasureBlockedError";
  }
}

export function isErasureBlockedError(error: unknown): error is ErasureBlockedError {
  return error instanceof ErasureBlockedError;
}

/**
 * The provider profiles that are the person's own: those they own, and an individual (worker)
 * profile that is them. Erasure takes these offline; their open bookings block it.
 */
export async function ownProviderProfiles(db: Kysely<Database>, userId: string) {
  const memberships = await db
    .selectFrom("provider_members")
    .innerJoin("providers", "providers.id", "provider_members.provider_id")
    .select(["providers.id", "providers.kind", "provider_members.member_role"])
    .where("provider_members.user_id", "=", userId)
    .execute();
  return memberships.filter((m) => m.member_role === "owner" || m.kind === "individual");
}

/**
 * Bookings in an open state (requested, counter_offered, accepted, confirmed, in_progress) that
 * the person is in: as the family, through a provider profile of their own, or as a family paying
 * a share of a shared group's booking (the payer rule of group-payments.server.ts: members still
 * in the group, and those who left after it was booked). Soonest first.
 */
export async function bookingsBlockingErasure(db: Kysely<Database>, userId: string): Promise<ErasureBlocker[]> {
  const providerIds = (await ownProviderProfiles(db, userId)).map((p) => p.id);
  const rows = await db
    .selectFrom("bookings as b")
    .innerJoin("service_categories as c", "c.id", "b.category_id")
    .select(["b.id", "b.status", "b.family_user_id", "b.provider_id", "c.slug", "b.first_date", "b.last_date"])
    .where("b.status", "in", openBookingStatuses)
    .where((eb) =>
      eb.or([
        eb("b.family_user_id", "=", userId),
        ...(providerIds.length > 0 ? [eb("b.provider_id", "in", providerIds)] : []),
        eb.exists(
          eb
            .selectFrom("shared_group_members as m")
            .select("m.need_id")
            .whereRef("m.group_id", "=", "b.shared_group_id")
            .where("m.family_user_id", "=", userId)
            .where((w) => w.or([w("m.status", "=", "accepted"), w.and([w("m.status", "=", "left"), w("m.responded_at", ">", w.ref("b.created_at"))])])),
        ),
      ]),
    )
    .orderBy("b.first_date")
    .orderBy("b.id")
    .execute();
  return rows.map((r) => ({
    bookingId: r.id,
    as: r.family_user_id === userId ? "family" : providerIds.includes(r.provider_id) ? "provider" : "group",
    status: r.status,
    categorySlug: r.slug,
    firstDate: r.first_date,
    lastDate: r.last_date,
  }));
}

/**
 * Locks what an erasure must see unchanged while it decides (the live shared groups the person is
 * in, which another member could book meanwhile), then refuses with ErasureBlockedError when a
 * booking is still open. Call first in the erasure's transaction, before any write.
 */
export async function lockAndCheckErasure(trx: Transaction<Database>, userId: string): Promise<void> {
  const groups = await liveGroupIdsOf(trx, userId);
  for (const groupId of groups) await lockGroup(trx, groupId);
  const blockers = await bookingsBlockingErasure(trx, userId);
  if (blockers.length > 0) throw new ErasureBlockedError(blockers);
}

async function liveGroupIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("shared_group_members")
    .select("group_id")
    .distinct()
    .where("family_user_id", "=", userId)
    .where("status", "in", ["invited", "accepted"])
    .orderBy("group_id")
    .execute();
  return rows.map((r) => r.group_id);
}

/**
 * Everything of the marketplace, in the erasure's transaction (after lockAndCheckErasure).
 * - bookings as the family: address, notes for the provider and phone cleared; terms, amounts,
 *   dates and status kept for the provider's and the City's records. Notes they wrote on a
 *   booking's history (e.g. a cancellation reason) and on counter-offers are cleared too;
 * - messages they sent: the body becomes REMOVED_MESSAGE_BODY, the sender stays (the user row is
 *   anonymised, not deleted), so the other side's conversation still reads in order;
 * - reviews they wrote: ratings kept, text cleared (the provider's reply stays);
 * - shared groups: a live membership becomes "left" and the group goes on without them (split
 *   recomputed, or dissolved below its minimum size) as when a member leaves;
 * - needs: open or grouped ones withdrawn (fulfilled ones stay fulfilled, for the records);
 *   address, details and children's ages cleared, the location moved to their quartiere's centre;
 * - condominiums: notices they wrote hidden (and their text removed), membership ended by
 *   leaveCondominium's rule (the longest-standing member takes over from the last administrator;
 *   a condominium nobody is left in is deleted);
 * - hub event sign-ups and conversation read markers deleted;
 * - vouchers revoked (balance and ledger kept for the record).
 */
export async function eraseMarketplaceActivity(trx: Transaction<Database>, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable("bookings")
    .set({ address: "", care_notes: "", contact_phone: null, updated_at: now })
    .where("family_user_id", "=", userId)
    .execute();
  await trx.updateTable("booking_transitions").set({ note: null }).where("actor_user_id", "=", userId).where("note", "is not", null).execute();
  await trx.updateTable("booking_counter_offers").set({ note: "" }).where("created_by", "=", userId).where("note", "<>", "").execute();

  await trx.updateTable("messages").set({ body: REMOVED_MESSAGE_BODY }).where("sender_user_id", "=", userId).execute();
  await trx.deleteFrom("thread_reads").where("user_id", "=", userId).execute();

  await trx.updateTable("reviews").set({ body: "" }).where("author_user_id", "=", userId).where("body", "<>", "").execute();

  await leaveSharedGroups(trx, userId, now);
  await trx
    .updateTable("needs")
    .set({ status: "withdrawn" })
    .where("family_user_id", "=", userId)
    .where("status", "in", ["open", "grouped"])
    .execute();
  await trx
    .updateTable("needs")
    .set((eb) => ({
      address: "",
      details: "",
      children_ages: sql<number[]>`'{}'::smallint[]`,
      lat: eb.selectFrom("quartieri").select("quartieri.lat").whereRef("quartieri.id", "=", "needs.quartiere_id"),
      lng: eb.selectFrom("quartieri").select("quartieri.lng").whereRef("quartieri.id", "=", "needs.quartiere_id"),
      updated_at: now,
    }))
    .where("family_user_id", "=", userId)
    .execute();

  await trx
    .updateTable("condominium_posts")
    .set((eb) => ({ body: REMOVED_POST_BODY, hidden_at: eb.fn.coalesce("hidden_at", sql<Date>`${now}`) }))
    .where("author_user_id", "=", userId)
    .execute();
  const condominiums = await trx
    .selectFrom("condominium_members")
    .select("condominium_id")
    .where("user_id", "=", userId)
    .orderBy("condominium_id")
    .execute();
  for (const { condominium_id } of condominiums) {
    await leaveCondominium(trx, { id: userId }, condominium_id);
  }

  await removeHubSignupsOfUser(trx, userId);
  await trx.updateTable("vouchers").set({ revoked_at: now }).where("family_user_id", "=", userId).where("revoked_at", "is", null).execute();
}

/**
 * Each live membership (invited or accepted) ends as "left", recorded in the group's history as a
 * no to a proposal or a leave from a group, and the group carries on as when any member goes: the
 * split is recomputed for those who stay, or the group is dissolved below its minimum size. The
 * groups were locked by lockAndCheckErasure; an open group booking they pay for has refused the
 * erasure, so no booking is cancelled here.
 */
async function leaveSharedGroups(trx: Transaction<Database>, userId: string, now: Date): Promise<void> {
  const actor: GroupActor = { userId, role: "family" };
  const today = todayInMilan(now);
  for (const groupId of await liveGroupIdsOf(trx, userId)) {
    const group: SharedGroup | undefined = await lockGroup(trx, groupId);
    if (!group) continue;
    const left = await trx
      .updateTable("shared_group_members")
      .set((eb) => ({ status: "left", responded_at: now, leaves_on: eb.fn.coalesce("leaves_on", sql<string>`${today}::date`) }))
      .where("group_id", "=", groupId)
      .where("family_user_id", "=", userId)
      .where("status", "in", ["invited", "accepted"])
      .returning("need_id")
      .execute();
    if (left.length === 0 || !(liveGroupStatuses as readonly string[]).includes(group.status)) continue;
    await recordGroupEvent(trx, { group, event: group.status === "proposed" ? "decline" : "leave", actor, note: ACCOUNT_DELETED_NOTE });
    await afterMembersLeft(trx, group, actor, { now, note: ACCOUNT_DELETED_NOTE, withdrawNeedIds: left.map((l) => l.need_id) });
  }
}
