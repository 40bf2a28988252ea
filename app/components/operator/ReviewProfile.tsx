import { useTranslation } from "react-i18next";
import { AvailabilityTable } from "~/components/AvailabilityTable";
import { LabelledSection } from "~/components/LabelledSection";
import type { ProviderForReview } from "~/domain/verification/provider-review.server";
import { formatMoney } from "~/i18n/format";

/** What the provider offers and says: services with prices, introductions (each in its language), weekly availability. */
export function ReviewProfile({ provider }: { provider: Pick<ProviderForReview, "services" | "currency" | "bio" | "availability"> }) {
  const { t, i18n } = useTranslation(["operator", "common"]);
  const locale = i18n.language;
  return (
    <>
      <LabelledSection headingId="services-heading" heading={t("review.services.heading")}>
        {provider.services.length === 0 ? (
          <p>{t("review.services.none")}</p>
        ) : (
          <ul>
            {provider.services.map((s) => (
              <li key={s.categorySlug}>
                {t(`common:categories.${s.categorySlug}.name`, { defaultValue: s.categorySlug })}:{" "}
                {t("common:price.perHour", { price: formatMoney(s.hourlyPriceCents, provider.currency, locale) })}
              </li>
            ))}
          </ul>
        )}
      </LabelledSection>

      <LabelledSection headingId="bio-heading" heading={t("review.bio.heading")}>
        {Object.keys(provider.bio).length === 0 ? (
          <p>{t("review.bio.none")}</p>
        ) : (
          Object.entries(provider.bio).map(([lang, text]) => (
            <div key={lang} className="mb-3">
              <h3 className="h6">{t(`common:languages.${lang}`, { defaultValue: lang })}</h3>
              <p lang={lang} className="vc-op-reason">
                {text}
              </p>
            </div>
          ))
        )}
      </LabelledSection>

      <LabelledSection headingId="availability-heading" heading={t("review.availability.heading")}>
        {provider.availability.length === 0 ? <p>{t("review.availability.none")}</p> : <AvailabilityTable slots={provider.availability} />}
      </LabelledSection>
    </>
  );
}
