import type { FormEvent, RefObject } from "react";
import { useTranslation } from "react-i18next";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { Icon } from "~/components/Icon";
import { QuartiereSelect, type MunicipioOption, type QuartiereOption } from "~/components/QuartiereSelect";
import type { SearchFieldErrors } from "~/domain/search/search-query.server";
import { CategoryField } from "./CategoryField";
import type { FacetCount } from "./facets";
import { RadiusField } from "./RadiusField";

/** The search form's id: the filters and the sort order outside it join it with form="…". */
export const SEARCH_FORM_ID = "search-form";

/** Query parts the form does not show (a municipio, a device location), kept as hidden fields. */
const preservedKeys = ["municipio", "lat", "lon"];

/**
 * The search bar: text, category, quartiere and radius. A plain GET form, so it works without
 * JavaScript; `onSubmit` (from useSearchForm) takes over when JavaScript runs.
 */
export function SearchForm({
  params,
  errors,
  categories,
  quartieri,
  municipi,
  facetCount,
  hasOrigin,
  formRef,
  onSubmit,
}: {
  params: URLSearchParams;
  errors: SearchFieldErrors;
  categories: Array<{ slug: string }>;
  quartieri: QuartiereOption[];
  municipi: MunicipioOption[];
  facetCount: FacetCount;
  hasOrigin: boolean;
  formRef: RefObject<HTMLFormElement>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const { t } = useTranslation("search");
  const value = (key: string) => params.get(key) ?? "";
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form
      id={SEARCH_FORM_ID}
      ref={formRef}
      method="get"
      action="/search"
      role="search"
      aria-label={t("form.label")}
      className="vc-form vc-searchbar mb-4"
      onSubmit={onSubmit}
      noValidate
    >
      {preservedKeys
        .filter((key) => value(key) !== "")
        .map((key) => (
          <input key={key} type="hidden" name={key} value={value(key)} />
        ))}
      {hasErrors ? (
        <p className="vc-error-summary" role="alert">
          {t("errors.summary")}
        </p>
      ) : null}
      <div className="row g-3 align-items-start">
        <div className="col-12 col-lg-4">
          <div className="form-group mb-0">
            <label htmlFor="q">{t("form.q")}</label>
            <input
              id="q"
              name="q"
              type="search"
              className="form-control"
              defaultValue={value("q")}
              placeholder={t("form.qPlaceholder")}
              maxLength={200}
              autoComplete="off"
              {...errorAttributes("q", errors.q)}
            />
            <FieldError field="q" messageKey={errors.q} />
          </div>
        </div>
        <div className="col-12 col-md-4 col-lg-3">
          <CategoryField categories={categories} defaultValue={value("category")} error={errors.category} facetCount={facetCount} />
        </div>
        <div className="col-12 col-md-4 col-lg-3">
          <QuartiereSelect
            id="quartiere"
            label={t("form.quartiere")}
            anyLabel={t("form.quartiereAny")}
            quartieri={quartieri}
            municipi={municipi}
            defaultValue={value("quartiere")}
            error={errors.quartiere}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-2">
          <RadiusField defaultValue={value("radius")} error={errors.radius} hasOrigin={hasOrigin} />
        </div>
      </div>
      {errors.lat || errors.lon ? <FieldError field="location" messageKey={errors.lat ?? errors.lon} /> : null}
      {errors.municipio ? <FieldError field="municipio" messageKey={errors.municipio} /> : null}
      <div className="mt-3">
        <button type="submit" className="btn btn-primary">
          <Icon name="it-search" className="icon-white me-1" />
          {t("form.submit")}
        </button>
      </div>
    </form>
  );
}
