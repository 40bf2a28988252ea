import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/SelectField";
import { useFacetLabel, type FacetCount } from "./facets";

/** The service category, each with how many results it would give. */
export function CategoryField({
  categories,
  defaultValue,
  error,
  facetCount,
}: {
  categories: Array<{ slug: string }>;
  defaultValue: string;
  error?: string;
  facetCount: FacetCount;
}) {
  const { t } = useTranslation(["search", "common"]);
  const facetLabel = useFacetLabel();
  const options = categories.map((category) => ({
    value: category.slug,
    label: facetLabel(t(`common:categories.${category.slug}.name`, { defaultValue: category.slug }), facetCount("category", category.slug)),
  }));
  return (
    <SelectField
      name="category"
      label={t("form.category")}
      options={[{ value: "", label: t("form.categoryAny") }, ...options]}
      defaultValue={defaultValue}
      error={error}
    />
  );
}
