import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, type RemovableFilter } from "~/components/EmptyState";
import { FacetCheckboxGroup } from "~/components/FacetCheckboxGroup";
import { FieldError, errorAttributes, errorId } from "~/components/FieldError";
import { Icon } from "~/components/Icon";
import { Pagination } from "~/components/Pagination";
import { ProviderCard } from "~/components/ProviderCard";
import { QuartiereSelect } from "~/components/QuartiereSelect";
import {
  activeFilterEntries,
  cleanSearchParams,
  hrefForPage,
  hrefWith,
  hrefWithout,
  type FilterKey,
} from "~/components/search-url";
import { listCategories } from "~/domain/catalogue/catalogue.server";
import { searchProviders } from "~/domain/search/search-providers.server";
import {
  dayparts,
  languageCodes,
  PAGE_SIZE,
  parseSearchQuery,
  priceBands,
  radiusOptionsKm,
  sortOptions,
  weekdays,
  type SearchFieldErrors,
} from "~/domain/search/search-query";
import type { SearchResult } from "~/domain/search/search-types";
import { listMunicipi, listQuartieri } from "~/domain/territory/territory.server";
import { formatKm, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle, rootMetaData } from "~/i18n/meta";

export const handle = { i18n: ["common", "search"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  params.delete("lng"); // the interface-language switch, handled by the root loader
  const { query, errors } = parseSearchQuery(params);
  const locale = await i18nServer.getLocale(request);

  const [searched, categories, quartieri, municipi, t] = await Promise.all([
    searchProviders({ db: context.db, search: context.search }, query, { language: locale }),
    listCategories(context.db),
    listQuartieri(context.db),
    listMunicipi(context.db),
    i18nServer.getFixedT(locale, ["search", "common"]),
  ]);
  const { fieldErrors: searchErrors, ...result } = searched as SearchResult & { fieldErrors?: SearchFieldErrors };
  // A well-formed slug that is not in the catalogue finds nothing: say so next to the field.
  const unknownCategory = query.category !== undefined && !categories.some((c) => c.slug === query.category);

  const categoryName = query.category ? t(`common:categories.${query.category}.name`, { defaultValue: "" }) : "";
  const title = categoryName
    ? t("search:meta.titleWithCategory", { category: categoryName })
    : query.q
      ? t("search:meta.titleWithQuery", { q: query.q })
      : t("search:meta.title");

  return {
    result: result satisfies SearchResult,
    errors: { ...errors, ...searchErrors, ...(unknownCategory ? { category: "errors.category" } : {}) } as SearchFieldErrors,
    categories,
    quartieri,
    municipi,
    title,
    heading: categoryName || t("search:heading"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "description", content: rootMetaData(matches)?.titles.description ?? "" },
  // Result pages are many and change constantly; the catalogue pages are what should be indexed.
  { name: "robots", content: "noindex, follow" },
];

const FORM_ID = "search-form";

/** After a navigation (a link, back/forward), uncontrolled fields show what the URL says. */
function syncFormToParams(form: HTMLFormElement, params: URLSearchParams) {
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLInputElement && element.name) {
      if (element.type === "checkbox" || element.type === "radio") element.checked = params.getAll(element.name).includes(element.value);
      else if (element.type !== "hidden" && element.type !== "submit") element.value = params.get(element.name) ?? "";
    } else if (element instanceof HTMLSelectElement && element.name) {
      element.value = params.get(element.name) ?? "";
    }
  }
}

export default function SearchPage() {
  const { result, errors, categories, quartieri, municipi, heading } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["search", "common"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  const value = (key: string) => searchParams.get(key) ?? "";
  const values = (key: string) => searchParams.getAll(key);
  const busy = navigation.state === "loading" && navigation.location.pathname === "/search";

  useEffect(() => {
    if (formRef.current) syncFormToParams(formRef.current, new URLSearchParams(location.search));
  }, [location.search]);

  // Without JavaScript the filters are always open. With it, small screens start with them
  // folded (unless one is in use) so the results are not pushed far down.
  const filtersRef = useRef<HTMLDetailsElement>(null);
  const advancedKeys = ["lang", "day", "daypart", "priceBand", "maxPrice", "minorsCheck", "kind"] as const;
  const advancedInUse = advancedKeys.some((key) => value(key) !== "" || errors[key]);
  useEffect(() => {
    if (filtersRef.current && !advancedInUse && window.matchMedia("(max-width: 991.98px)").matches) filtersRef.current.open = false;
    // Only on the first render: afterwards the person decides.
  }, []);

  // With JavaScript: submit without empty fields, and re-run the search when a choice changes.
  const submitForm = (form: HTMLFormElement) => {
    const params = cleanSearchParams(new URLSearchParams(new FormData(form) as unknown as Record<string, string>));
    params.delete("page");
    submit(params, { method: "get", action: "/search", preventScrollReset: true });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submitForm(event.currentTarget);
  };
  const onChange = (event: FormEvent<HTMLDivElement>) => {
    const target = event.target as EventTarget;
    const isChoice =
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"));
    if (isChoice && formRef.current && (target as HTMLInputElement).form === formRef.current) submitForm(formRef.current);
  };

  // Labels for the active filters (links that drop one each).
  const quartiereName = (id: string) => quartieri.find((q) => String(q.id) === id)?.name ?? id;
  const filterLabel = (key: FilterKey, raw: string): string => {
    switch (key) {
      case "q":
        return `«${raw}»`;
      case "category":
        return t(`common:categories.${raw}.name`, { defaultValue: raw });
      case "quartiere":
        return quartiereName(raw);
      case "municipio":
        return municipi.find((m) => String(m.id) === raw)?.name ?? raw;
      case "radius":
        return t("form.radiusKm", { distance: formatKm(Number(raw), locale) });
      case "lang":
        return t(`common:languages.${raw}`, { defaultValue: raw });
      case "day":
        return t(`common:weekdays.${raw}`, { defaultValue: raw });
      case "daypart":
        return t(`common:dayparts.${raw}`, { defaultValue: raw });
      case "priceBand":
        return t(`priceBands.${raw}`, { defaultValue: raw });
      case "maxPrice":
        return `${t("form.maxPrice")}: ${Number.isFinite(Number(raw)) ? formatMoney(Number(raw) * 100, "EUR", locale) : raw}`;
      case "kind":
        return t(`common:kinds.${raw}`, { defaultValue: raw });
      case "minorsCheck":
        return t("common:badges.minorsCheck");
    }
  };
  const removable: RemovableFilter[] = activeFilterEntries(searchParams).map(([key, raw]) => ({
    label: filterLabel(key, raw),
    href: hrefWithout(searchParams, key, ["lang", "day", "priceBand"].includes(key) ? raw : undefined),
  }));

  const radius = Number(value("radius")) || null;
  const widerRadiusKm = result.origin ? radiusOptionsKm.find((km) => radius === null || km > radius) : undefined;
  const widerRadius =
    widerRadiusKm !== undefined
      ? { label: t("empty.widenRadiusTo", { distance: formatKm(widerRadiusKm, locale) }), href: hrefWith(searchParams, "radius", String(widerRadiusKm)) }
      : null;

  // Counts come from Meilisearch; the database fallback has none, and a "(0)" would mislead.
  const facet = (group: keyof SearchResult["facets"], key: string) =>
    result.source === "database" ? undefined : (result.facets[group]?.[key] ?? 0);
  const optionLabel = (label: string, count: number | undefined) =>
    count === undefined ? label : t("form.facetOption", { label, count });
  const hasErrors = Object.keys(errors).length > 0;
  const countText = result.origin?.quartiereName
    ? t("results.countNear", { count: result.total, place: result.origin.quartiereName })
    : t("results.count", { count: result.total });
  const profileHref = (id: string) => {
    const back = cleanSearchParams(searchParams).toString();
    return back ? `/providers/${id}?back=${encodeURIComponent(back)}` : `/providers/${id}`;
  };
  // Hidden fields keep parts of the query the form does not show (a municipio, a device location).
  const preserved = ["municipio", "lat", "lon"].filter((key) => value(key) !== "");

  return (
    <div className="container py-4" onChange={onChange}>
      <h1 className="mb-3">{heading}</h1>

      <form
        id={FORM_ID}
        ref={formRef}
        method="get"
        action="/search"
        role="search"
        aria-label={t("form.label")}
        className="vc-form vc-searchbar mb-4"
        onSubmit={onSubmit}
        noValidate
      >
        {preserved.map((key) => (
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
            <div className="select-wrapper">
              <label htmlFor="category">{t("form.category")}</label>
              <select id="category" name="category" defaultValue={value("category")} {...errorAttributes("category", errors.category)}>
                <option value="">{t("form.categoryAny")}</option>
                {categories.map((category) => {
                  const label = t(`common:categories.${category.slug}.name`, { defaultValue: category.slug });
                  return (
                    <option key={category.slug} value={category.slug}>
                      {optionLabel(label, facet("category", category.slug))}
                    </option>
                  );
                })}
              </select>
              <FieldError field="category" messageKey={errors.category} />
            </div>
          </div>
          <div className="col-12 col-md-4 col-lg-3">
            <QuartiereSelect
              id="quartiere"
              label={t("form.quartiere")}
              anyLabel={t("form.quartiereAny")}
              quartieri={quartieri}
              municipi={municipi}
              defaultValue={value("quartiere")}
              describedBy={errors.quartiere ? errorId("quartiere") : undefined}
              invalid={Boolean(errors.quartiere)}
            >
              <FieldError field="quartiere" messageKey={errors.quartiere} />
            </QuartiereSelect>
          </div>
          <div className="col-12 col-md-4 col-lg-2">
            <div className="select-wrapper">
              <label htmlFor="radius">{t("form.radius")}</label>
              <select
                id="radius"
                name="radius"
                defaultValue={value("radius")}
                {...errorAttributes("radius", errors.radius, result.origin ? [] : ["radius-hint"])}
              >
                <option value="">{t("form.radiusServing")}</option>
                {radiusOptionsKm.map((km) => (
                  <option key={km} value={String(km)}>
                    {t("form.radiusKm", { distance: formatKm(km, locale) })}
                  </option>
                ))}
              </select>
              {result.origin ? null : (
                <p id="radius-hint" className="vc-hint">
                  {t("form.radiusHint")}
                </p>
              )}
              <FieldError field="radius" messageKey={errors.radius} />
            </div>
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

      <div className="row g-4">
        <div className="col-12 col-lg-4">
          <details className="vc-filters vc-form" open ref={filtersRef}>
            <summary>{t("form.showFilters")}</summary>
            <p className="vc-hint mb-3">{t("form.autoSubmitNote")}</p>

            <FacetCheckboxGroup
              name="lang"
              legend={t("form.languages")}
              form={FORM_ID}
              columns={2}
              selected={values("lang")}
              error={errors.lang}
              options={languageCodes.map((code) => ({
                value: code,
                label: t(`common:languages.${code}`),
                count: facet("language", code),
              }))}
            />

            <FacetCheckboxGroup
              name="day"
              legend={t("form.days")}
              form={FORM_ID}
              columns={2}
              selected={values("day")}
              error={errors.day}
              options={weekdays.map((day) => ({ value: day, label: t(`common:weekdays.${day}`), count: facet("day", day) }))}
            />

            <div className="select-wrapper mb-4">
              <label htmlFor="daypart">{t("form.daypart")}</label>
              <select id="daypart" name="daypart" form={FORM_ID} defaultValue={value("daypart")} {...errorAttributes("daypart", errors.daypart)}>
                <option value="">{t("form.daypartAny")}</option>
                {dayparts.map((part) => (
                  <option key={part} value={part}>
                    {optionLabel(t(`common:dayparts.${part}`), facet("daypart", part))}
                  </option>
                ))}
              </select>
              <FieldError field="daypart" messageKey={errors.daypart} />
            </div>

            <FacetCheckboxGroup
              name="priceBand"
              legend={t("form.priceBands")}
              form={FORM_ID}
              selected={values("priceBand")}
              error={errors.priceBand}
              options={priceBands.map((band) => ({ value: band, label: t(`priceBands.${band}`), count: facet("priceBand", band) }))}
            />

            <div className="form-group">
              <label htmlFor="maxPrice">{t("form.maxPrice")}</label>
              <input
                id="maxPrice"
                name="maxPrice"
                form={FORM_ID}
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                className="form-control"
                defaultValue={value("maxPrice")}
                {...errorAttributes("maxPrice", errors.maxPrice, ["maxPrice-hint"])}
              />
              <p id="maxPrice-hint" className="vc-hint">
                {t("form.maxPriceHint")}
              </p>
              <FieldError field="maxPrice" messageKey={errors.maxPrice} />
            </div>

            <fieldset className="vc-fieldset" aria-describedby={errors.minorsCheck ? "minorsCheck-error" : undefined}>
              <legend className="vc-legend">{t("form.otherFilters")}</legend>
              <FieldError field="minorsCheck" messageKey={errors.minorsCheck} />
              <div className="form-check my-1">
                <input id="minorsCheck" type="checkbox" name="minorsCheck" value="1" form={FORM_ID} defaultChecked={value("minorsCheck") === "1"} />
                <label htmlFor="minorsCheck" className="vc-check-label">
                  {t("form.minorsCheck")}
                </label>
              </div>
            </fieldset>

            <div className="select-wrapper mb-4">
              <label htmlFor="kind">{t("form.kind")}</label>
              <select id="kind" name="kind" form={FORM_ID} defaultValue={value("kind")} {...errorAttributes("kind", errors.kind)}>
                <option value="">{t("form.kindAny")}</option>
                <option value="individual">{t("common:kinds.individual")}</option>
                <option value="organisation">{t("common:kinds.organisation")}</option>
              </select>
              <FieldError field="kind" messageKey={errors.kind} />
            </div>

            <button type="submit" form={FORM_ID} className="btn btn-primary w-100">
              {t("form.apply")}
            </button>
            {removable.length > 0 ? (
              <p className="mt-3 mb-0 text-center">
                <Link to="/search">{t("form.reset")}</Link>
              </p>
            ) : null}
          </details>
        </div>

        <section className="col-12 col-lg-8 vc-results" aria-labelledby="results-heading" aria-busy={busy || undefined}>
          <h2 id="results-heading" className="visually-hidden">
            {t("results.heading")}
          </h2>
          <div className="d-flex flex-wrap justify-content-between align-items-end gap-3 mb-3">
            <div>
              <p className="h4 mb-0" role="status" aria-live="polite" aria-atomic="true">
                {countText}
              </p>
              {result.totalPages > 1 ? (
                <p className="vc-hint mb-0">{t("results.pageOf", { page: result.page, pages: result.totalPages })}</p>
              ) : null}
            </div>
            <div className="select-wrapper vc-form vc-sort">
              <label htmlFor="sort">{t("form.sort")}</label>
              <select id="sort" name="sort" form={FORM_ID} defaultValue={value("sort")} {...errorAttributes("sort", errors.sort)}>
                {sortOptions.map((option) => (
                  <option key={option} value={option === "relevance" ? "" : option}>
                    {t(`sort.${option}`)}
                  </option>
                ))}
              </select>
              <FieldError field="sort" messageKey={errors.sort} />
            </div>
          </div>

          {result.source === "database" ? (
            <div className="alert alert-warning" role="note">
              {t("results.fallbackNotice")}
            </div>
          ) : null}
          {errors.page ? <FieldError field="page" messageKey={errors.page} /> : null}

          {removable.length > 0 ? (
            <nav aria-label={t("results.activeFilters")} className="mb-3">
              <ul className="vc-active-filters">
                {removable.map((filter) => (
                  <li key={filter.href}>
                    <Link to={filter.href} aria-label={t("results.removeFilter", { filter: filter.label })}>
                      {filter.label}
                      <Icon name="it-close" size="xs" className="icon-primary" />
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}

          {result.hits.length === 0 && result.total > 0 ? (
            <p>
              <Link to={hrefForPage(searchParams, 1)}>{t("errors.page")}</Link>
            </p>
          ) : result.hits.length === 0 ? (
            <EmptyState filters={removable} widerRadius={widerRadius} hasText={value("q") !== ""} />
          ) : (
            <ol className="vc-results-list" aria-label={t("results.listLabel")} start={(result.page - 1) * PAGE_SIZE + 1}>
              {result.hits.map((hit) => (
                <li key={hit.id}>
                  <ProviderCard hit={hit} locale={locale} href={profileHref(hit.id)} />
                </li>
              ))}
            </ol>
          )}

          <Pagination page={result.page} totalPages={result.totalPages} hrefFor={(page) => hrefForPage(searchParams, page)} />
        </section>
      </div>
    </div>
  );
}
