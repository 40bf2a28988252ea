import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { providerIdsActedForBy } from "../bookings/booking-access.server";
import type { RatingSummary } from "./rating";
import { ratingSummariesFor } from "./rating-summary.server";
import { reviewRows, toReviewItem, type ReviewItem } from "./review-rows.server";

export const PROVIDER_REVIEWS_PAGE_SIZE = 20;

export interface ProviderReviewList {
  /** The providers the person acts for, with their rating (an organisation's manager sees its workers). */
  providers: Array<{ id: string; name: string; rating: RatingSummary }>;
  /** Hidden reviews included, marked, with the operator's reason. */
  items: ReviewItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** For a route action: the person acts for at least one provider (AuthorisationError otherwise). */
export async function assertActsForSomeProvider(db: Kysely<Database>, user: CurrentUser): Promise<void> {
  const any = await providerIdsActedForBy(db, user.id).limit(1).executeTakeFirst();
  if (!any) throw new AuthorisationError("acts for no provider");
}

/**
 * The reviews of every provider the person acts for, newest first. AuthorisationError for
 * someone who acts for no provider.
 */
export async function listReviewsForProviderSide(
  db: Kysely<Database>,
  user: CurrentUser,
  options: { page?: number } = {},
): Promise<ProviderReviewList> {
  const providers = await providerIdsActedForBy(db, user.id).select("p.display_name").orderBy("p.display_name").execute();
  if (providers.length === 0) throw new AuthorisationError("acts for no provider");
  const ids = providers.map((p) => p.id);
  const page = Math.max(1, Math.floor(options.page ?? 1));

  const [ratings, rows, total] = await Promise.all([
    ratingSummariesFor(db, ids),
    reviewRows(db)
      .where("r.provider_id", "in", ids)
      .orderBy("r.created_at", "desc")
      .orderBy("r.id", "desc")
      .limit(PROVIDER_REVIEWS_PAGE_SIZE)
      .offset((page - 1) * PROVIDER_REVIEWS_PAGE_SIZE)
      .execute(),
    db.selectFrom("reviews").select((eb) => eb.fn.countAll<string>().as("n")).where("provider_id", "in", ids).executeTakeFirstOrThrow(),
  ]);
  return {
    providers: providers.map((p) => ({ id: p.id, name: p.display_name, rating: ratings.get(p.id)! })),
    items: rows.map(toReviewItem),
    total: Number(total.n),
    page,
    pageSize: PROVIDER_REVIEWS_PAGE_SIZE,
  };
}
