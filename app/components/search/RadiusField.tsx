import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/SelectField";
import { radiusOptionsKm } from "~/domain/search/search-options";
import { formatKm } from "~/i18n/format";

/** How far from the chosen place; without a place, a hint says a distance needs one. */
export function RadiusField({ defaultValue, error, hasOrigin }: { defaultValue: string; error?: string; hasOrigin: boolean }) {
  const { t, i18n } = useTranslation("search");
  const options = radiusOptionsKm.map((km) => ({ value: String(km), label: t("form.radiusKm", { distance: formatKm(km, i18n.language) }) }));
  return (
    <SelectField
      name="radius"
      label={t("form.radius")}
      options={[{ value: "", label: t("form.radiusServing") }, ...options]}
      defaultValue={defaultValue}
      error={error}
      hint={hasOrigin ? undefined : t("form.radiusHint")}
    />
  );
}
