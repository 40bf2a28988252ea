import { useTranslation } from "react-i18next";
import type { RemovableFilter } from "~/components/EmptyState";
import type { MunicipioOption, QuartiereOption } from "~/components/QuartiereSelect";
import { activeFilterEntries, hrefWithout, type FilterKey } from "~/components/search-url";
import { formatKm, formatMoney } from "~/i18n/format";

/** Keys that may be given more than once: a link drops one value, not all of them. */
const repeatedKeys: ReadonlySet<FilterKey> = new Set(["lang", "day", "priceBand"]);

/** The active filters of a search, each named in the page language with the link that drops it. */
export function useRemovableFilters(
  params: URLSearchParams,
  places: { quartieri: QuartiereOption[]; municipi: MunicipioOption[] },
): RemovableFilter[] {
  const { t, i18n } = useTranslation(["search", "common"]);
  const locale = i18n.language;
  const filterLabel = (key: FilterKey, raw: string): string => {
    switch (key) {
      case "q":
        return `«${raw}»`;
      case "category":
        return t(`common:categories.${raw}.name`, { defaultValue: raw });
      case "quartiere":
        return places.quartieri.find((q) => String(q.id) === raw)?.name ?? raw;
      case "municipio":
        return places.municipi.find((m) => String(m.id) === raw)?.name ?? raw;
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
  return activeFilterEntries(params).map(([key, raw]) => ({
    label: filterLabel(key, raw),
    href: hrefWithout(params, key, repeatedKeys.has(key) ? raw : undefined),
  }));
}
