import type { Kysely } from "kysely";
import type { BookingStatus, Database } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { holdLiveAccount } from "../accounts/live-account.server";
import { loadBookingForParty } from "../bookings/booking-access.server";
import { BookingTransitionError, lockBooking, transitionBooking } from "../bookings/transition-booking.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { reviewScore, type AspectRatings } from "./rating";
import { parseReviewForm, type ReviewFieldErrors, type ReviewRaw } from "./review-forms";
import { ReviewError } from "./review-errors";

/**
 * The family of a completed booking reviews the provider once: three aspects from 1 to 5 and an
 * optional text. Writing it moves the booking to "reviewed" (the transition table's "review"
 * action, recorded with who and when) in the same transaction, so a booking is reviewed exactly
 * when it has a review. The search index follows through the reviews table's outbox trigger.
 */

export type ReviewPageState = "open" | "done" | "not_reviewable";

export interface OwnReview {
  ratings: AspectRatings;
  score: number;
  body: string;
  reply: string | null;
  repliedAt: string | null;
  /** Hidden by an operator, with their reason (the family may read it). */
  hidden: { at: string; reason: string } | null;
  createdAt: string;
}

export interface ReviewPage {
  bookingId: string;
  status: BookingStatus;
  categorySlug: string;
  providerId: string;
  providerName: string;
  state: ReviewPageState;
  review: OwnReview | null;
}

/** Only the booking's family may review it: the provider's side gets AuthorisationError too. */
async function familyBooking(db: Kysely<Database>, user: CurrentUser, bookingId: string) {
  const access = await loadBookingForParty(db, user, bookingId);
  if (!access) return null;
  if (access.party !== "family") throw new AuthorisationError("only the family reviews a booking");
  return access.booking;
}

/** What the review page shows. Null when there is no such booking; AuthorisationError for anyone but its family. */
export async function loadReviewPage(db: Kysely<Database>, user: CurrentUser, bookingId: string): Promise<ReviewPage | null> {
  const booking = await familyBooking(db, user, bookingId);
  if (!booking) return null;
  const [facts, review] = await Promise.all([
    db
      .selectFrom("bookings as b")
      .innerJoin("providers as p", "p.id", "b.provider_id")
      .innerJoin("service_categories as c", "c.id", "b.category_id")
      .select(["p.display_name", "c.slug"])
      .where("b.id", "=", booking.id)
      .executeTakeFirstOrThrow(),
    db.selectFrom("reviews").selectAll().where("booking_id", "=", booking.id).executeTakeFirst(),
  ]);
  const own: OwnReview | null = review
    ? {
        ratings: { reliability: review.rating_reliability, care: review.rating_care, communication: review.rating_communication },
        score: reviewScore({ reliability: review.rating_reliability, care: review.rating_care, communication: review.rating_communication }),
        body: review.body,
        reply: review.reply_body,
        repliedAt: review.replied_at ? new Date(review.replied_at).toISOString() : null,
        hidden: review.hidden_at ? { at: new Date(review.hidden_at).toISOString(), reason: review.hidden_reason ?? "" } : null,
        createdAt: new Date(review.created_at).toISOString(),
      }
    : null;
  return {
    bookingId: booking.id,
    status: booking.status,
    categorySlug: facts.slug,
    providerId: booking.provider_id,
    providerName: facts.display_name,
    state: own ? "done" : booking.status === "completed" ? "open" : "not_reviewable",
    review: own,
  };
}

export type WriteReviewResult = { ok: true; reviewId: string } | { ok: false; errors: ReviewFieldErrors };

/**
 * Null when there is no such booking; AuthorisationError for anyone but its family;
 * ReviewError("already_reviewed") for a second review and ReviewError("not_reviewable") before
 * the booking is completed (or when it ended another way).
 */
export async function writeReview(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { bookingId: string; raw: Partial<ReviewRaw> },
): Promise<WriteReviewResult | null> {
  const booking = await familyBooking(db, user, input.bookingId);
  if (!booking) return null;
  const parsed = parseReviewForm(input.raw);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };

  try {
    const reviewId = await inTransaction(db, async (trx) => {
      // The account first (as an erasure takes it): written while it is being erased, nothing is kept.
      await holdLiveAccount(trx, user.id);
      // The booking's locks next (the order every booking writer uses), then the checks.
      const locked = await lockBooking(trx, booking.id);
      if (!locked) throw new ReviewError("not_reviewable");
      const existing = await trx.selectFrom("reviews").select("id").where("booking_id", "=", booking.id).executeTakeFirst();
      if (existing || locked.status === "reviewed") throw new ReviewError("already_reviewed");
      await transitionBooking(trx, { bookingId: booking.id, action: "review", actorRole: "family", actorUserId: user.id });
      const { id } = await trx
        .insertInto("reviews")
        .values({
          booking_id: booking.id,
          provider_id: locked.provider_id,
          author_user_id: user.id,
          rating_reliability: parsed.data.reliability,
          rating_care: parsed.data.care,
          rating_communication: parsed.data.communication,
          body: parsed.data.body,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return id;
    });
    return { ok: true, reviewId };
  } catch (error) {
    if (error instanceof BookingTransitionError && error.code === "transition_not_allowed") throw new ReviewError("not_reviewable");
    // The unique index on reviews.booking_id is the last word if two tabs submit at once.
    if ((error as { code?: string }).code === "23505") throw new ReviewError("already_reviewed");
    throw error;
  }
}
