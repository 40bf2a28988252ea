import { useTranslation } from "react-i18next";
import { impactIndicatorKeys, moneyIndicators, type ImpactIndicators } from "~/domain/impact/indicator-keys";
import { formatMoney, formatNumber } from "~/i18n/format";

/** The impact indicators of the period, each with how it is computed, as a description list. */
export function IndicatorList({ indicators, currency, locale }: { indicators: ImpactIndicators; currency: string; locale: string }) {
  const { t } = useTranslation("impact");
  return (
    <dl className="vc-impact-indicators">
      {impactIndicatorKeys.map((key) => {
        const value = indicators[key];
        const shown =
          value === null ? t("indicators.notAvailable") : moneyIndicators.has(key) ? formatMoney(value, currency, locale) : formatNumber(value, locale, { maximumFractionDigits: 2 });
        return (
          <div key={key} className="vc-impact-indicator" data-indicator={key}>
            <dt className="fw-normal">{t(`indicators.names.${key}`)}</dt>
            <dd className="mb-0">
              <span className="vc-impact-value" data-testid={`indicator-${key}`}>
                {shown}
              </span>
              <span className="d-block vc-hint small mt-1">
                <span className="visually-hidden">{t("indicators.definitionLabel")}: </span>
                {t(`indicators.definitions.${key}`)}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
