import { useTranslation } from "react-i18next";
import { MAX_RATING, starsFor } from "~/domain/reviews/rating";
import { formatNumber } from "~/i18n/format";

/** A score with one decimal in the page language ("4,5" in Italian). */
export function formatRating(score: number, locale: string): string {
  return formatNumber(score, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * Stars drawn for the eye only (aria-hidden): the text next to them says the same thing for
 * everybody ("4,5 su 5, 12 recensioni"). Filled from the start of the line, so from the right
 * in Arabic (logical properties in reviews.css; without that stylesheet it degrades to text).
 */
export function Stars({ score }: { score: number }) {
  const { full, half } = starsFor(score);
  const filled = ((full + (half ? 0.5 : 0)) / MAX_RATING) * 100;
  return (
    <span className="vc-stars" aria-hidden="true">
      <span className="vc-stars-empty">★★★★★</span>
      <span className="vc-stars-full" style={{ inlineSize: `${filled}%` }}>
        ★★★★★
      </span>
    </span>
  );
}

/** "★★★★½ 4,5 su 5, 12 recensioni", or that there are no reviews yet. */
export function RatingSummary({ average, count, locale, className }: { average: number | null; count: number; locale: string; className?: string }) {
  const { t } = useTranslation("review");
  if (average === null || count === 0) return <p className={className}>{t("rating.none")}</p>;
  return (
    <p className={`vc-rating ${className ?? ""}`.trim()}>
      <Stars score={average} /> <span>{t("rating.summary", { rating: formatRating(average, locale), count })}</span>
    </p>
  );
}
