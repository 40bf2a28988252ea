import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FacetCheckboxGroup } from "~/components/FacetCheckboxGroup";
import { FieldError } from "~/components/FieldError";
import { SelectField } from "~/components/SelectField";
import { dayparts, languageCodes, priceBands, weekdays } from "~/domain/search/search-options";
import type { SearchFieldErrors } from "~/domain/search/search-query.server";
import { useFacetLabel, type FacetCount } from "./facets";
import { MaxPriceField } from "./MaxPriceField";

/** The filters in the folding panel; when one of them is in use the panel starts open. */
const advancedKeys = ["lang", "day", "daypart", "priceBand", "maxPrice", "minorsCheck", "kind"] as const;

/**
 * The filters beside the results: languages, days, time of day, price, checks, kind. They sit
 * outside the search form and join it with form="…", so one submit sends everything.
 */
export function SearchFilters({
  formId,
  params,
  errors,
  facetCount,
  canReset,
}: {
  formId: string;
  params: URLSearchParams;
  errors: SearchFieldErrors;
  facetCount: FacetCount;
  /** A filter is in use: offer to start over. */
  canReset: boolean;
}) {
  const { t } = useTranslation(["search", "common"]);
  const facetLabel = useFacetLabel();
  const value = (key: string) => params.get(key) ?? "";

  // Without JavaScript the filters are always open. With it, small screens start with them
  // folded (unless one is in use) so the results are not pushed far down.
  const filtersRef = useRef<HTMLDetailsElement>(null);
  const advancedInUse = advancedKeys.some((key) => value(key) !== "" || errors[key]);
  useEffect(() => {
    if (filtersRef.current && !advancedInUse && window.matchMedia("(max-width: 991.98px)").matches) filtersRef.current.open = false;
    // Only on the first render: afterwards the person decides.
  }, []);

  return (
    <details className="vc-filters vc-form" open ref={filtersRef}>
      <summary>{t("form.showFilters")}</summary>
      <p className="vc-hint mb-3">{t("form.autoSubmitNote")}</p>

      <FacetCheckboxGroup
        name="lang"
        legend={t("form.languages")}
        form={formId}
        columns={2}
        selected={params.getAll("lang")}
        error={errors.lang}
        options={languageCodes.map((code) => ({ value: code, label: t(`common:languages.${code}`), count: facetCount("language", code) }))}
      />

      <FacetCheckboxGroup
        name="day"
        legend={t("form.days")}
        form={formId}
        columns={2}
        selected={params.getAll("day")}
        error={errors.day}
        options={weekdays.map((day) => ({ value: day, label: t(`common:weekdays.${day}`), count: facetCount("day", day) }))}
      />

      <SelectField
        name="daypart"
        label={t("form.daypart")}
        form={formId}
        className="select-wrapper mb-4"
        defaultValue={value("daypart")}
        error={errors.daypart}
        options={[
          { value: "", label: t("form.daypartAny") },
          ...dayparts.map((part) => ({ value: part, label: facetLabel(t(`common:dayparts.${part}`), facetCount("daypart", part)) })),
        ]}
      />

      <FacetCheckboxGroup
        name="priceBand"
        legend={t("form.priceBands")}
        form={formId}
        selected={params.getAll("priceBand")}
        error={errors.priceBand}
        options={priceBands.map((band) => ({ value: band, label: t(`priceBands.${band}`), count: facetCount("priceBand", band) }))}
      />

      <MaxPriceField defaultValue={value("maxPrice")} error={errors.maxPrice} form={formId} />

      <fieldset className="vc-fieldset" aria-describedby={errors.minorsCheck ? "minorsCheck-error" : undefined}>
        <legend className="vc-legend">{t("form.otherFilters")}</legend>
        <FieldError field="minorsCheck" messageKey={errors.minorsCheck} />
        <div className="form-check my-1">
          <input id="minorsCheck" type="checkbox" name="minorsCheck" value="1" form={formId} defaultChecked={value("minorsCheck") === "1"} />
          <label htmlFor="minorsCheck" className="vc-check-label">
            {t("form.minorsCheck")}
          </label>
        </div>
      </fieldset>

      <SelectField
        name="kind"
        label={t("form.kind")}
        form={formId}
        className="select-wrapper mb-4"
        defaultValue={value("kind")}
        error={errors.kind}
        options={[
          { value: "", label: t("form.kindAny") },
          { value: "individual", label: t("common:kinds.individual") },
          { value: "organisation", label: t("common:kinds.organisation") },
        ]}
      />

      <button type="submit" form={formId} className="btn btn-primary w-100">
        {t("form.apply")}
      </button>
      {canReset ? (
        <p className="mt-3 mb-0 text-center">
          <Link to="/search">{t("form.reset")}</Link>
        </p>
      ) : null}
    </details>
  );
}
