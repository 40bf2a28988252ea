import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/SelectField";
import { sortOptions } from "~/domain/search/search-options";
import type { SearchResult } from "~/domain/search/search-types";

/** How many results (announced when it changes), which page, and the sort order. */
export function ResultsHeader({
  result,
  formId,
  sort,
  sortError,
}: {
  result: Pick<SearchResult, "total" | "page" | "totalPages" | "origin" | "defaultSort">;
  formId: string;
  sort: string;
  sortError?: string;
}) {
  const { t } = useTranslation("search");
  const countText = result.origin?.quartiereName
    ? t("results.countNear", { count: result.total, place: result.origin.quartiereName })
    : t("results.count", { count: result.total });
  return (
    <div className="d-flex flex-wrap justify-content-between align-items-end gap-3 mb-3">
      <div>
        <p className="h4 mb-0" role="status" aria-live="polite" aria-atomic="true">
          {countText}
        </p>
        {result.totalPages > 1 ? <p className="vc-hint mb-0">{t("results.pageOf", { page: result.page, pages: result.totalPages })}</p> : null}
      </div>
      <SelectField
        name="sort"
        label={t("form.sort")}
        form={formId}
        className="select-wrapper vc-form vc-sort"
        defaultValue={sort}
        error={sortError}
        // The empty choice is "the usual order", named after the order it gives for this search.
        options={[
          { value: "", label: t(`sort.${result.defaultSort}`) },
          ...sortOptions.filter((option) => option !== result.defaultSort).map((option) => ({ value: option, label: t(`sort.${option}`) })),
        ]}
      />
    </div>
  );
}
