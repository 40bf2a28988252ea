import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface RemovableFilter {
  label: string;
  href: string;
}

/** What to try when nothing matches: drop a filter, widen the radius, check spelling, start over. */
export function EmptyState({
  filters,
  widerRadius,
  hasText,
}: {
  filters: RemovableFilter[];
  widerRadius?: { label: string; href: string } | null;
  hasText: boolean;
}) {
  const { t } = useTranslation("search");
  return (
    <div className="vc-empty callout">
      <h3 className="h4">{t("empty.title")}</h3>
      <p>{t("empty.intro")}</p>
      <ul>
        {filters.length > 0 ? (
          <li>
            {t("empty.removeFilter")}
            <ul className="mt-1">
              {filters.map((filter) => (
                <li key={filter.href}>
                  <Link to={filter.href}>{t("results.removeFilter", { filter: filter.label })}</Link>
                </li>
              ))}
            </ul>
          </li>
        ) : null}
        {widerRadius ? (
          <li>
            {t("empty.widenRadius")}: <Link to={widerRadius.href}>{widerRadius.label}</Link>
          </li>
        ) : null}
        {hasText ? <li>{t("empty.checkSpelling")}</li> : null}
        <li>
          <Link to="/search">{t("empty.startOver")}</Link>
        </li>
      </ul>
    </div>
  );
}
