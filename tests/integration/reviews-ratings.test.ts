import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError } from "../../app/domain/accounts/current-user";
import { listReviewsForOperator } from "../../app/domain/reviews/operator-reviews.server";
import { listReviewsForProviderSide } from "../../app/domain/reviews/provider-reviews.server";
import { getPublicReviews } from "../../app/domain/reviews/public-reviews.server";
import { ratingSummaryOf } from "../../app/domain/reviews/rating-summary.server";
import { replyToReview } from "../../app/domain/reviews/reply-to-review.server";
import { isReviewError } from "../../app/domain/reviews/review-errors";
import { setReviewVisibility } from "../../app/domain/reviews/review-visibility.server";
import { loadReviewPage, writeReview } from "../../app/domain/reviews/write-review.server";
import type { BookingStatus } from "../../db/schema";
import { duringAccountErasure } from "../support/account-erasure-in-progress";
import { bookingStatus, bookingTransitions, insertUser } from "../support/booking-fixtures";
import { auditRows, insertBookingWithThread, insertCast, type Cast } from "../support/booking-rows";
import { drainOutbox, searchFor } from "../support/search-helpers";
import { createTestContext, type TestContext } from "../support/test-context";

let ctx: TestContext;
let cast: Cast;

beforeAll(async () => {
  ctx = await createTestContext();
  cast = await insertCast(ctx.db, { providerName: "Rosa Valutata" });
});
afterAll(async () => {
  await ctx?.cleanup();
});

const booking = async (status: BookingStatus = "completed", c: Cast = cast) =>
  (await insertBookingWithThread(ctx.db, { providerId: c.provider.providerId, familyUserId: c.family.id, status })).bookingId;

const ratings = (reliability: number, care: number, communication: number, body = "") => ({
  reliability: String(reliability),
  care: String(care),
  communication: String(communication),
  body,
});

async function review(bookingId: string, raw = ratings(5, 5, 4, "Puntuale e gentilissima."), c: Cast = cast): Promise<string> {
  const result = await writeReview(ctx.db, c.family, { bookingId, raw });
  if (!result?.ok) throw new Error(`not written: ${JSON.stringify(result)}`);
  return result.reviewId;
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null).catch((e: unknown) => (isReviewError(e) ? e.code : e));

describe("writing a review", () => {
  it("a review written while its author's account is being erased waits for the erasure, then is refused and not kept", async () => {
    const leaving = await insertUser(ctx.db, { roles: ["family"], name: "Famiglia In Partenza" });
    const { bookingId } = await insertBookingWithThread(ctx.db, { providerId: cast.provider.providerId, familyUserId: leaving.id, status: "completed" });
    const { finishedBeforeCommit, outcome } = await duringAccountErasure(ctx.databaseUrl, leaving.id, () =>
      writeReview(ctx.db, leaving, { bookingId, raw: ratings(5, 5, 5, "Scritta mentre me ne vado") }),
    );
    expect(finishedBeforeCommit).toBe(false);
    expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(AuthorisationError);
    expect(await ctx.db.selectFrom("reviews").select("id").where("author_user_id", "=", leaving.id).execute()).toEqual([]);
    expect(await bookingStatus(ctx.db, bookingId)).toBe("completed");
  });

  it("lets the family of a completed booking review it once, moving the booking to reviewed", async () => {
    const bookingId = await booking("completed");
    expect((await loadReviewPage(ctx.db, cast.family, bookingId))!.state).toBe("open");

    await review(bookingId);

    expect(await bookingStatus(ctx.db, bookingId)).toBe("reviewed");
    expect((await bookingTransitions(ctx.db, bookingId)).map((t) => [t.action, t.from_status, t.to_status, t.actor_role, t.actor_user_id])).toEqual([
      ["review", "completed", "reviewed", "family", cast.family.id],
    ]);
    const page = await loadReviewPage(ctx.db, cast.family, bookingId);
    expect(page).toMatchObject({ state: "done", review: { ratings: { reliability: 5, care: 5, communication: 4 }, score: 4.7, body: "Puntuale e gentilissima." } });

    expect(await refusal(writeReview(ctx.db, cast.family, { bookingId, raw: ratings(1, 1, 1) }))).toBe("already_reviewed");
    expect(await ctx.db.selectFrom("reviews").select("id").where("booking_id", "=", bookingId).execute()).toHaveLength(1);
  });

  it("refuses a booking that is not completed, and keeps it as it was", async () => {
    for (const status of ["requested", "confirmed", "in_progress", "cancelled"] as const) {
      const bookingId = await booking(status);
      expect((await loadReviewPage(ctx.db, cast.family, bookingId))!.state).toBe("not_reviewable");
      expect(await refusal(writeReview(ctx.db, cast.family, { bookingId, raw: ratings(4, 4, 4) }))).toBe("not_reviewable");
      expect(await bookingStatus(ctx.db, bookingId)).toBe(status);
    }
  });

  it("is only for the booking's family: the provider, another family and operators are refused", async () => {
    const bookingId = await booking("completed");
    for (const who of [cast.provider.owner, cast.otherFamily, cast.otherProvider.owner, cast.operator, cast.admin]) {
      await expect(loadReviewPage(ctx.db, who, bookingId)).rejects.toThrow(AuthorisationError);
      await expect(writeReview(ctx.db, who, { bookingId, raw: ratings(1, 1, 1) })).rejects.toThrow(AuthorisationError);
    }
    expect(await bookingStatus(ctx.db, bookingId)).toBe("completed");
  });

  it("asks for all three aspects from 1 to 5 and at most 2000 characters of text", async () => {
    const bookingId = await booking("completed");
    expect(await writeReview(ctx.db, cast.family, { bookingId, raw: { reliability: "6", care: "", body: "x".repeat(2001) } })).toEqual({
      ok: false,
      errors: { reliability: "errors.ratingRequired", care: "errors.ratingRequired", communication: "errors.ratingRequired", body: "errors.bodyTooLong" },
    });
    expect(await bookingStatus(ctx.db, bookingId)).toBe("completed");
  });
});

describe("the provider's reply", () => {
  it("may be written once, by someone acting for the reviewed provider", async () => {
    const reviewId = await review(await booking("completed"));
    await expect(replyToReview(ctx.db, cast.otherProvider.owner, { reviewId, body: "Grazie!" })).rejects.toThrow(AuthorisationError);
    await expect(replyToReview(ctx.db, cast.family, { reviewId, body: "Grazie!" })).rejects.toThrow(AuthorisationError);
    expect(await replyToReview(ctx.db, cast.provider.owner, { reviewId, body: "" })).toEqual({ ok: false, errors: { body: "errors.replyRequired" } });

    expect(await replyToReview(ctx.db, cast.provider.owner, { reviewId, body: "Grazie a voi, a presto!" })).toEqual({ ok: true });
    expect(await refusal(replyToReview(ctx.db, cast.provider.owner, { reviewId, body: "Ripensandoci…" }))).toBe("already_replied");

    const list = await listReviewsForProviderSide(ctx.db, cast.provider.owner);
    expect(list.items.find((r) => r.id === reviewId)).toMatchObject({ reply: "Grazie a voi, a presto!" });
    await expect(listReviewsForProviderSide(ctx.db, cast.family)).rejects.toThrow(AuthorisationError);
  });
});

describe("ratings, moderation and search", () => {
  it("averages the visible reviews, lets the quartiere's operator hide and show one with a reason, and the index follows", async () => {
    const c = await insertCast(ctx.db, { providerName: "Ornella Stellata" });
    const first = await review(await booking("completed", c), ratings(5, 5, 5), c);
    const second = await review(await booking("completed", c), ratings(2, 3, 1, "Non è venuta due volte."), c);

    // (15 + 6) / 6 = 3.5
    expect(await ratingSummaryOf(ctx.db, c.provider.providerId)).toEqual({ average: 3.5, count: 2 });
    await drainOutbox(ctx.db, ctx.search);
    let hit = (await searchFor(ctx, "q=Ornella%20Stellata")).hits.find((h) => h.id === c.provider.providerId);
    expect(hit).toMatchObject({ ratingAvg: 3.5, ratingCount: 2 });

    // Only the operator of the provider's quartiere (or an admin) moderates, and a reason is required.
    await expect(setReviewVisibility(ctx.db, c.otherOperator, { reviewId: second, action: "hide", reason: "Offensiva" })).rejects.toThrow(AuthorisationError);
    await expect(setReviewVisibility(ctx.db, c.provider.owner, { reviewId: second, action: "hide", reason: "Offensiva" })).rejects.toThrow(AuthorisationError);
    expect(await setReviewVisibility(ctx.db, c.operator, { reviewId: second, action: "hide", reason: " " })).toEqual({ ok: false, errors: { reason: "errors.reasonRequired" } });
    expect(await setReviewVisibility(ctx.db, c.operator, { reviewId: second, action: "hide", reason: "Contiene accuse non verificabili" })).toEqual({ ok: true });
    expect(await refusal(setReviewVisibility(ctx.db, c.operator, { reviewId: second, action: "hide", reason: "Ancora" }))).toBe("already_hidden");

    expect(await ratingSummaryOf(ctx.db, c.provider.providerId)).toEqual({ average: 5, count: 1 });
    const shown = await getPublicReviews(ctx.db, c.provider.providerId);
    expect(shown.reviews.map((r) => r.id)).toEqual([first]);
    expect(shown.rating).toEqual({ average: 5, count: 1 });
    // The provider still sees it, marked hidden with the reason.
    const own = await listReviewsForProviderSide(ctx.db, c.provider.owner);
    expect(own.items.find((r) => r.id === second)!.hidden).toMatchObject({ reason: "Contiene accuse non verificabili" });
    expect((await listReviewsForOperator(ctx.db, c.operator, { filter: "hidden" })).items.map((r) => r.id)).toContain(second);
    expect((await listReviewsForOperator(ctx.db, c.otherOperator)).items.map((r) => r.id)).not.toContain(second);
    await expect(listReviewsForOperator(ctx.db, c.family)).rejects.toThrow(AuthorisationError);

    await drainOutbox(ctx.db, ctx.search);
    hit = (await searchFor(ctx, "q=Ornella%20Stellata")).hits.find((h) => h.id === c.provider.providerId);
    expect(hit).toMatchObject({ ratingAvg: 5, ratingCount: 1 });

    expect(await setReviewVisibility(ctx.db, c.admin, { reviewId: second, action: "unhide" })).toEqual({ ok: true });
    await drainOutbox(ctx.db, ctx.search);
    hit = (await searchFor(ctx, "q=Ornella%20Stellata")).hits.find((h) => h.id === c.provider.providerId);
    expect(hit).toMatchObject({ ratingAvg: 3.5, ratingCount: 2 });

    expect((await auditRows(ctx.db, second)).map((r) => [r.action, r.actor_user_id, r.subject_type])).toEqual([
      ["review.hide", c.operator.id, "review"],
      ["review.unhide", c.admin.id, "review"],
    ]);
  });

  it("sorts the best rated first when asked, with unrated providers after them", async () => {
    const low = await insertCast(ctx.db, { providerName: "Zelda Classifica" });
    const high = await insertCast(ctx.db, { providerName: "Zelda Classifica Alta" });
    await insertCast(ctx.db, { providerName: "Zelda Classifica Nuova" });
    await review(await booking("completed", low), ratings(3, 3, 3), low);
    await review(await booking("completed", high), ratings(5, 4, 5), high);
    await drainOutbox(ctx.db, ctx.search);

    const result = await searchFor(ctx, "q=Zelda%20Classifica&sort=rating");
    expect(result.source).toBe("meilisearch");
    expect(result.hits.map((h) => [h.displayName, h.ratingAvg, h.ratingCount])).toEqual([
      ["Zelda Classifica Alta", 4.7, 1],
      ["Zelda Classifica", 3, 1],
      ["Zelda Classifica Nuova", null, 0],
    ]);
  });
});
