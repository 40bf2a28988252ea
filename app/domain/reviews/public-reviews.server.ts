import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { RatingSummary } from "./rating";
import { ratingSummaryOf } from "./rating-summary.server";
import { reviewRows, toReviewItem, type ReviewItem } from "./review-rows.server";

/** The newest reviews shown on a profile. */
export const PUBLIC_REVIEWS_SHOWN = 20;

/** What the public sees of a review: no names (the family stays private), no booking ids. */
export type PublicReview = Pick<ReviewItem, "id" | "categorySlug" | "ratings" | "score" | "body" | "reply" | "repliedAt" | "createdAt">;

export interface PublicReviews {
  rating: RatingSummary;
  /** The newest visible reviews, at most PUBLIC_REVIEWS_SHOWN. */
  reviews: PublicReview[];
}

/**
 * A provider's visible reviews and rating, for its public profile. The caller shows them only
 * for a provider the public may see (getPublicProviderProfile found it).
 */
export async function getPublicReviews(db: Kysely<Database>, providerId: string): Promise<PublicReviews> {
  const [rating, rows] = await Promise.all([
    ratingSummaryOf(db, providerId),
    reviewRows(db)
      .where("r.provider_id", "=", providerId)
      .where("r.hidden_at", "is", null)
      .orderBy("r.created_at", "desc")
      .orderBy("r.id", "desc")
      .limit(PUBLIC_REVIEWS_SHOWN)
      .execute(),
  ]);
  return {
    rating,
    reviews: rows.map(toReviewItem).map(({ id, categorySlug, ratings, score, body, reply, repliedAt, createdAt }) => ({
      id,
      categorySlug,
      ratings,
      score,
      body,
      reply,
      repliedAt,
      createdAt,
    })),
  };
}
