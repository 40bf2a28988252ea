import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes, errorId } from "~/components/FieldError";
import type { CatalogueCategory } from "~/domain/catalogue/catalogue.server";
import type { OnboardingView } from "~/domain/providers/onboarding.server";
import { centsToEuroInput, MAX_PRICE_CENTS, MIN_PRICE_CENTS, type FieldErrors } from "~/domain/providers/onboarding-schemas";
import { FormErrorSummary } from "./FormErrorSummary";
import { StepActions } from "./StepActions";

type Values = { categories?: string[]; prices?: Record<string, string> };

/** Step 2: which services, each with its own hourly price in euros. */
export function StepServices({
  view,
  categories,
  errors,
  values,
  disabled,
}: {
  view: OnboardingView;
  categories: CatalogueCategory[];
  errors?: FieldErrors;
  values?: Values;
  disabled: boolean;
}) {
  const { t } = useTranslation(["onboarding", "common"]);
  const e = errors ?? {};
  const savedPrice = new Map(view.services.map((s) => [s.slug, s.cents]));
  const checked = (slug: string) => (values?.categories ? values.categories.includes(slug) : savedPrice.has(slug));
  const price = (slug: string) => values?.prices?.[slug] ?? (savedPrice.has(slug) ? centsToEuroInput(savedPrice.get(slug)!) : "");

  return (
    <Form method="post" noValidate className="vc-form vc-step-form">
      <CsrfInput />
      <FormErrorSummary errors={errors} />
      <fieldset disabled={disabled} className="vc-fieldset" aria-describedby={["services-hint", e.categories ? errorId("categories") : ""].filter(Boolean).join(" ")}>
        <legend className="vc-legend">{t("services.legend")}</legend>
        <p id="services-hint" className="vc-hint">
          {t("services.hint", { min: MIN_PRICE_CENTS / 100, max: MAX_PRICE_CENTS / 100 })}
        </p>
        <FieldError field="categories" messageKey={e.categories} ns="onboarding" />
        {categories.map((category) => {
          const priceField = `prices.${category.slug}`;
          const name = t(`common:categories.${category.slug}.name`, { defaultValue: category.slug });
          return (
            <div className="vc-service-row" key={category.slug}>
              <div className="form-check my-0">
                <input id={`category-${category.slug}`} type="checkbox" name="categories" value={category.slug} defaultChecked={checked(category.slug)} />
                <label htmlFor={`category-${category.slug}`} className="vc-check-label">
                  {name}
                  <span className="d-block vc-hint">{t(`common:categories.${category.slug}.description`, { defaultValue: "" })}</span>
                </label>
              </div>
              <div>
                <label htmlFor={`price-${category.slug}`} className="visually-hidden">
                  {t("services.priceFor", { service: name })}
                </label>
                <div className="vc-price-input">
                  <span aria-hidden="true">€</span>
                  <input
                    id={`price-${category.slug}`}
                    name={`price.${category.slug}`}
                    type="text"
                    inputMode="decimal"
                    className="form-control"
                    defaultValue={price(category.slug)}
                    placeholder={t("services.pricePlaceholder")}
                    autoComplete="off"
                    {...errorAttributes(priceField, e[priceField])}
                  />
                  <span aria-hidden="true">{t("services.perHour")}</span>
                </div>
                <FieldError field={priceField} messageKey={e[priceField]} ns="onboarding" />
              </div>
            </div>
          );
        })}
      </fieldset>
      <StepActions step="services" disabled={disabled} />
    </Form>
  );
}
