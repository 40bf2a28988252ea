import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { isbot } from "isbot";
import { facetCounter } from "~/components/search/facets";
import { SEARCH_FORM_ID, SearchForm } from "~/components/search/SearchForm";
import { SearchFilters } from "~/components/search/SearchFilters";
import { SearchResults } from "~/components/search/SearchResults";
import { useRemovableFilters } from "~/components/search/useRemovableFilters";
import { useSearchForm } from "~/components/search/useSearchForm";
import { listCategories } from "~/domain/catalogue/catalogue.server";
import type { DemandRecorder, SearchOutcome } from "~/domain/impact/demand-recorder.server";
import { searchProviders } from "~/domain/search/search-providers.server";
import { parseSearchQuery, type SearchFieldErrors } from "~/domain/search/search-query.server";
import type { SearchResult } from "~/domain/search/search-types";
import { listMunicipi, listQuartieri } from "~/domain/territory/territory.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle, rootMetaData } from "~/i18n/meta";

export const handle = { i18n: ["common", "search"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  params.delete("lng"); // the interface-language switch, handled by the root loader
  const { query, errors } = parseSearchQuery(params);
  const locale = await i18nServer.getLocale(request);

  const [searched, categories, quartieri, municipi, t] = await Promise.all([
    searchProviders({ db: context.db, search: context.search, resultCache: context.searchResultCache }, query, { language: locale }),
    listCategories(context.db),
    listQuartieri(context.db),
    listMunicipi(context.db),
    i18nServer.getFixedT(locale, ["search", "common"]),
  ]);
  const { fieldErrors: searchErrors, ...result } = searched;
  // A first page with too few results is unmet demand: counted anonymously, in batches (app/domain/impact/demand-recorder.server.ts).
  const countDemand =
    query.page === 1 && !searchErrors.category && context.demand
      ? demandCounter(context.demand, { categorySlug: query.category ?? null, quartiereId: result.origin?.quartiereId ?? null, language: locale, resultCount: result.total })
      : undefined;
  countDemand?.(request.headers.get("User-Agent"));
  // Results from the index show nothing personal: the page may be shown again to other visitors
  // (counting their search too). A page from the database fallback is not kept.
  if (result.source === "meilisearch") context.sharedPage?.offer(countDemand);

  const categoryName = query.category ? t(`common:categories.${query.category}.name`, { defaultValue: "" }) : "";
  const title = categoryName
    ? t("search:meta.titleWithCategory", { category: categoryName })
    : query.q
      ? t("search:meta.titleWithQuery", { q: query.q })
      : t("search:meta.title");

  return {
    result: result satisfies SearchResult,
    errors: { ...errors, ...searchErrors } as SearchFieldErrors,
    categories,
    quartieri,
    municipi,
    title,
    heading: categoryName || t("search:heading"),
  };
}

/** Counts one search as demand, unless a crawler asked (kept apart from the loader so a kept page holds only this). */
function demandCounter(demand: DemandRecorder, search: SearchOutcome) {
  return (userAgent: string | null) => {
    if (!isbot(userAgent)) demand.recordSearch(search);
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "description", content: rootMetaData(matches)?.titles.description ?? "" },
  // Result pages are many and change constantly; the catalogue pages are what should be indexed.
  { name: "robots", content: "noindex, follow" },
];

export default function SearchPage() {
  const { result, errors, categories, quartieri, municipi, heading } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { formRef, onSubmit, onChange } = useSearchForm("/search");
  const filters = useRemovableFilters(searchParams, { quartieri, municipi });
  const facetCount = facetCounter(result);
  const busy = navigation.state === "loading" && navigation.location.pathname === "/search";

  return (
    <div className="container py-4" onChange={onChange}>
      <h1 className="mb-3">{heading}</h1>
      <SearchForm
        params={searchParams}
        errors={errors}
        categories={categories}
        quartieri={quartieri}
        municipi={municipi}
        facetCount={facetCount}
        hasOrigin={Boolean(result.origin)}
        formRef={formRef}
        onSubmit={onSubmit}
      />
      <div className="row g-4">
        <div className="col-12 col-lg-4">
          <SearchFilters formId={SEARCH_FORM_ID} params={searchParams} errors={errors} facetCount={facetCount} canReset={filters.length > 0} />
        </div>
        <SearchResults result={result} params={searchParams} errors={errors} filters={filters} formId={SEARCH_FORM_ID} busy={busy} />
      </div>
    </div>
  );
}
