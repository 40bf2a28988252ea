import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { assertOperatorOf, type CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { assertVerifier } from "../verification/operator-access.server";
import { isUuid } from "../../utils/uuid";
import { parseHideForm, type ReviewFieldErrors } from "./review-forms";
import { ReviewError } from "./review-errors";

export type VisibilityResult = { ok: true } | { ok: false; errors: ReviewFieldErrors };

/**
 * An operator of the reviewed provider's quartiere (or an admin) hides an abusive review, with a
 * reason the provider and the family can read, or shows it again. Hidden reviews leave the
 * public profile and the rating; the reviews table's trigger re-indexes the provider. Both are
 * audit-logged ("review.hide", "review.unhide"; ids only — the reason stays on the review).
 * Null when there is no such review (said only to operators); AuthorisationError for anyone else.
 */
export async function setReviewVisibility(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { reviewId: string; action: "hide" | "unhide"; reason?: unknown },
  options: { now?: Date } = {},
): Promise<VisibilityResult | null> {
  assertVerifier(user);
  if (!isUuid(input.reviewId)) return null;
  const review = await db
    .selectFrom("reviews as r")
    .innerJoin("providers as p", "p.id", "r.provider_id")
    .select(["r.id", "r.booking_id", "r.provider_id", "r.hidden_at", "p.quartiere_id"])
    .where("r.id", "=", input.reviewId)
    .executeTakeFirst();
  if (!review) return null;
  assertOperatorOf(user, review.quartiere_id);

  let reason: string | null = null;
  if (input.action === "hide") {
    const parsed = parseHideForm({ reason: input.reason });
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    reason = parsed.data.reason;
  }

  await inTransaction(db, async (trx) => {
    const current = await trx.selectFrom("reviews").select("hidden_at").where("id", "=", review.id).forUpdate().executeTakeFirstOrThrow();
    if (input.action === "hide" && current.hidden_at !== null) throw new ReviewError("already_hidden");
    if (input.action === "unhide" && current.hidden_at === null) throw new ReviewError("not_hidden");
    await trx
      .updateTable("reviews")
      .set(
        input.action === "hide"
          ? { hidden_at: options.now ?? new Date(), hidden_by: user.id, hidden_reason: reason }
          : { hidden_at: null, hidden_by: null, hidden_reason: null },
      )
      .where("id", "=", review.id)
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: `review.${input.action}`,
      subjectType: "review",
      subjectId: review.id,
      details: { providerId: review.provider_id, bookingId: review.booking_id },
    });
  });
  return { ok: true };
}
