import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RemovableFilter } from "~/components/EmptyState";
import { Icon } from "~/components/Icon";

/** The filters in use, each a link that drops it. */
export function ActiveFilters({ filters }: { filters: RemovableFilter[] }) {
  const { t } = useTranslation("search");
  if (filters.length === 0) return null;
  return (
    <nav aria-label={t("results.activeFilters")} className="mb-3">
      <ul className="vc-active-filters">
        {filters.map((filter) => (
          <li key={filter.href}>
            <Link to={filter.href} aria-label={t("results.removeFilter", { filter: filter.label })}>
              {filter.label}
              <Icon name="it-close" size="xs" className="icon-primary" />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
