import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import type { SharedGroupStatus } from "../../../../db/schema";
import { inArea, inPeriod, toCount, type IndicatorScope } from "./sql";

/**
 * Shared services (groups of families sharing one provider), by the group's quartiere.
 *
 * - Groups forming / active: today's groups proposed by the engine and still forming, and those
 *   formed, booked or active.
 * - Shared services formed: groups whose formed_at falls within the period (whatever became of
 *   them afterwards).
 * - Families per shared service: accepted members of those groups, divided by their number.
 * - Money saved by sharing: over the accepted members of today's formed, booked or active groups,
 *   Σ (individual hourly price − the member's hourly share) × weekly hours × weeks of the period
 *   since the group formed (up to today if the period has not ended).
 */

export const formingStatuses = ["proposed"] as const satisfies readonly SharedGroupStatus[];
export const activeStatuses = ["formed", "booked", "active"] as const satisfies readonly SharedGroupStatus[];

export function groupsByStatusQuery(db: DB, { quartiereIds }: Pick<IndicatorScope, "quartiereIds">) {
  return db
    .selectFrom("shared_groups")
    .select(["category_id", "status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("status", "in", [...formingStatuses, ...activeStatuses])
    .where(inArea("shared_groups.quartiere_id", quartiereIds))
    .groupBy(["category_id", "status"]);
}

export function formedInPeriodQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom("shared_groups as g")
    .leftJoin("shared_group_members as m", (join) => join.onRef("m.group_id", "=", "g.id").on("m.status", "=", "accepted"))
    .select([(eb) => eb.fn.count<string>("g.id").distinct().as("groups"), (eb) => eb.fn.count<string>("m.need_id").as("members")])
    .where("g.formed_at", "is not", null)
    .where(inPeriod("g.formed_at", period))
    .where(inArea("g.quartiere_id", quartiereIds));
}

export function moneySavedQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  const weeks = sql<number>`greatest(0, extract(epoch from (${period.measuredUntil}::timestamptz - greatest(g.formed_at, ${period.start}::timestamptz))) / 604800.0)`;
  return db
    .selectFrom("shared_groups as g")
    .innerJoin("shared_group_members as m", "m.group_id", "g.id")
    .select(sql<string | null>`round(sum((g.individual_hourly_cents - m.share_hourly_cents) * g.weekly_minutes / 60.0 * ${weeks}))`.as("cents"))
    .where("m.status", "=", "accepted")
    .where("g.status", "in", [...activeStatuses])
    .where("g.formed_at", "is not", null)
    .where("g.formed_at", "<", period.measuredUntil)
    .where(inArea("g.quartiere_id", quartiereIds));
}

export interface SharingFigures {
  byCategoryStatus: Array<{ categoryId: number; status: SharedGroupStatus; n: number }>;
  forming: number;
  active: number;
  formedInPeriod: number;
  acceptedMembers: number;
  familiesPerSharedService: number | null;
  moneySavedCents: number;
}

export async function fetchSharingFigures(db: DB, scope: IndicatorScope): Promise<SharingFigures> {
  const [byStatus, formed, saved] = await Promise.all([
    groupsByStatusQuery(db, scope).execute(),
    formedInPeriodQuery(db, scope).executeTakeFirst(),
    moneySavedQuery(db, scope).executeTakeFirst(),
  ]);
  const byCategoryStatus = byStatus.map((r) => ({ categoryId: r.category_id, status: r.status, n: toCount(r.n) }));
  const sum = (statuses: readonly SharedGroupStatus[]) => byCategoryStatus.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + r.n, 0);
  const formedInPeriod = toCount(formed?.groups);
  const acceptedMembers = toCount(formed?.members);
  return {
    byCategoryStatus,
    forming: sum(formingStatuses),
    active: sum(activeStatuses),
    formedInPeriod,
    acceptedMembers,
    familiesPerSharedService: formedInPeriod > 0 ? acceptedMembers / formedInPeriod : null,
    moneySavedCents: toCount(saved?.cents),
  };
}
