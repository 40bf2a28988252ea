import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { assertVerifier, isAdmin, quartiereScope } from "../verification/operator-access.server";
import { reviewRows, toReviewItem, type ReviewItem } from "./review-rows.server";

export const OPERATOR_REVIEWS_PAGE_SIZE = 25;
export const operatorReviewFilters = ["all", "hidden"] as const;
export type OperatorReviewFilter = (typeof operatorReviewFilters)[number];

export interface OperatorReviewList {
  isAdmin: boolean;
  filter: OperatorReviewFilter;
  items: Array<ReviewItem & { quartiereName: string | null }>;
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Reviews of the providers whose home quartiere is one of the operator's (all for an admin),
 * newest first, optionally only the hidden ones. AuthorisationError for anyone else.
 */
export async function listReviewsForOperator(
  db: Kysely<Database>,
  user: CurrentUser,
  options: { page?: number; filter?: OperatorReviewFilter } = {},
): Promise<OperatorReviewList> {
  assertVerifier(user);
  const scope = quartiereScope(user);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const filter = options.filter ?? "all";
  const empty: OperatorReviewList = { isAdmin: isAdmin(user), filter, items: [], total: 0, page, pageSize: OPERATOR_REVIEWS_PAGE_SIZE };
  if (scope !== null && scope.length === 0) return empty;

  const scoped = <Q extends ReturnType<typeof reviewRows>>(q: Q) =>
    q.$if(scope !== null, (qb) => qb.where("p.quartiere_id", "in", scope!)).$if(filter === "hidden", (qb) => qb.where("r.hidden_at", "is not", null));

  const [rows, total] = await Promise.all([
    scoped(reviewRows(db))
      .leftJoin("quartieri as q", "q.id", "p.quartiere_id")
      .select("q.name as quartiere_name")
      .orderBy("r.created_at", "desc")
      .orderBy("r.id", "desc")
      .limit(OPERATOR_REVIEWS_PAGE_SIZE)
      .offset((page - 1) * OPERATOR_REVIEWS_PAGE_SIZE)
      .execute(),
    scoped(reviewRows(db)).clearSelect().select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ...empty, total: Number(total.n), items: rows.map((row) => ({ ...toReviewItem(row), quartiereName: row.quartiere_name })) };
}
