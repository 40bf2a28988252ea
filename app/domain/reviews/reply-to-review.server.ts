import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { actsForProvider } from "../bookings/booking-access.server";
import { isUuid } from "../../utils/uuid";
import { parseReplyForm, type ReviewFieldErrors } from "./review-forms";
import { ReviewError } from "./review-errors";

export type ReplyResult = { ok: true } | { ok: false; errors: ReviewFieldErrors };

/**
 * Someone acting for the reviewed provider answers a review, once (a reply cannot be changed:
 * ReviewError("already_replied")). Null when there is no such review; AuthorisationError for
 * anyone not acting for its provider.
 */
export async function replyToReview(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { reviewId: string; body: unknown },
  options: { now?: Date } = {},
): Promise<ReplyResult | null> {
  if (!isUuid(input.reviewId)) return null;
  const review = await db.selectFrom("reviews").select(["id", "provider_id", "reply_body"]).where("id", "=", input.reviewId).executeTakeFirst();
  if (!review) return null;
  if (!(await actsForProvider(db, user.id, review.provider_id))) throw new AuthorisationError("does not act for the reviewed provider");
  if (review.reply_body !== null) throw new ReviewError("already_replied");
  const parsed = parseReplyForm({ body: input.body });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };

  const result = await db
    .updateTable("reviews")
    .set({ reply_body: parsed.data.body, replied_at: options.now ?? new Date() })
    .where("id", "=", review.id)
    .where("reply_body", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ReviewError("already_replied");
  return { ok: true };
}
