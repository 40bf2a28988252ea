import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, errorAttributes } from "~/components/FieldError";
import type { AreaOption } from "~/domain/impact/dashboard-scope.server";
import { areaValue, mapMeasures, type DashboardFieldErrors, type DashboardQuery } from "~/domain/impact/dashboard-query";

/** The dashboard's GET form: area and period (the map's measure is kept as it is). */
export function DashboardFilters({
  query,
  areaOptions,
  isAdmin,
  errors,
}: {
  query: DashboardQuery;
  areaOptions: AreaOption[];
  isAdmin: boolean;
  errors: DashboardFieldErrors;
}) {
  const { t } = useTranslation("impact");
  const municipi = areaOptions.filter((o) => o.kind === "municipio");
  const quartieri = areaOptions.filter((o) => o.kind === "quartiere");
  return (
    <Form method="get" action="/operator/dashboard" className="vc-form mb-4" aria-label={t("dashboard.filters.label")}>
      <input type="hidden" name="measure" value={query.measure} />
      <div className="row g-3 align-items-end">
        <div className="col-12 col-md-4">
          <div className="select-wrapper">
            <label htmlFor="scope">{t("dashboard.filters.scope")}</label>
            <select id="scope" name="scope" defaultValue={areaValue(query.scope)} {...errorAttributes("scope", errors.scope)}>
              <option value="all">{isAdmin ? t("dashboard.filters.allCity") : t("dashboard.filters.allMine")}</option>
              {municipi.length > 0 ? (
                <optgroup label={t("dashboard.filters.municipi")}>
                  {municipi.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {quartieri.length > 0 ? (
                <optgroup label={t("dashboard.filters.quartieri")}>
                  {[...quartieri]
                    .sort((a, b) => a.name.localeCompare(b.name, "it"))
                    .map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.name}
                      </option>
                    ))}
                </optgroup>
              ) : null}
            </select>
            <FieldError field="scope" messageKey={errors.scope} ns="impact" />
          </div>
        </div>
        <div className="col-6 col-md-3 form-group mb-0">
          <label htmlFor="from">
            {t("dashboard.filters.from")}
          </label>
          <input id="from" name="from" type="date" className="form-control" defaultValue={query.from} {...errorAttributes("from", errors.from)} />
          <FieldError field="from" messageKey={errors.from} ns="impact" />
        </div>
        <div className="col-6 col-md-3 form-group mb-0">
          <label htmlFor="to">
            {t("dashboard.filters.to")}
          </label>
          <input id="to" name="to" type="date" className="form-control" defaultValue={query.to} {...errorAttributes("to", errors.to)} />
          <FieldError field="to" messageKey={errors.to} ns="impact" />
        </div>
        <div className="col-12 col-md-2">
          <button type="submit" className="btn btn-primary w-100">
            {t("dashboard.filters.apply")}
          </button>
        </div>
      </div>
    </Form>
  );
}

/** The map's own GET form: which measure colours it (area and period kept). Works without script. */
export function MeasureSwitch({ query, errors }: { query: DashboardQuery; errors: DashboardFieldErrors }) {
  const { t } = useTranslation("impact");
  return (
    <Form method="get" action="/operator/dashboard" className="vc-form mb-3" preventScrollReset aria-label={t("map.switchLabel")}>
      <input type="hidden" name="scope" value={areaValue(query.scope)} />
      <input type="hidden" name="from" value={query.from} />
      <input type="hidden" name="to" value={query.to} />
      <div className="row g-2 align-items-end">
        <div className="col-12 col-sm-8 col-md-6">
          <div className="select-wrapper">
            <label htmlFor="measure">{t("map.measure")}</label>
            <select id="measure" name="measure" defaultValue={query.measure} key={query.measure} {...errorAttributes("measure", errors.measure)}>
              {mapMeasures.map((m) => (
                <option key={m} value={m}>
                  {t(`measures.${m}`)}
                </option>
              ))}
            </select>
            <FieldError field="measure" messageKey={errors.measure} ns="impact" />
          </div>
        </div>
        <div className="col-12 col-sm-4 col-md-3">
          <button type="submit" className="btn btn-outline-primary w-100">
            {t("map.show")}
          </button>
        </div>
      </div>
    </Form>
  );
}
