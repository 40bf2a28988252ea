import type { Task } from "graphile-worker";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { inTransaction } from "../verification/change-provider-status.server";
import { aggregateNeeds, type AggregationNeed, type ProposedGroup } from "./aggregation";
import { rulesFor } from "./aggregation/group-rules";
import { AGGREGATE_NEEDS_TASK } from "./aggregation-queue.server";
import {
  afterMembersLeft,
  changeGroupStatus,
  dissolveGroup,
  lockGroup,
  recordGroupEvent,
  systemActor,
  todayInMilan,
} from "./group-core.server";
import { loadHourlyPrices } from "./hourly-prices.server";
import { notifyGroupMembers, notifyOnBehalfCreators } from "./sharing-notifications.server";

/**
 * One aggregation run (the `aggregate_needs` job): first the housekeeping of existing groups,
 * then the engine over every open need not already in a live group, with today's median prices,
 * storing only proposals not seen before (the proposal key is unique) and inviting their
 * families by e-mail. Each proposal is stored in its own transaction; one that lost a race (a
 * need joined another live group meanwhile: the partial unique index refuses it) is skipped.
 */

type Db = Kysely<Database>;

/** Unanswered invitations count as a no after this many days. */
export const INVITATION_DAYS = 7;

export interface AggregationRunResult {
  needs: number;
  proposals: number;
  created: number;
  existing: number;
  conflicts: number;
  housekeeping: Housekeeping;
}

export interface Housekeeping {
  withdrawnNeedsRemoved: number;
  invitationsExpired: number;
  noticesEnded: number;
  activated: number;
  dissolvedAfterBooking: number;
}

/** Open needs not in a live group, as the engine sees them (accounts being erased are left out). */
export async function loadAggregationNeeds(db: Db): Promise<AggregationNeed[]> {
  const rows = await db
    .selectFrom("needs as n")
    .innerJoin("service_categories as c", "c.id", "n.category_id")
    .leftJoin("users as u", "u.id", "n.family_user_id")
    .select([
      "n.id",
      "n.family_user_id",
      "c.slug",
      "n.quartiere_id",
      "n.condominium_id",
      "n.lat",
      "n.lng",
      "n.max_walk_m",
      "n.windows",
      "n.children_ages",
      "n.persons",
      "n.budget_cents_per_hour",
      "n.open_to_sharing",
    ])
    .where("n.status", "=", "open")
    .where((eb) => eb.or([eb("n.family_user_id", "is", null), eb("u.deleted_at", "is", null)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("shared_group_members as m")
            .select("m.need_id")
            .whereRef("m.need_id", "=", "n.id")
            .where("m.status", "in", ["invited", "accepted"]),
        ),
      ),
    )
    .orderBy("n.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    familyId: r.family_user_id ?? `need:${r.id}`,
    categorySlug: r.slug,
    quartiereId: r.quartiere_id,
    condominiumId: r.condominium_id,
    lat: r.lat,
    lng: r.lng,
    maxWalkMeters: r.max_walk_m,
    windows: Array.isArray(r.windows) ? r.windows : [],
    children: r.children_ages.map((age) => ({ ageYears: age })),
    persons: r.persons,
    budgetCentsPerHour: r.budget_cents_per_hour,
    openToSharing: r.open_to_sharing,
  }));
}

export async function runAggregation(db: Db, options: { now?: Date } = {}): Promise<AggregationRunResult> {
  const now = options.now ?? new Date();
  const housekeeping = await runHousekeeping(db, now);
  const [needs, prices] = await Promise.all([loadAggregationNeeds(db), loadHourlyPrices(db)]);
  const proposals = aggregateNeeds(needs, prices);

  const result: AggregationRunResult = { needs: needs.length, proposals: proposals.length, created: 0, existing: 0, conflicts: 0, housekeeping };
  if (proposals.length === 0) return result;
  const known = new Set(
    (await db.selectFrom("shared_groups").select("proposal_key").where("proposal_key", "in", proposals.map((p) => p.key)).execute()).map((r) => r.proposal_key),
  );
  const categories = new Map((await db.selectFrom("service_categories").select(["id", "slug"]).execute()).map((c) => [c.slug, c.id]));
  const needsById = new Map(needs.map((n) => [n.id, n]));

  for (const proposal of proposals) {
    if (known.has(proposal.key)) {
      result.existing++;
      continue;
    }
    try {
      const stored = await storeProposal(db, proposal, { categoryId: categories.get(proposal.categorySlug)!, needsById, now });
      if (stored) result.created++;
      else result.existing++;
    } catch (error) {
      if (isUniqueViolation(error)) {
        result.conflicts++;
        continue;
      }
      throw error;
    }
  }
  return result;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}

/** One proposal, its invitations, its first transition and the e-mails: all or nothing. */
async function storeProposal(
  db: Db,
  proposal: ProposedGroup,
  context: { categoryId: number; needsById: Map<string, AggregationNeed>; now: Date },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const members = proposal.needIds.map((id) => context.needsById.get(id)!);
    const minSize = rulesFor(members.map((m) => m.categorySlug))?.minFamilies ?? 2;
    const inserted = await trx
      .insertInto("shared_groups")
      .values({
        proposal_key: proposal.key,
        category_id: context.categoryId,
        status: "proposed",
        quartiere_id: proposal.quartiereId,
        condominium_id: proposal.explanation.sameCondominium ? members[0]!.condominiumId : null,
        meeting_lat: proposal.meetingPoint.lat,
        meeting_lng: proposal.meetingPoint.lng,
        shared_windows: JSON.stringify(proposal.sharedWindows),
        weekly_minutes: proposal.weeklySharedMinutes,
        hourly_total_cents: proposal.hourlyTotalCents,
        individual_hourly_cents: proposal.explanation.individualHourlyCents,
        min_size: minSize,
        created_at: context.now,
        updated_at: context.now,
      })
      .onConflict((oc) => oc.column("proposal_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .insertInto("shared_group_members")
      .values(
        proposal.shares.map((share) => ({
          group_id: inserted.id,
          need_id: share.needId,
          family_user_id: context.needsById.get(share.needId)!.familyId.startsWith("need:") ? null : share.familyId,
          status: "invited" as const,
          persons: share.persons,
          share_hourly_cents: share.hourlyCents,
        })),
      )
      .execute();
    await trx
      .insertInto("shared_group_transitions")
      .values({ group_id: inserted.id, from_status: null, to_status: "proposed", action: "propose", actor_user_id: null, note: null })
      .execute();
    await notifyGroupMembers(trx, inserted.id, "proposal", { statuses: ["invited"] });
    await notifyOnBehalfCreators(trx, inserted.id);
    return true;
  });
}

/**
 * Keeping existing groups true to the facts, each group in its own transaction:
 * - a proposal with a withdrawn (or otherwise closed) need loses that member (recomputed, or
 *   dissolved below the minimum);
 * - invitations unanswered for INVITATION_DAYS count as declined;
 * - a member whose notice has run out leaves;
 * - a booked group whose booking is confirmed becomes active; one whose booking ended without
 *   taking place (cancelled, declined, expired) is dissolved.
 */
export async function runHousekeeping(db: Db, now: Date): Promise<Housekeeping> {
  const out: Housekeeping = { withdrawnNeedsRemoved: 0, invitationsExpired: 0, noticesEnded: 0, activated: 0, dissolvedAfterBooking: 0 };
  const today = todayInMilan(now);
  const invitationCutoff = new Date(now.getTime() - INVITATION_DAYS * 86_400_000);

  const closedNeeds = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("shared_groups as g", "g.id", "m.group_id")
    .innerJoin("needs as n", "n.id", "m.need_id")
    .select(["m.group_id", "m.need_id"])
    .where("g.status", "=", "proposed")
    .where("m.status", "in", ["invited", "accepted"])
    .where("n.status", "in", ["withdrawn", "fulfilled"])
    .execute();
  for (const [groupId, needIds] of byGroup(closedNeeds)) {
    out.withdrawnNeedsRemoved += await inTransaction(db, async (trx) => {
      const group = await lockGroup(trx, groupId);
      if (!group || group.status !== "proposed") return 0;
      const removed = await trx
        .updateTable("shared_group_members")
        .set({ status: "declined", responded_at: now })
        .where("group_id", "=", groupId)
        .where("need_id", "in", needIds)
        .where("status", "in", ["invited", "accepted"])
        .returning("need_id")
        .execute();
      if (removed.length === 0) return 0;
      await recordGroupEvent(trx, { group, event: "decline", actor: systemActor, note: "need_withdrawn" });
      await afterMembersLeft(trx, group, systemActor, { now, note: "need_withdrawn" });
      return removed.length;
    });
  }

  const stale = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("shared_groups as g", "g.id", "m.group_id")
    .select(["m.group_id", "m.need_id"])
    .where("g.status", "=", "proposed")
    .where("m.status", "=", "invited")
    // Invited (or asked again after a new split) more than INVITATION_DAYS ago.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("shared_group_transitions as t")
            .select("t.id")
            .whereRef("t.group_id", "=", "g.id")
            .where("t.action", "in", ["propose", "reprice"])
            .where("t.created_at", ">=", invitationCutoff),
        ),
      ),
    )
    .execute();
  for (const [groupId, needIds] of byGroup(stale)) {
    out.invitationsExpired += await inTransaction(db, async (trx) => {
      const group = await lockGroup(trx, groupId);
      if (!group || group.status !== "proposed") return 0;
      const expired = await trx
        .updateTable("shared_group_members")
        .set({ status: "declined", responded_at: now })
        .where("group_id", "=", groupId)
        .where("need_id", "in", needIds)
        .where("status", "=", "invited")
        .returning("need_id")
        .execute();
      if (expired.length === 0) return 0;
      await recordGroupEvent(trx, { group, event: "expireInvitation", actor: systemActor, note: null });
      await afterMembersLeft(trx, group, systemActor, { now, note: "invitation_expired" });
      return expired.length;
    });
  }

  const ended = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("shared_groups as g", "g.id", "m.group_id")
    .select(["m.group_id", "m.need_id"])
    .where("m.status", "=", "accepted")
    .where("m.leaves_on", "is not", null)
    .where("m.leaves_on", "<=", today)
    .where("g.status", "in", ["formed", "booked", "active"])
    .execute();
  for (const [groupId, needIds] of byGroup(ended)) {
    out.noticesEnded += await inTransaction(db, async (trx) => {
      const group = await lockGroup(trx, groupId);
      if (!group || group.status === "dissolved" || group.status === "proposed") return 0;
      const left = await trx
        .updateTable("shared_group_members")
        .set({ status: "left" })
        .where("group_id", "=", groupId)
        .where("need_id", "in", needIds)
        .where("status", "=", "accepted")
        .returning("need_id")
        .execute();
      if (left.length > 0) await recordGroupEvent(trx, { group, event: "noticeEnds", actor: systemActor, note: null });
      return left.length;
    });
  }

  const booked = await db
    .selectFrom("shared_groups as g")
    .innerJoin("bookings as b", "b.id", "g.booking_id")
    .select(["g.id", "g.status", "b.status as booking_status"])
    .where("g.status", "in", ["booked", "active"])
    .where("b.status", "in", ["confirmed", "in_progress", "cancelled", "declined", "expired"])
    .execute();
  for (const row of booked) {
    await inTransaction(db, async (trx) => {
      const group = await lockGroup(trx, row.id);
      if (!group) return;
      if (group.status === "booked" && (row.booking_status === "confirmed" || row.booking_status === "in_progress")) {
        await changeGroupStatus(trx, { group, action: "activate", actor: systemActor });
        out.activated++;
      } else if (row.booking_status === "cancelled" || row.booking_status === "declined" || row.booking_status === "expired") {
        if (group.status === "dissolved") return;
        await dissolveGroup(trx, group, systemActor, { now, note: `booking_${row.booking_status}` });
        out.dissolvedAfterBooking++;
      }
    });
  }
  return out;
}

function byGroup(rows: ReadonlyArray<{ group_id: string; need_id: string }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of rows) out.set(row.group_id, [...(out.get(row.group_id) ?? []), row.need_id]);
  return out;
}

/** The worker job: register as `{ [AGGREGATE_NEEDS_TASK]: aggregateNeedsTask(db) }`. */
export function aggregateNeedsTask(db: Db): Task {
  return async (payload, helpers) => {
    const cronTs = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
    const now = cronTs && !Number.isNaN(Date.parse(cronTs)) ? new Date(cronTs) : new Date();
    const started = Date.now();
    const result = await runAggregation(db, { now });
    helpers.logger.info(`aggregation: ${result.needs} open needs, ${result.created} new proposals in ${Date.now() - started} ms`, {
      ...result,
      housekeeping: undefined,
      ...result.housekeeping,
    });
  };
}

export { AGGREGATE_NEEDS_TASK };
