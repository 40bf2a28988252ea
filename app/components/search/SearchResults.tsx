import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState, type RemovableFilter } from "~/components/EmptyState";
import { FieldError } from "~/components/FieldError";
import { Pagination } from "~/components/Pagination";
import { ProviderCard } from "~/components/ProviderCard";
import { hrefForPage, hrefWith, profileHref } from "~/components/search-url";
import { PAGE_SIZE, radiusOptionsKm } from "~/domain/search/search-options";
import type { SearchFieldErrors } from "~/domain/search/search-query.server";
import type { SearchResult } from "~/domain/search/search-types";
import { formatKm } from "~/i18n/format";
import { ActiveFilters } from "./ActiveFilters";
import { ResultsHeader } from "./ResultsHeader";

/**
 * The results column: count and sort, the filters in use, then the providers (or what to try
 * when none match) and the pages.
 */
export function SearchResults({
  result,
  params,
  errors,
  filters,
  formId,
  busy,
}: {
  result: SearchResult;
  params: URLSearchParams;
  errors: SearchFieldErrors;
  /** The active filters, each with the link that drops it. */
  filters: RemovableFilter[];
  formId: string;
  /** A new search is loading. */
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("search");
  const locale = i18n.language;

  const radius = Number(params.get("radius")) || null;
  const widerRadiusKm = result.origin ? radiusOptionsKm.find((km) => radius === null || km > radius) : undefined;
  const widerRadius =
    widerRadiusKm !== undefined
      ? { label: t("empty.widenRadiusTo", { distance: formatKm(widerRadiusKm, locale) }), href: hrefWith(params, "radius", String(widerRadiusKm)) }
      : null;

  return (
    <section className="col-12 col-lg-8 vc-results" aria-labelledby="results-heading" aria-busy={busy || undefined}>
      <h2 id="results-heading" className="visually-hidden">
        {t("results.heading")}
      </h2>
      <ResultsHeader result={result} formId={formId} sort={params.get("sort") ?? ""} sortError={errors.sort} />

      {result.source === "database" ? (
        <div className="alert alert-warning" role="note">
          {t("results.fallbackNotice")}
        </div>
      ) : null}
      {errors.page ? <FieldError field="page" messageKey={errors.page} /> : null}

      <ActiveFilters filters={filters} />

      {result.hits.length === 0 && result.total > 0 ? (
        <p>
          <Link to={hrefForPage(params, 1)}>{t("errors.page")}</Link>
        </p>
      ) : result.hits.length === 0 ? (
        <EmptyState filters={filters} widerRadius={widerRadius} hasText={(params.get("q") ?? "") !== ""} />
      ) : (
        <ol className="vc-results-list" aria-label={t("results.listLabel")} start={(result.page - 1) * PAGE_SIZE + 1}>
          {result.hits.map((hit) => (
            <li key={hit.id}>
              <ProviderCard hit={hit} locale={locale} href={profileHref(params, hit.id)} />
            </li>
          ))}
        </ol>
      )}

      <Pagination page={result.page} totalPages={result.totalPages} hrefFor={(page) => hrefForPage(params, page)} />
    </section>
  );
}
