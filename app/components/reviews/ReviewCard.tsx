import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ratingAspects, type AspectRatings } from "~/domain/reviews/rating";
import { formatDate } from "~/i18n/format";
import { formatRating, Stars } from "./RatingSummary";

export interface ReviewCardData {
  id: string;
  categorySlug: string;
  ratings: AspectRatings;
  score: number;
  body: string;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
  hidden?: { at: string; reason: string } | null;
}

/**
 * One review: its score, the three aspects, the family's words, the provider's reply. The words
 * are the writer's own, in whatever language and direction they wrote them (dir="auto").
 * `heading` names the review for its section; `children` are the forms of the page around it.
 */
export function ReviewCard({
  review,
  locale,
  headingLevel = 3,
  title,
  replyLabel,
  children,
}: {
  review: ReviewCardData;
  locale: string;
  headingLevel?: 2 | 3 | 4;
  /** What the heading says (default: the service and the date). */
  title?: ReactNode;
  /** Who replied (default: "the provider's reply"). */
  replyLabel?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation(["review", "common"]);
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const headingId = `review-${review.id}`;
  const category = t(`common:categories.${review.categorySlug}.name`, { defaultValue: review.categorySlug });
  return (
    <article className={`vc-review${review.hidden ? " vc-review-hidden" : ""}`} aria-labelledby={headingId}>
      <Heading id={headingId} className="h6 mb-1">
        {title ?? t("card.title", { category, date: formatDate(review.createdAt, locale) })}
      </Heading>
      {review.hidden ? (
        <p className="vc-review-hidden-note">{t("card.hidden", { date: formatDate(review.hidden.at, locale), reason: review.hidden.reason })}</p>
      ) : null}
      <p className="vc-rating mb-1">
        <Stars score={review.score} /> <span>{t("rating.score", { rating: formatRating(review.score, locale) })}</span>
      </p>
      <dl className="vc-review-aspects">
        {ratingAspects.map((aspect) => (
          <div key={aspect}>
            <dt>{t(`aspects.${aspect}`)}</dt>
            <dd>{t("rating.score", { rating: String(review.ratings[aspect]) })}</dd>
          </div>
        ))}
      </dl>
      {review.body ? (
        <blockquote className="vc-review-body" dir="auto">
          {review.body}
        </blockquote>
      ) : (
        <p className="vc-hint">{t("card.noText")}</p>
      )}
      {review.reply ? (
        <div className="vc-review-reply">
          <p className="fw-semibold mb-1">
            {replyLabel ?? t("card.reply")}
            {review.repliedAt ? <span className="fw-normal"> · {formatDate(review.repliedAt, locale)}</span> : null}
          </p>
          <p className="mb-0 vc-prewrap" dir="auto">
            {review.reply}
          </p>
        </div>
      ) : null}
      {children}
    </article>
  );
}
