/**
 * A review rates three aspects from 1 to 5; a provider's rating is the mean of the three aspects
 * over their visible reviews, with one decimal (null when there is none). Integer arithmetic all
 * the way, so 4.25 is always shown as 4.3 and never as 4.2 because of a binary fraction.
 */

export const ratingAspects = ["reliability", "care", "communication"] as const;
export type RatingAspect = (typeof ratingAspects)[number];
export type AspectRatings = Record<RatingAspect, number>;

export const MIN_RATING = 1;
export const MAX_RATING = 5;

export interface RatingSummary {
  /** Mean of the three aspects over the reviews, one decimal; null without reviews. */
  average: number | null;
  count: number;
}

/**
 * From the sum of every aspect of every review (three per review) and the number of reviews:
 * round(sum / (3 × count), 1 decimal), halves rounded up.
 */
export function averageFromTotals(aspectSum: number, reviewCount: number): number | null {
  if (reviewCount <= 0) return null;
  // round(10·sum / 3n) = floor((20·sum + 3n) / 6n), exactly, in integers.
  const tenths = Math.floor((20 * aspectSum + 3 * reviewCount) / (6 * reviewCount));
  return tenths / 10;
}

/** One review's own score: the mean of its three aspects, one decimal. */
export function reviewScore(ratings: AspectRatings): number {
  return averageFromTotals(ratings.reliability + ratings.care + ratings.communication, 1)!;
}

export function summariseRatings(reviews: readonly AspectRatings[]): RatingSummary {
  const sum = reviews.reduce((total, r) => total + r.reliability + r.care + r.communication, 0);
  return { average: averageFromTotals(sum, reviews.length), count: reviews.length };
}

/** How many whole and half stars to draw for a score (the text says the exact number). */
export function starsFor(score: number): { full: number; half: boolean; empty: number } {
  const halves = Math.round(Math.min(MAX_RATING, Math.max(0, score)) * 2);
  const full = Math.floor(halves / 2);
  const half = halves % 2 === 1;
  return { full, half, empty: MAX_RATING - full - (half ? 1 : 0) };
}
