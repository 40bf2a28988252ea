import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import { assertOperatorOf, type CurrentUser } from "../../accounts/current-user";
import { recordAudit } from "../../audit/audit-log.server";
import { listQuartieri } from "../../territory/territory.server";
import { assertVerifier } from "../../verification/operator-access.server";
import { inPeriod } from "../indicators/sql";
import type { Period } from "../period";
import type { ReferralFieldErrors, ReferralInput } from "./network-schemas";

/**
 * Routing a need: an operator marks an open need of their quartiere as referred to an
 * organisation of the network (an association that runs an after-school club, a parish with
 * volunteers…). The need stays open — the family still decides — and the referral is recorded
 * with who and when, in need_referrals and in the audit log. The list shows no personal data:
 * no address, no name, no free text of the family's.
 */

export const NEEDS_TO_ROUTE_LIMIT = 25;

export interface NeedToRoute {
  id: string;
  category: string;
  quartiereId: number;
  quartiere: string;
  persons: number;
  createdAt: string;
  referrals: Array<{ organisation: string; createdAt: string }>;
  /** Organisations serving the need's quartiere, those offering its category first. */
  organisationIds: string[];
}

export interface NeedsToRoute {
  total: number;
  needs: NeedToRoute[];
  organisations: Array<{ id: string; name: string }>;
}

/**
 * The area's open needs posted in the period (null: the whole city), newest first, with the
 * organisations that could take them.
 */
export async function listNeedsToRoute(db: DB, quartiereIds: number[] | null, period: Period): Promise<NeedsToRoute> {
  if (quartiereIds !== null && quartiereIds.length === 0) return { total: 0, needs: [], organisations: [] };
  let base = db.selectFrom("needs as n").where("n.status", "=", "open").where(inPeriod("n.created_at", period));
  if (quartiereIds !== null) base = base.where("n.quartiere_id", "in", quartiereIds);
  const [{ total }, rows, quartieri] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow(),
    base
      .innerJoin("service_categories as c", "c.id", "n.category_id")
      .select(["n.id", "n.category_id", "c.slug", "n.quartiere_id", "n.persons", "n.created_at"])
      .orderBy("n.created_at", "desc")
      .orderBy("n.id")
      .limit(NEEDS_TO_ROUTE_LIMIT)
      .execute(),
    listQuartieri(db),
  ]);
  const needIds = rows.map((r) => r.id);
  const needQuartieri = [...new Set(rows.map((r) => r.quartiere_id))];
  const [referrals, organisations] = await Promise.all([
    needIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("need_referrals as r")
          .innerJoin("network_organisations as o", "o.id", "r.organisation_id")
          .select(["r.need_id", "o.name", "r.created_at"])
          .where("r.need_id", "in", needIds)
          .orderBy("r.id")
          .execute(),
    needQuartieri.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("network_organisations as o")
          .innerJoin("network_organisation_quartieri as nq", "nq.organisation_id", "o.id")
          .select(["o.id", "o.name", "o.offer_category_ids", sql<number[]>`array_agg(nq.quartiere_id)`.as("quartieri")])
          .where("nq.quartiere_id", "in", needQuartieri)
          .groupBy(["o.id", "o.name", "o.offer_category_ids"])
          .orderBy("o.name")
          .execute(),
  ]);
  const names = new Map(quartieri.map((q) => [q.id, q.name]));
  return {
    total: Number(total),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    needs: rows.map((row) => {
      const serving = organisations.filter((o) => o.quartieri.map(Number).includes(row.quartiere_id));
      const offersCategory = (o: (typeof organisations)[number]) => (o.offer_category_ids.includes(row.category_id) ? 0 : 1);
      return {
        id: row.id,
        category: row.slug,
        quartiereId: row.quartiere_id,
        quartiere: names.get(row.quartiere_id) ?? String(row.quartiere_id),
        persons: row.persons,
        createdAt: new Date(row.created_at).toISOString(),
        referrals: referrals.filter((r) => r.need_id === row.id).map((r) => ({ organisation: r.name, createdAt: new Date(r.created_at).toISOString() })),
        organisationIds: [...serving].sort((a, b) => offersCategory(a) - offersCategory(b) || a.name.localeCompare(b.name, "it")).map((o) => o.id),
      };
    }),
  };
}

/** Only operators and admins route needs (checked before a form is even read). */
export function assertCanReferNeeds(user: CurrentUser | null): asserts user is CurrentUser {
  assertVerifier(user);
}

export type ReferNeedResult = { ok: true; referralId: string } | { ok: false; errors: ReferralFieldErrors } | null;

/**
 * Records that an operator of the need's quartiere routed it to an organisation. Null if the
 * need does not exist (said only to an operator, so nobody else learns which ids exist);
 * AuthorisationError if it is another quartiere's.
 */
export async function referNeed(db: DB, user: CurrentUser | null, input: ReferralInput): Promise<ReferNeedResult> {
  assertVerifier(user);
  const need = await db.selectFrom("needs").select(["id", "quartiere_id", "status"]).where("id", "=", input.needId).executeTakeFirst();
  if (!need) return null;
  assertOperatorOf(user, need.quartiere_id);
  if (need.status !== "open") return { ok: false, errors: { needId: "network.errors.needNotOpen" } };
  const organisation = await db.selectFrom("network_organisations").select("id").where("id", "=", input.organisationId).executeTakeFirst();
  if (!organisation) return { ok: false, errors: { organisationId: "network.errors.organisation" } };
  const referralId = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("need_referrals")
      .values({ need_id: need.id, organisation_id: organisation.id, operator_user_id: user.id, note: input.note })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "need.refer",
      subjectType: "need",
      subjectId: need.id,
      details: { organisationId: organisation.id, referralId: String(id) },
    });
    return String(id);
  });
  return { ok: true, referralId };
}
