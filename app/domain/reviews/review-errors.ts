/**
 * What the review functions can refuse, as codes the pages translate (review:refusals.<code>).
 * Someone who may not act at all gets AuthorisationError (403) instead.
 */
export const reviewErrorCodes = [
  /** The booking is not completed (yet, or it ended another way): there is nothing to review. */
  "not_reviewable",
  /** The family already reviewed this booking: one review per booking. */
  "already_reviewed",
  /** The provider already replied: one reply per review. */
  "already_replied",
  /** Hiding a review that is hidden, or showing one that is not. */
  "already_hidden",
  "not_hidden",
] as const;
export type ReviewErrorCode = (typeof reviewErrorCodes)[number];

export class ReviewError extends Error {
  constructor(
    readonly code: ReviewErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = "ReviewError";
  }
}

export function isReviewError(error: unknown, code?: ReviewErrorCode): error is ReviewError {
  return error instanceof ReviewError && (code === undefined || error.code === code);
}
