import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ProviderHit } from "~/domain/search/search-types";
import { formatDistance, formatList, formatMoney } from "~/i18n/format";
import { MinorsCheckBadge, VerifiedBadge } from "./Badges";
import { formatRating } from "./reviews/RatingSummary";
import { Icon } from "./Icon";

/** One search result. The name links to the public profile. */
export function ProviderCard({ hit, locale, href, headingLevel = 3 }: { hit: ProviderHit; locale: string; href: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation(["search", "common", "review"]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const price = formatMoney(hit.hourlyPriceCents, hit.currency, locale);
  return (
    <article className="card card-bg vc-card h-100">
      <div className="card-body">
        <Heading className="card-title h5 mb-1">
          <Link to={href} className="vc-card-link">
            {hit.displayName}
          </Link>
        </Heading>
        {hit.kind === "organisation" && hit.organisationName && hit.organisationName !== hit.displayName ? (
          <p className="small mb-1">{hit.organisationName}</p>
        ) : null}
        <div className="vc-badges mb-2">
          <VerifiedBadge />
          {hit.minorsCheck ? <MinorsCheckBadge /> : null}
        </div>
        <dl className="vc-facts">
          <div>
            <dt>{t("search:card.categories")}</dt>
            <dd>{formatList(hit.categories.map((slug) => t(`common:categories.${slug}.name`, { defaultValue: slug })), locale)}</dd>
          </div>
          <div>
            <dt>{t("search:card.price")}</dt>
            <dd className="fw-semibold">{t("common:price.fromPerHour", { price })}</dd>
          </div>
          {hit.ratingAvg !== null && hit.ratingCount > 0 ? (
            <div>
              <dt>{t("review:rating.label")}</dt>
              <dd>
                <span aria-hidden="true">★ </span>
                {t("review:rating.summary", { rating: formatRating(hit.ratingAvg, locale), count: hit.ratingCount })}
              </dd>
            </div>
          ) : null}
          {hit.languages.length > 0 ? (
            <div>
              <dt>{t("search:card.languages")}</dt>
              <dd>{formatList(hit.languages.map((code) => t(`common:languages.${code}`, { defaultValue: code })), locale)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("search:card.quartiere")}</dt>
            <dd>
              <Icon name="it-map-marker" size="xs" className="me-1" />
              {hit.quartiereName}
              {hit.distanceM !== null ? (
                <span className="text-muted-strong"> · {t("search:card.distanceAway", { distance: formatDistance(hit.distanceM, locale) })}</span>
              ) : null}
            </dd>
          </div>
        </dl>
        {hit.yearsExperience > 0 ? <p className="small mb-2">{t("search:card.experience", { count: hit.yearsExperience })}</p> : null}
        {hit.bioExcerpt ? (
          // The provider's own words may be in another language and direction than the page.
          <p className="vc-excerpt mb-0" lang={hit.bioLanguage} dir="auto">
            {hit.bioExcerpt}
          </p>
        ) : null}
      </div>
    </article>
  );
}
